import { fmix32, fnv1a32 } from './hash32';
import { sortUnique, type ShingleSet } from './shingles';

/**
 * The second dedup signal: the SET of content words (stop words dropped, lightly stemmed).
 * A word 3-shingle set loses three shingles for every changed word, so a 60-word complaint
 * with four words changed falls to Jaccard ≈ 0.6; its content-word set loses at most four
 * members of ~35, and moving a sentence changes nothing at all.
 */

/**
 * Function words carry no case detail. Apostrophes are already deleted by normalisedWords,
 * hence "didnt". Deliberately NOT stop words: domain words ("nurse", "ward", "discharge") —
 * they are content, and the decision rule is what keeps same-ward cases apart.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can cannot could couldnt did didnt do does doesnt doing dont down during each even ever every few for from further had hadnt ' +
    'has hasnt have havent having he hed hes her here hers herself him himself his how i id ill im ive if in into is isnt it its ' +
    'itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she shes ' +
    'should shouldnt so some such than that thats the their theirs them themselves then there theres these they theyre this those ' +
    'through to too under until up upon us very was wasnt we were werent weve what when where which while who whom why will with ' +
    'wont would wouldnt you your yours yourself yourselves really actually again still already yet get got getting go went gone ' +
    'one two three four five six seven eight nine ten'
  ).split(' '),
);

/** Hash space of content words: the top bit set, so they never collide with word shingles. */
export const CONTENT_WORD_BIT = 0x80000000;
/** Reserved as the "format v2" marker of a stored set (see stored-set.ts); never a word hash. */
export const STORED_SET_MARKER = 0xffffffff;

const SEED = 0x3c6ef372;

/**
 * Light suffix stripping ("visits"/"visited"/"visiting" → "visit", "discharge"/"discharged" →
 * "discharg"). Constant work per word (a few endsWith checks and slices), so linear in the
 * text. Not a full Porter stemmer: over-stemming joins words, which would raise the overlap
 * of different cases.
 */
export function lightStem(word: string): string {
  const stem = stripSuffix(word);
  return stem.length > 3 && stem.endsWith('e') ? stem.slice(0, stem.length - 1) : stem;
}

function stripSuffix(word: string): string {
  const n = word.length;
  if (n > 5 && word.endsWith('ies')) return `${word.slice(0, n - 3)}y`;
  if (n > 5 && word.endsWith('ing')) return word.slice(0, n - 3);
  if (n > 4 && word.endsWith('ed')) return word.slice(0, n - 2);
  if (n > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, n - 1);
  return word;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Normalised words (see normalisedWords) → stemmed content words, in text order. */
export function contentWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (word.length > 1 && !STOP_WORDS.has(word)) out.push(lightStem(word));
  }
  return out;
}

/** 32-bit hash of one content word in the top half of the space, never the marker. */
function wordHash(stem: string): number {
  const h = (fmix32(fnv1a32(stem) ^ SEED) | CONTENT_WORD_BIT) >>> 0;
  return h === STORED_SET_MARKER ? STORED_SET_MARKER - 1 : h;
}

/** The content-word set of normalised words, as sorted unique hashes (top bit set). */
export function contentWordSet(words: readonly string[]): ShingleSet {
  const stems = contentWords(words);
  const hashes = new Uint32Array(stems.length);
  for (let i = 0; i < stems.length; i++) hashes[i] = wordHash(stems[i]);
  return sortUnique(hashes);
}

/** |A ∩ B| of two sorted unique sets, by a linear merge. */
export function intersectionSize(a: ShingleSet, b: ShingleSet): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

/** How two content-word sets overlap: Jaccard and the number of words only one side has. */
export interface WordOverlap {
  jaccard: number;
  /** |A ∩ B| / min(|A|, |B|): 1 when one text is the other with a sentence removed. */
  containment: number;
  shared: number;
  /** Words in exactly one of the texts: small for an edit, large for a different case. */
  differing: number;
}

export function wordOverlap(a: ShingleSet, b: ShingleSet): WordOverlap {
  const shared = intersectionSize(a, b);
  const union = a.length + b.length - shared;
  const smaller = Math.min(a.length, b.length);
  return {
    jaccard: union === 0 ? 0 : shared / union,
    containment: smaller === 0 ? 0 : shared / smaller,
    shared,
    differing: union - shared,
  };
}
