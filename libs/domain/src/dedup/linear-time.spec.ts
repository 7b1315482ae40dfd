import { contentWordSet } from './content-words';
import { dedupFingerprint } from './fingerprint';
import { normalisedWords, normaliseForDedup } from './normalise';
import { wordShingles } from './shingles';

/**
 * Every text function must run in time linear in its input (inputs are attacker-controlled
 * free text up to 20,000 chars). Absolute times vary by machine and Jest is slow, so these
 * compare ratios: an input four times the size may take at most ~6× as long (a quadratic
 * step, such as regex backtracking, takes ~16× every time). Each timing is the best of five
 * rounds, and a ratio over the bound is measured again up to twice: load on a shared machine
 * inflates a ratio now and then, a quadratic step inflates it always.
 *
 * Tokens are several letters long on purpose: with tokens of 1–4 letters, 80,000 chars make a
 * word array of 16,000+ elements (over 128 KB), which V8 allocates in large-object space at a
 * cost that depends on the heap (Jest's is large), not on the input: a step of ~3–10× measured
 * once between 20,000 and 80,000 chars, not a growth rate. Summaries are capped at 20,000 chars.
 */
const N = 20_000;

const ADVERSARIAL: ReadonlyArray<readonly [string, (size: number) => string]> = [
  ['one long word', (size) => 'a'.repeat(size)],
  ['only full stops', (size) => '.'.repeat(size)],
  ['deep repetition of one phrase', (size) => 'discharge coordinator '.repeat(Math.ceil(size / 22)).slice(0, size)],
  ['unclosed placeholders', (size) => '[discharge'.repeat(size / 10)],
  ['date-like digit runs', (size) => '1/2/'.repeat(size / 4)],
  ['apostrophes and curly quotes', (size) => "didn't\u2019 ".repeat(size / 8)],
  ['many distinct short words', (size) => Array.from({ length: size / 8 }, (_, i) => `word${i.toString(36)}`).join(' ').slice(0, size)],
];

const STEPS: ReadonlyArray<readonly [string, (text: string) => unknown]> = [
  ['normaliseForDedup', normaliseForDedup],
  ['wordShingles', (text) => wordShingles(normaliseForDedup(text))],
  ['contentWordSet', (text) => contentWordSet(normalisedWords(text))],
  ['dedupFingerprint', dedupFingerprint],
];

/** Best of five rounds of `repeat` calls, in ns per call. */
function bestTime(fn: () => unknown, repeat: number): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < repeat; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / repeat);
  }
  return best;
}

/** Enough calls that one round of the small input lasts ~20 ms: tiny timings are all noise. */
function repeatsFor(fn: () => unknown): number {
  const once = Math.max(bestTime(fn, 1), 1_000);
  return Math.max(1, Math.min(2_000, Math.round(20e6 / once)));
}

describe('text functions run in linear time', () => {
  for (const [inputName, make] of ADVERSARIAL) {
    for (const [stepName, step] of STEPS) {
      it(`${stepName}: ${inputName}, 4n takes at most ~6× n`, () => {
        const small = make(N);
        const large = make(4 * N);
        expect(large.length).toBeGreaterThanOrEqual(3.9 * small.length);
        step(large); // warm-up
        const repeat = repeatsFor(() => step(small));
        const ratio = () => bestTime(() => step(large), repeat) / bestTime(() => step(small), repeat);
        let best = ratio();
        for (let retry = 0; retry < 2 && best >= 6; retry++) best = Math.min(best, ratio());
        expect(best).toBeLessThan(6);
      });
    }
  }
});
