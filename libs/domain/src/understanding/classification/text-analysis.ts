import { tokenise, type Token } from '../text/tokenise';
import { contentTokens, LexiconMatcher, type LexiconHit } from './lexicon-matcher';
import { THEME_LEXICON } from './theme-lexicon';
import { THEME_IDS } from '../../model/taxonomy';

/** A text tokenised once, with what both the model and the lexicon need from it. */
export interface AnalysedText {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly content: readonly Token[];
  readonly hits: readonly LexiconHit[];
}

/** Compiled once per process: the lexicon is static. */
export const LEXICON_MATCHER = new LexiconMatcher(THEME_LEXICON);

export function analyseText(text: string): AnalysedText {
  const tokens = tokenise(text, { keepStopWords: false });
  const content = contentTokens(tokens);
  return { text, tokens, content, hits: LEXICON_MATCHER.match(tokens, content) };
}

/** Per theme (indexed like THEME_IDS): summed weight of phrases found, and of phrases denied. */
export interface LexiconScores {
  readonly support: Float64Array;
  readonly denied: Float64Array;
}

/** Learning text and service area hint at the theme but are not the complaint itself. */
const SECONDARY_TEXT_WEIGHT = 0.5;
/** Beyond this, more phrases for a theme add nothing: five weak words are not proof. */
export const LEXICON_SUPPORT_CAP = 4;
const SECONDARY_PHRASE_FACTOR = 0.5;

/**
 * Each phrase counts once per text, at its best placement; hits at or after
 * `secondaryFrom` (the learning text) and service-area hits count half.
 */
export function lexiconScores(hits: readonly LexiconHit[], secondaryFrom: number, areaHits: readonly LexiconHit[] = []): LexiconScores {
  const best = new Map<number, { hit: LexiconHit; weight: number }>();
  const consider = (hit: LexiconHit, weight: number): void => {
    const key = hit.negated ? -1 - hit.phraseId : hit.phraseId;
    const previous = best.get(key);
    if (previous === undefined || previous.weight < weight) best.set(key, { hit, weight });
  };
  for (const hit of hits) consider(hit, hit.start >= secondaryFrom ? hit.weight * SECONDARY_TEXT_WEIGHT : hit.weight);
  for (const hit of areaHits) if (!hit.negated) consider(hit, hit.weight * SECONDARY_TEXT_WEIGHT);
  const total = new Float64Array(THEME_IDS.length);
  const strongest = new Float64Array(THEME_IDS.length);
  const denied = new Float64Array(THEME_IDS.length);
  for (const { hit, weight } of best.values()) {
    const t = THEME_IDS.indexOf(hit.theme);
    if (hit.negated) {
      denied[t] += weight;
    } else {
      total[t] += weight;
      strongest[t] = Math.max(strongest[t], weight);
    }
  }
  // Diminishing returns: the strongest phrase counts fully, the others half, so that
  // "ward", "nurse" and "treatment" in one text do not add up to a clinical-care complaint.
  const support = total.map((sum, t) => Math.min(strongest[t] + SECONDARY_PHRASE_FACTOR * (sum - strongest[t]), LEXICON_SUPPORT_CAP));
  return { support, denied };
}
