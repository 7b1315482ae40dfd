import { tokenise, type Token } from '../../text/tokenise';
import { contentTokens, LexiconMatcher, type LexiconHit } from './lexicon-matcher';
import { THEME_LEXICON } from './theme-lexicon';
import { expandLexicon } from './lexicon-expansion';
import { THEME_IDS } from '../../../model/taxonomy';

/** A text tokenised once, with what both the model and the lexicon need from it. */
export interface AnalysedText {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly content: readonly Token[];
  readonly hits: readonly LexiconHit[];
}

/** Compiled once per process: the lexicon (curated, plus its WordNet expansion) is static. */
export const LEXICON_MATCHER = new LexiconMatcher(expandLexicon(THEME_LEXICON));

export function analyseText(text: string): AnalysedText {
  const tokens = tokenise(text, { keepStopWords: false });
  const content = contentTokens(tokens);
  return { text, tokens, content, hits: LEXICON_MATCHER.match(tokens, content) };
}

/** Per theme (indexed like THEME_IDS): weight of phrases found (all, topic, problem), of phrases denied, and the rival signal. */
export interface LexiconScores {
  /** Topic and problem phrases together. */
  readonly support: Float64Array;
  /** Phrases that name the subject ("care home", "school"): may be a mere mention. */
  readonly topic: Float64Array;
  /** Phrases that say what went wrong ("rude", "misdiagnosed"). */
  readonly problem: Float64Array;
  readonly denied: Float64Array;
  /** The strongest problem support of any other theme. */
  readonly rival: Float64Array;
}

/** Learning text and service area hint at the theme but are not the complaint itself. */
const SECONDARY_TEXT_WEIGHT = 0.5;
/** Beyond this, more phrases for a theme add nothing: five weak words are not proof. */
export const LEXICON_SUPPORT_CAP = 4;
const SECONDARY_PHRASE_FACTOR = 0.5;
const THEME_INDEX = new Map(THEME_IDS.map((id, t) => [id, t]));

/** Diminishing returns: the strongest phrase counts fully, the others half, capped. */
function diminishing(total: Float64Array, strongest: Float64Array): Float64Array {
  return total.map((sum, t) => Math.min(strongest[t] + SECONDARY_PHRASE_FACTOR * (sum - strongest[t]), LEXICON_SUPPORT_CAP));
}

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
  const themes = THEME_IDS.length;
  const total = new Float64Array(themes);
  const strongest = new Float64Array(themes);
  const topicTotal = new Float64Array(themes);
  const topicStrongest = new Float64Array(themes);
  const problemTotal = new Float64Array(themes);
  const problemStrongest = new Float64Array(themes);
  const denied = new Float64Array(themes);
  for (const { hit, weight } of best.values()) {
    const t = THEME_INDEX.get(hit.theme) ?? 0;
    if (hit.negated) {
      denied[t] += weight;
      continue;
    }
    total[t] += weight;
    strongest[t] = Math.max(strongest[t], weight);
    if (hit.problem) {
      problemTotal[t] += weight;
      problemStrongest[t] = Math.max(problemStrongest[t], weight);
    } else {
      topicTotal[t] += weight;
      topicStrongest[t] = Math.max(topicStrongest[t], weight);
    }
  }
  // "ward", "nurse" and "treatment" in one text do not add up to a clinical-care complaint.
  const support = diminishing(total, strongest);
  const topic = diminishing(topicTotal, topicStrongest);
  const problem = diminishing(problemTotal, problemStrongest);
  // Best and second-best problem support, so each theme's rival excludes itself.
  let first = -1;
  let second = -1;
  for (let t = 0; t < themes; t += 1) {
    if (first < 0 || problem[t] > problem[first]) {
      second = first;
      first = t;
    } else if (second < 0 || problem[t] > problem[second]) second = t;
  }
  const rival = new Float64Array(themes);
  for (let t = 0; t < themes; t += 1) rival[t] = t === first ? problem[second] : problem[first];
  return { support, topic, problem, denied, rival };
}

