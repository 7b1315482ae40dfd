/**
 * Worst-case CPU of the text functions on adversarial input (issue "Linear time on any input").
 *
 *   npx tsx scripts/bench-text-worst-case.ts            # or: npm run bench:text
 *   npx tsx scripts/bench-text-worst-case.ts 'full stops'  # one generator only
 *
 * For each generator and function: process CPU per call (best of several rounds) at n and 4n
 * characters, and the growth ratio (≈4 is linear, ≈16 quadratic). Then the CPU of understand()
 * on a maximum-size record (summary 20,000 + learning 20,000) built from each generator.
 */
import { dedupFingerprint } from '../libs/domain/src/dedup';
import { createDefaultClassifier, redact, writeLearningSummary, understand } from '../libs/domain/src/understanding';
import { splitSentences } from '../libs/domain/src/understanding/text/sentences';
import { tokenise } from '../libs/domain/src/understanding/text/tokenise';

const MAX_FIELD = 20_000;
const SMALL = 5_000;

/** Repeats `unit` to exactly `n` characters. */
function fill(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

const SENTENCE = 'The nurse did not give my mother her medication on time and the ward ignored our complaint. ';

const GENERATORS: Record<string, (n: number) => string> = {
  'full stops': (n) => '.'.repeat(n),
  '". " repeated': (n) => fill('. ', n),
  'one long word': (n) => 'a'.repeat(n),
  '"!?" repeated': (n) => fill('!?', n),
  'repeated sentence': (n) => fill(SENTENCE, n),
  'dense PII-like': (n) => fill('Mr John Smith 0207 946 0958 943 476 5919 AB 12 34 56 C SW1A 1AA 12/03/1950 ', n),
  'digits and spaces': (n) => fill('0 ', n),
  'digit groups': (n) => fill('01234 ', n),
  'long digit run': (n) => '1'.repeat(n),
  'spaces/newlines': (n) => 'a' + fill(' \n\t ', n - 2) + 'b',
  '"Mr Mr Mr"': (n) => fill('Mr ', n),
  '"my son my son"': (n) => fill('my son ', n),
  'capitalised words': (n) => fill('Abc ', n),
  '"@@@@"': (n) => '@'.repeat(n),
  'email-ish run': (n) => fill('a.', n) + '@',
  'dots then word': (n) => '.'.repeat(n - 1) + 'a',
  '"born" repeated': (n) => fill('born ', n),
  '"1 Abc " repeated': (n) => fill('1 Abc ', n),
  '"not not"': (n) => fill('not ', n),
  '"[a" brackets': (n) => fill('[a', n),
  '"£1," money': (n) => '£' + fill('1,', n - 1),
  '"!?" then word': (n) => fill('!?', n - 1) + 'a',
  '"born" + spaces': (n) => 'born' + ' '.repeat(n - 5) + 'x',
  '"Flat " + digits': (n) => 'Flat ' + '1'.repeat(n - 5),
  '"1 A" + long word': (n) => '1 A' + 'b'.repeat(n - 3),
  '"Mr" + spaces': (n) => 'Mr' + ' '.repeat(n - 3) + 'x',
  'email, long domain': (n) => 'a@' + fill('a.', n - 2),
  '"(01 " repeated': (n) => fill('(01 ', n),
  // Thousands of distinct lexicon quotes ("not <adverb> told" matches "not told"): evidence.
  'distinct "not Xly told"': (n) => distinctPhrases(n),
};

/** "We were not aaly told. We were not ably told. …": every quote different. */
function distinctPhrases(n: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let k = 0; length < n; k += 1) {
    const adverb = (k + 1_000).toString(26).replace(/[0-9a-p]/g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
    const part = `We were not ${adverb}ly told. `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, n);
}

/** Best CPU microseconds per call over rounds; each round repeats enough calls to be timeable. */
function cpuMicros(fn: () => unknown, rounds = 7): number {
  fn(); // warm-up (JIT, memo caches)
  let best = Infinity;
  for (let r = 0; r < rounds; r += 1) {
    let calls = 0;
    const start = process.cpuUsage();
    let elapsed: number;
    do {
      fn();
      calls += 1;
      const d = process.cpuUsage(start);
      elapsed = d.user + d.system;
    } while (elapsed < 20_000 && calls < 1_000);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

const classifier = createDefaultClassifier();
const emptyClassification = classifier.classify({ summary: 'The nurse was rude.' });

/** The text functions of one record; classify() covers the lexicon matcher and severity rules. */
const FUNCTIONS: Record<string, (text: string) => unknown> = {
  redact: (t) => redact(t),
  splitSentences: (t) => splitSentences(t),
  tokenise: (t) => tokenise(t),
  writeLearningSummary: (t) =>
    writeLearningSummary({ summary: t, learning: t, outcome: 'upheld', serviceArea: 'Maternity', remedies: [], classification: emptyClassification }),
  classify: (t) => classifier.classify({ summary: t, learning: t, serviceArea: 'Maternity' }),
  // Not ours (libs/domain/src/dedup), but the worker runs it on every record too.
  dedupFingerprint: (t) => dedupFingerprint(t),
};

function fmt(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`;
}

/**
 * The growth ratio, and where it is above 8 the next one (16n against 4n). V8's young
 * generation makes the cost of allocation-heavy code step up once ~10,000 objects are live
 * (a plain loop pushing objects into an array shows it): a step is followed by a ratio near 4
 * again, a quadratic path by another 16.
 */
function ratio(small: number, large: number, larger: () => number): string {
  const r = large / small;
  if (r <= 8) return r.toFixed(1);
  const next = larger() / large;
  return `${r.toFixed(1)}, then ${next.toFixed(1)} at ${16 * SMALL}: ${next > 8 ? '**super-linear**' : 'a step, linear beyond'}`;
}

function growthTable(onlyGenerator?: string): void {
  console.log(`\n| input | function | CPU at ${SMALL} | CPU at ${4 * SMALL} | ratio (4 = linear) |`);
  console.log('|---|---|---:|---:|---:|');
  for (const [gname, gen] of Object.entries(GENERATORS)) {
    if (onlyGenerator !== undefined && gname !== onlyGenerator) continue;
    const small = gen(SMALL);
    const large = gen(4 * SMALL);
    for (const [fname, fn] of Object.entries(FUNCTIONS)) {
      const a = cpuMicros(() => fn(small));
      const b = cpuMicros(() => fn(large));
      console.log(`| ${gname} | ${fname} | ${fmt(a)} | ${fmt(b)} | ${ratio(a, b, () => cpuMicros(() => fn(gen(16 * SMALL))))} |`);
    }
  }
}

function maxRecordTable(onlyGenerator?: string): void {
  console.log(`\n| input | understand(), summary ${MAX_FIELD} + learning ${MAX_FIELD} chars (CPU, best) |`);
  console.log('|---|---:|');
  let worst = 0;
  for (const [gname, gen] of Object.entries(GENERATORS)) {
    if (onlyGenerator !== undefined && gname !== onlyGenerator) continue;
    const text = gen(MAX_FIELD);
    const record = { summary: text, learning: text, serviceArea: fill('Ward ', 200), outcome: 'upheld' as const, remedies: [] };
    const us = cpuMicros(() => understand(record, classifier));
    worst = Math.max(worst, us);
    console.log(`| ${gname} | ${fmt(us)} |`);
  }
  console.log(`\nworst case for a maximum-size record: ${fmt(worst)}`);
}

/** A word of `n` letters never produced before: memo caches (the stemmer's) cannot help. */
let freshCount = 0;
function freshWord(n: number): string {
  freshCount += 1;
  const prefix = freshCount.toString(36).replace(/\d/g, (d) => String.fromCharCode(103 + Number(d)));
  return `${prefix}${'e'.repeat(n - prefix.length - 3)}ing`;
}

/** Best CPU of single calls, each on a text seen for the first time. */
function coldMicros(fn: (text: string) => unknown, n: number, rounds = 5): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r += 1) {
    const text = freshWord(n);
    const start = process.cpuUsage();
    fn(text);
    const used = process.cpuUsage(start);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

function firstSightTable(): void {
  console.log('\n| one word never seen before | CPU at 2,000 | CPU at 8,000 | ratio | at 20,000 |');
  console.log('|---|---:|---:|---:|---:|');
  const record = (t: string) => ({ summary: t, learning: t, serviceArea: 'Housing', outcome: 'upheld' as const, remedies: [] });
  const cases: Record<string, (t: string) => unknown> = {
    tokenise: (t) => tokenise(t),
    'understand() (summary and learning)': (t) => understand(record(t), classifier),
  };
  for (const [name, fn] of Object.entries(cases)) {
    const a = coldMicros(fn, 2_000);
    const b = coldMicros(fn, 8_000);
    console.log(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${(b / a).toFixed(1)} | ${fmt(coldMicros(fn, MAX_FIELD, 3))} |`);
  }
}

const only = process.argv[2];
growthTable(only);
maxRecordTable(only);
if (only === undefined) firstSightTable();
