import { THEME_IDS } from '../libs/domain/src/model/taxonomy';
import { tokenise } from '../libs/domain/src/understanding/text/tokenise';
import { LexiconMatcher, contentTokens } from '../libs/domain/src/understanding/classification/lexicon-matcher';
import { THEME_LEXICON } from '../libs/domain/src/understanding/classification/theme-lexicon';
import { createDefaultClassifier } from '../libs/domain/src/understanding/classification/train-classifier';
const m = new LexiconMatcher(THEME_LEXICON);
const c = createDefaultClassifier();
for (const text of process.argv.slice(2)) {
  const toks = tokenise(text);
  const content = contentTokens(toks);
  console.log(content.map(t => t.stem + (t.negatedBy >= 0 ? '(neg)' : '')).join(' '));
  console.log(m.match(toks, content).map(h => `${h.theme}:${text.slice(h.start, h.end)}:${h.weight}${h.negated ? ':NEG' : ''}`).join(' | '));
  const p = c.scoreThemes({ summary: text });
  console.log(THEME_IDS.map((id, i) => [id, p[i].toFixed(2)]).filter(x => Number(x[1]) > 0.1).join(' '));
  console.log(JSON.stringify(c.classify({ summary: text })));
}
