import { THEME_IDS } from '../libs/domain/src/model/taxonomy';
import { tokenise } from '../libs/domain/src/understanding/text/tokenise';
import { contentTokens } from '../libs/domain/src/understanding/classification/lexicon-matcher';
import { THEME_LEXICON } from '../libs/domain/src/understanding/classification/theme-lexicon';
for (const t of THEME_IDS) for (const [p] of [...THEME_LEXICON[t].topic, ...THEME_LEXICON[t].problem]) {
  const words = p.split(' ').length; const c = contentTokens(tokenise(p));
  if (c.length < words) console.log(t, JSON.stringify(p), '->', c.map(x => x.stem).join(' '));
}
