import { readFileSync, readdirSync } from 'node:fs';
import { redact } from '../libs/domain/src/understanding/redaction/redact';
const dir = 'libs/domain/src/understanding/classification/data/corpus';
const texts: string[] = [];
for (const f of readdirSync(dir)) for (const line of readFileSync(`${dir}/${f}`, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  for (const v of Object.values(JSON.parse(line) as Record<string, unknown>)) if (typeof v === 'string' && v.length > 200) texts.push(v);
}
const dev = readFileSync('libs/domain/src/understanding/redaction/data/development-set.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
for (const [label, set] of [['corpus', texts], ['dev', dev]] as const) {
  const chars = set.reduce((a, t) => a + t.length, 0);
  for (const t of set) redact(t);
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = process.hrtime.bigint(); for (const t of set) redact(t); best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1000); }
  console.log(label, set.length, 'texts', chars, 'chars', (best / (chars / 1000)).toFixed(1), 'µs per 1,000 chars');
}
