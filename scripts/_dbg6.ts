import { THEME_IDS } from '../libs/domain/src/model/taxonomy';
import { CORPUS_BY_FILE } from '../libs/domain/src/understanding/classification/corpus';
import { trainClassifier } from '../libs/domain/src/understanding/classification/train-classifier';
import { analyseText, lexiconScores } from '../libs/domain/src/understanding/classification/text-analysis';
// 5-fold CV over corpus (fold = index in file % 5), print errors for fold given
const fold = Number(process.argv[2] ?? '1');
const train = CORPUS_BY_FILE.flatMap((f) => f.filter((_, i) => i % 5 !== fold));
const test = CORPUS_BY_FILE.flatMap((f) => f.filter((_, i) => i % 5 === fold));
const c = trainClassifier(train);
const fpCount = new Map<string, number>(), fnCount = new Map<string, number>();
for (const e of test) {
  const r = c.classify({ summary: e.text });
  const got = r.themes.map((t) => t.id);
  const fn = e.themes.filter((t) => !got.includes(t));
  const fp = got.filter((t) => !e.themes.includes(t));
  fn.forEach((t) => fnCount.set(t, (fnCount.get(t) ?? 0) + 1)); fp.forEach((t) => fpCount.set(t, (fpCount.get(t) ?? 0) + 1));
  if (fn.length || fp.length) {
    const a = analyseText(e.text); const lex = lexiconScores(a.hits, e.text.length);
    const hits = a.hits.filter(h => fp.includes(h.theme) || fn.includes(h.theme)).map(h => `${h.theme}:${e.text.slice(h.start, h.end)}${h.negated ? '(NEG)' : ''}`);
    console.log(`FN[${fn}] FP[${fp}] :: ${e.text}\n    hits: ${hits.join(', ')}`);
  }
}
console.log('FN', [...fnCount].sort((a, b) => b[1] - a[1]).join(' '));
console.log('FP', [...fpCount].sort((a, b) => b[1] - a[1]).join(' '));
