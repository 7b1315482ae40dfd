import model from 'wink-eng-lite-web-model';

/**
 * Porter2 stemming, taken from winkNLP's English model (`wink-eng-lite-web-model`).
 *
 * We call the model's stem add-on directly rather than `nlp.readDoc(text)`: a full wink
 * document costs ~2 ms per 1,500 characters, which alone would blow the 0.5 ms budget
 * of `classify()`. Our own regex tokeniser plus this stemmer, memoised, costs a few µs.
 */
type StemFn = (word: string) => string;

function isStemFn(candidate: unknown): candidate is StemFn {
  return typeof candidate === 'function';
}

const rawStem: unknown = model.addons.stem;
if (!isStemFn(rawStem)) {
  throw new Error('wink-eng-lite-web-model no longer exposes addons.stem; the classifier needs it');
}
const porter2: StemFn = rawStem;

/** Bounded so that a stream of unique tokens (ids, typos) cannot grow memory forever. */
const MAX_CACHE = 50_000;
const cache = new Map<string, string>();

/** Irregular forms Porter2 leaves apart but which mean the same thing for our themes. */
const IRREGULAR: Readonly<Record<string, string>> = {
  told: 'tell',
  gave: 'give',
  given: 'give',
  went: 'go',
  gone: 'go',
  saw: 'see',
  seen: 'see',
  spoke: 'speak',
  spoken: 'speak',
  left: 'leav',
  lost: 'lose',
  children: 'child',
  women: 'woman',
  men: 'man',
  paid: 'pay',
  sent: 'send',
  kept: 'keep',
  felt: 'feel',
  made: 'make',
  took: 'take',
  taken: 'take',
  wrote: 'write',
  written: 'write',
  heard: 'hear',
  understood: 'understand',
  fell: 'fall',
  fallen: 'fall',
  died: 'die',
  dying: 'die',
  wrongly: 'wrong',
  referral: 'refer',
  referrals: 'refer',
  diagnosis: 'diagnos',
  // 'planning' (permission) must not merge with 'plan' (care plan, discharge plan)
  planning: 'planning',
  // Porter2 gives 'medic' for both medication and medical; only one is about medicines.
  medication: 'medication',
  medications: 'medication',
  // 'hous' would merge housing with any mention of a house.
  housing: 'housing',
  diagnoses: 'diagnos',
  // Porter2 merges these with unrelated words the lexicon relies on: "developed a pressure
  // sore" is not a developer, "universal credit" not a university, "pay fares" not PAYE,
  // "national insurance" not nationality, "travelled" not the Traveller community.
  developer: 'developer',
  developers: 'developer',
  university: 'university',
  universities: 'university',
  paye: 'paye',
  nationality: 'nationality',
  traveller: 'traveller',
  travellers: 'traveller',
};

/**
 * Longer "words" are returned unstemmed and not memoised. winkNLP's Porter2 is quadratic in
 * the word's length (a 2,000-letter word costs ~10 ms, a 20,000-letter one ~1 s), and no
 * English word comes near this length ("antidisestablishmentarianism" has 28 letters): such
 * a token is a pasted identifier or an attack, and no suffix rule means anything for it.
 * Not memoising it also keeps a stream of huge unique tokens out of the cache.
 */
export const MAX_STEMMED_LENGTH = 64;

/** Lower-cased word → stem. Memoised: complaint vocabulary is small and repetitive. */
export function stem(word: string): string {
  if (word.length > MAX_STEMMED_LENGTH) return word;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const result = IRREGULAR[word] ?? porter2(word);
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(word, result);
  return result;
}
