import { THEME_IDS } from '../libs/domain/src/model/taxonomy';
import { splitCorpus } from '../libs/domain/src/understanding/classification/corpus';
import { trainClassifier } from '../libs/domain/src/understanding/classification/train-classifier';
import { analyseText, lexiconScores } from '../libs/domain/src/understanding/classification/text-analysis';
const { train, test } = splitCorpus();
const c = trainClassifier(train);
// eslint-disable-next-line
console.log((c as any).parts.combiners.map((w: any, i: number) => `${THEME_IDS[i]} m=${w.model.toFixed(2)} s=${w.support.toFixed(2)} d=${w.denied.toFixed(2)} b=${w.bias.toFixed(2)}`).join('\n'));
for (const e of test.slice(0, 40)) {
  const r = c.classify({ summary: e.text });
  const a = analyseText(e.text);
  const lex = lexiconScores(a.hits, e.text.length);
  const lexStr = THEME_IDS.map((id, t) => lex.support[t] > 0 ? `${id}:${lex.support[t].toFixed(1)}` : '').filter(Boolean).join(',');
  console.log(`GOLD ${e.themes.join(',')} | GOT ${r.themes.map(t => t.id + ':' + t.confidence).join(',')} | LEX ${lexStr}\n   ${e.text.slice(0, 100)}`);
}
