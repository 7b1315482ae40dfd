import fc from 'fast-check';
import { redact } from './redaction/redact';
import { writeLearningSummary } from './summary/learning-summary';
import { splitSentences } from './text/sentences';
import { tokenise } from './text/tokenise';
import { understand } from './understand';
import type { Classification } from '../model/complaint';

/*
 * "Linear time on any input": every text function must grow linearly with its input, whatever
 * the input is. These tests assert growth RATIOS (CPU at 4n against CPU at n, best of several
 * rounds), never absolute budgets: absolute figures belong to the benchmark
 * (scripts/bench-text-worst-case.ts, `npm run bench:text`), where the machine is known.
 * Linear code gives a ratio near 4; quadratic code gives ~16. The limit of 8 leaves room for
 * noise and cache effects without letting a quadratic path through.
 */

/**
 * n = 2,000 and 4n = 8,000 characters: big enough that a quadratic path dominates (the old
 * sentence splitter took ~16× longer at 4n), small enough that a text's tokens stay inside
 * V8's young generation. Past ~10,000 live tokens each scavenge copies them all and the cost
 * steps up (a plain loop pushing 20,000 objects into an array shows the same step, about
 * 10× for 2× the objects, then grows linearly again): a fixed cost of the heap, not of our
 * algorithms, which would make the ratio lie. The benchmark covers the full 20,000.
 */
const N = 2_000;
const MAX_RATIO = 8;
/** Each round runs the function repeatedly for at least this long, so timer noise is small. */
const ROUND_MICROS = 8_000;
const ROUNDS = 5;

function bestCpuMicrosPerCall(fn: () => unknown): number {
  fn(); // warm-up: JIT and memo caches
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.cpuUsage();
    let calls = 0;
    let elapsed: number;
    do {
      fn();
      calls += 1;
      const used = process.cpuUsage(start);
      elapsed = used.user + used.system;
    } while (elapsed < ROUND_MICROS);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

/**
 * CPU at 4n over CPU at n. A ratio above the limit is measured again (up to three times in
 * all, keeping the best time seen at each size): a garbage collection can inflate one
 * measurement, but a quadratic path stays near 16 however often it is measured.
 */
function growthRatio(fn: (text: string) => unknown, generate: (n: number) => string): number {
  const small = generate(N);
  const large = generate(4 * N);
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let attempt = 0; attempt < 3 && (attempt === 0 || bestLarge / bestSmall > MAX_RATIO); attempt += 1) {
    bestSmall = Math.min(bestSmall, bestCpuMicrosPerCall(() => fn(small)));
    bestLarge = Math.min(bestLarge, bestCpuMicrosPerCall(() => fn(large)));
  }
  return bestLarge / bestSmall;
}

/**
 * As growthRatio, but every call gets a text never seen before (`generate(n, k)` for the k-th
 * call), so memo caches cannot hide the cost of a first sighting. Generating is linear, so
 * timing it with the call can only pull the ratio towards 4.
 */
function freshGrowthRatio(fn: (text: string) => unknown, generate: (n: number, k: number) => string): number {
  let calls = 0;
  const timeAt = (n: number): number => bestCpuMicrosPerCall(() => fn(generate(n, (calls += 1))));
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let attempt = 0; attempt < 3 && (attempt === 0 || bestLarge / bestSmall > MAX_RATIO); attempt += 1) {
    bestSmall = Math.min(bestSmall, timeAt(N));
    bestLarge = Math.min(bestLarge, timeAt(4 * N));
  }
  return bestLarge / bestSmall;
}

/** A word of `n` letters that no earlier call produced: the k-th, spelt in base 26, then padding. */
function freshWord(n: number, k: number): string {
  let prefix = '';
  for (let rest = k; rest > 0; rest = Math.floor(rest / 26)) prefix += String.fromCharCode(97 + (rest % 26));
  return `${prefix}${'e'.repeat(n - prefix.length - 3)}ing`;
}

/** `unit` repeated to exactly `n` characters. */
function fill(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

const SENTENCE = 'The nurse did not give my mother her medication on time and the ward ignored our complaint. ';

/** Inputs built to hit the worst case of regexes and scanners: long runs, deep repetition. */
const ADVERSARIAL: Record<string, (n: number) => string> = {
  'full stops': (n) => '.'.repeat(n),
  'full stops, then a word': (n) => `${'.'.repeat(n - 3)}end`,
  '". " repeated': (n) => fill('. ', n),
  '"!?" repeated, then a word': (n) => `${fill('!?', n - 1)}a`,
  'one very long word': (n) => 'a'.repeat(n),
  'a realistic sentence, repeated': (n) => fill(SENTENCE, n),
  'dense PII-like digits and capitalised words': (n) => fill('Mr John Smith 0207 946 0958 943 476 5919 AB 12 34 56 C SW1A 1AA 12/03/1950 ', n),
  'spaces and line breaks': (n) => `a${fill(' \n\t ', n - 2)}b`,
  '"Mr Mr Mr"': (n) => fill('Mr ', n),
  '"@@@@"': (n) => '@'.repeat(n),
  '"0 0 0 0"': (n) => fill('0 ', n),
  '"born" then spaces': (n) => `born${' '.repeat(n - 5)}x`,
  '"Flat " then digits': (n) => `Flat ${'1'.repeat(n - 5)}`,
  'an email with a long domain': (n) => `a@${fill('a.', n - 2)}`,
};

const CLASSIFICATION: Classification = {
  themes: [{ id: 'communication', confidence: 0.9, evidence: ['not told'] }],
  severity: 'medium',
  confidence: 0.9,
  version: 'clf-test',
};

/** The text functions a worker runs on every record. */
const TEXT_FUNCTIONS: Record<string, (text: string) => unknown> = {
  splitSentences: (text) => splitSentences(text),
  redact: (text) => redact(text),
  tokenise: (text) => tokenise(text),
  writeLearningSummary: (text) =>
    writeLearningSummary({ summary: text, learning: text, outcome: 'upheld', serviceArea: 'Maternity', remedies: [], classification: CLASSIFICATION }),
};

describe('linear time on adversarial input (growth ratio, 4n against n)', () => {
  for (const [inputName, generate] of Object.entries(ADVERSARIAL)) {
    for (const [functionName, fn] of Object.entries(TEXT_FUNCTIONS)) {
      it(`${functionName}: ${inputName}`, () => {
        expect(growthRatio(fn, generate)).toBeLessThanOrEqual(MAX_RATIO);
      });
    }
  }
});

describe('linear time on words never seen before (no memo cache to hide behind)', () => {
  it('tokenise: one very long word', () => {
    expect(freshGrowthRatio((text) => tokenise(text), freshWord)).toBeLessThanOrEqual(MAX_RATIO);
  });

  it('understand: summary and learning, each one very long word', () => {
    const record = (text: string) => ({ summary: text, learning: text, serviceArea: 'Housing', outcome: 'upheld' as const, remedies: [] });
    expect(freshGrowthRatio((text) => understand(record(text)), freshWord)).toBeLessThanOrEqual(MAX_RATIO);
  });
});

describe('linear time on generated input (fast-check)', () => {
  /** Characters the regexes and scanners treat specially. */
  const hostileChar = fc.constantFrom('.', '!', '?', ' ', '\n', 'a', 'A', 'M', 'r', '1', '0', '@', '[', ']', '£', ',', '-', ':', "'");
  const short = (maxLength: number) => fc.array(hostileChar, { minLength: 0, maxLength }).map((chars) => chars.join(''));
  /**
   * A short unit repeated to n, between a short head and tail: deep repetition of whatever
   * shape fast-check finds, and a long run that ends in something else ("......a").
   */
  const shape = fc.record({ head: short(3), unit: short(6).filter((u) => u.length > 0), tail: short(3) });

  it.each(Object.entries(TEXT_FUNCTIONS))('%s grows linearly on any repeated unit', (_name, fn) => {
    fc.assert(
      fc.property(shape, ({ head, unit, tail }) => growthRatio(fn, (n) => head + fill(unit, n - head.length - tail.length) + tail) <= MAX_RATIO),
      // A time budget instead of a fixed run count: each run times two sizes.
      { numRuns: 40, interruptAfterTimeLimit: 4_000, markInterruptAsFailure: false, seed: 20_000 },
    );
  });
});

describe('understand(): one record end to end (redact, classify, summarise)', () => {
  it.each([
    ['full stops, then a word', ADVERSARIAL['full stops, then a word']],
    ['a realistic sentence, repeated', ADVERSARIAL['a realistic sentence, repeated']],
    ['dense PII-like digits and capitalised words', ADVERSARIAL['dense PII-like digits and capitalised words']],
    ['"Mr Mr Mr"', ADVERSARIAL['"Mr Mr Mr"']],
  ])('grows linearly with summary and learning: %s', (_name, generate) => {
    const record = (text: string) => ({ summary: text, learning: text, serviceArea: 'Maternity', outcome: 'upheld' as const, remedies: [] });
    expect(growthRatio((text) => understand(record(text)), generate)).toBeLessThanOrEqual(MAX_RATIO);
  });
});
