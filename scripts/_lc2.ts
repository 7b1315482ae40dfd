import { readFileSync, readdirSync } from 'node:fs';
import { secondGazetteer, isEnglishWord, NOT_NAMES_LOWER } from '../libs/domain/src/understanding/redaction/gazetteer';
const dir = 'libs/domain/src/understanding/classification/data/corpus';
const counts = new Map<string, number>();
for (const f of readdirSync(dir)) for (const line of readFileSync(`${dir}/${f}`, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  for (const m of line.matchAll(/\b[a-z]{4,}\b/g)) {
    const w = m[0]; const cap = w[0].toUpperCase() + w.slice(1);
    if (secondGazetteer().has(cap) && !isEnglishWord(w) && !NOT_NAMES_LOWER.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
}
console.log([...counts].sort((a, b) => b[1] - a[1]).slice(0, 150).map(([w, c]) => `${w}:${c}`).join(' '));
