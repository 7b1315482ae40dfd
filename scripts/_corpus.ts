import { readFileSync, readdirSync } from 'node:fs';
import { redact } from '../libs/domain/src/understanding/redaction/redact';
import { redactedSpans } from '../libs/domain/src/understanding/redaction/redaction-score';
import { gazetteer } from '../libs/domain/src/understanding/redaction/gazetteer';
const dir = 'libs/domain/src/understanding/classification/data/corpus';
const counts = new Map<string, number>();
const ctx = new Map<string, string>();
for (const f of readdirSync(dir)) for (const line of readFileSync(`${dir}/${f}`, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const rec = JSON.parse(line) as Record<string, unknown>;
  for (const v of Object.values(rec)) {
    if (typeof v !== 'string' || v.length < 20) continue;
    for (const s of redactedSpans(v, redact(v).text)) {
      const t = v.slice(s.start, s.end);
      const key = `${s.kind}|${t}`;
      if (s.kind === 'name' && t.split(' ').every((w) => gazetteer().has(w))) continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      ctx.set(key, v.slice(Math.max(0, s.start - 30), s.end + 30).replace(/\n/g, ' '));
    }
  }
}
for (const [k, c] of [...counts].sort((a, b) => b[1] - a[1])) console.log(c, k, ' ::', ctx.get(k));
