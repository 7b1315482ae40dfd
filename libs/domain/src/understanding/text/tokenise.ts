import { MAX_STEMMED_LENGTH, stem } from './stemmer';

/**
 * A word of the input with what the classifier needs: its stem, where it sits in the
 * original text (so evidence can quote the text exactly), and whether a negation cue
 * governs it ("no delay", "was not rude").
 */
export interface Token {
  /** Lower-cased surface form. */
  readonly lower: string;
  /** Porter2 stem; negation cues are normalised to `not`, numbers to `#num`, money to `#money`. */
  readonly stem: string;
  readonly start: number;
  readonly end: number;
  /** True for "not", "no", "never", "didn't", ...: the words that open a negation scope. */
  readonly cue: boolean;
  /** Index of the cue that negates this token, or -1. */
  readonly negatedBy: number;
  /** True when punctuation or a clause word separates this token from the previous one. */
  readonly clauseStart: boolean;
  readonly stop: boolean;
}

/*
 * Tokens: redaction placeholders ("[name]"), sums of money ("£12,000", "£3k"), numbers
 * ("24", "03/04", "3rd", "10am") and words with one inner apostrophe ("didn't", "mum's").
 * Scanned by hand over char codes rather than with a global regex: exec() allocates a match
 * array per token, which was a third of classify()'s cost.
 */
const enum Char {
  Zero = 48,
  Nine = 57,
  LowerA = 97,
  LowerZ = 122,
  Apostrophe = 39,
  RightQuote = 8217,
  OpenBracket = 91,
  CloseBracket = 93,
  Hyphen = 45,
  Pound = 163,
  Space = 32,
  Comma = 44,
  Dot = 46,
  Colon = 58,
  Slash = 47,
}

function isLetter(c: number): boolean {
  return c >= Char.LowerA && c <= Char.LowerZ;
}

function isDigit(c: number): boolean {
  return c >= Char.Zero && c <= Char.Nine;
}

function scanLetters(text: string, from: number): number {
  let i = from;
  while (i < text.length && isLetter(text.charCodeAt(i))) i += 1;
  return i;
}

function scanDigits(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i += 1;
  return i;
}

/** End of a word starting at `start`: letters, optionally one apostrophe and more letters. */
function scanWord(text: string, start: number): number {
  const end = scanLetters(text, start);
  const c = text.charCodeAt(end);
  if ((c === Char.Apostrophe || c === Char.RightQuote) && isLetter(text.charCodeAt(end + 1))) return scanLetters(text, end + 1);
  return end;
}

/** End of a number: digits with inner . , : / groups, then an optional st/nd/rd/th/am/pm. */
function scanNumber(text: string, start: number): number {
  let end = scanDigits(text, start);
  for (;;) {
    const c = text.charCodeAt(end);
    if ((c === Char.Dot || c === Char.Comma || c === Char.Colon || c === Char.Slash) && isDigit(text.charCodeAt(end + 1))) end = scanDigits(text, end + 1);
    else break;
  }
  const suffix = text.slice(end, end + 2);
  if ((suffix === 'st' || suffix === 'nd' || suffix === 'rd' || suffix === 'th' || suffix === 'am' || suffix === 'pm') && !isLetter(text.charCodeAt(end + 2))) end += 2;
  return end;
}

/** "£12,000.50", "£ 3k": returns the end, or -1 if the pound sign starts no amount. */
function scanMoney(text: string, start: number): number {
  let i = start + 1;
  if (text.charCodeAt(i) === Char.Space) i += 1;
  if (!isDigit(text.charCodeAt(i))) return -1;
  let end = scanDigits(text, i);
  while (text.charCodeAt(end) === Char.Comma && isDigit(text.charCodeAt(end + 1))) end = scanDigits(text, end + 1);
  if (text.charCodeAt(end) === Char.Dot && isDigit(text.charCodeAt(end + 1))) end = scanDigits(text, end + 1);
  const unitEnd = scanLetters(text, end);
  const unit = text.slice(end, unitEnd);
  return unit === 'k' || unit === 'm' || unit === 'bn' ? unitEnd : end;
}

/** "[name]", "[date-of-birth]": returns the end, or -1 if the bracket opens no placeholder. */
function scanPlaceholder(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === Char.CloseBracket) return i > start + 1 ? i + 1 : -1;
    if (!isLetter(c) && c !== Char.Hyphen) return -1;
    i += 1;
  }
  return -1;
}

/** Next token at or after `from` in lower-cased text: [start, end), or null at the end. */
function nextToken(text: string, from: number): [number, number] | null {
  for (let i = from; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) return [i, scanWord(text, i)];
    // A word or number glued to a previous letter/digit run was consumed with it.
    if (isDigit(c)) return [i, scanNumber(text, i)];
    if (c === Char.OpenBracket) {
      const end = scanPlaceholder(text, i);
      if (end > 0) return [i, end];
    } else if (c === Char.Pound) {
      const end = scanMoney(text, i);
      if (end > 0) return [i, end];
    }
  }
  return null;
}


const NEGATION_CUES = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'cannot', 'without',
]);

/**
 * "without" is a cue only for features; the lexicon treats "left without heating" as a
 * housing complaint, so `without` never suppresses topic words (see lexicon-matcher).
 */
const WEAK_CUES = new Set(['without']);

/** Words after which a negation no longer applies ("no delay, but staff were rude"). */
const SCOPE_BREAKERS = new Set([
  'but', 'however', 'although', 'though', 'yet', 'whereas', 'while', 'which', 'who',
  'because', 'and', 'so', 'instead', 'until', 'despite', 'except', 'when', 'after',
]);

/** "no longer", "not only": look like negation but do not deny what follows. */
const PSEUDO_NEGATION_NEXT = new Set(['longer', 'only', 'just', 'doubt', 'matter', 'sooner', 'least']);

/** A negation covers at most this many words, and at most MAX_SCOPE_CONTENT content words:
 * "no evidence of discrimination" (2 content words) but not the "delayed" in
 * "were not told the scan had been delayed". */
const MAX_SCOPE = 6;
const MAX_SCOPE_CONTENT = 2;

/**
 * Function words carry no theme signal; dropping them keeps the model small and fast.
 * Particles (up, out, off, over, too, own, after...) are kept: "held up", "found out",
 * "too long", "looked after" mean something the bare verb does not.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an the and or of to in on at for from by with as is was were be been being am are it its ' +
    'this that these those there here he she they we i you me him them us my his her their our your ' +
    'has have had do does did would could should will shall may might must can so if then than ' +
    'also just very about into before which who whom what when where while ' +
    'some any all each such only again further both more most few ' +
    'because until between during above below').split(' '),
);

function isCueWord(lower: string): boolean {
  return NEGATION_CUES.has(lower) || lower.endsWith("n't") || lower.endsWith('n’t');
}

/** What tokenising needs to know about a word; cached because vocabulary repeats. */
interface WordInfo {
  readonly stem: string;
  /** Opens a negation scope (strong cues: not, no, never, n't...). */
  readonly cue: boolean;
  /** "without": marks negation for features only. */
  readonly weak: boolean;
  readonly stop: boolean;
  /** Closes a negation scope: but, however, which... */
  readonly breaker: boolean;
}

const MAX_WORD_CACHE = 50_000;
const wordCache = new Map<string, WordInfo>();

function wordInfo(lower: string): WordInfo {
  const cached = wordCache.get(lower);
  if (cached !== undefined) return cached;
  const weak = WEAK_CUES.has(lower);
  const info: WordInfo = {
    stem: normaliseStem(lower),
    cue: isCueWord(lower) && !weak,
    weak,
    stop: STOP_WORDS.has(lower),
    breaker: SCOPE_BREAKERS.has(lower),
  };
  // Over-long tokens are never vocabulary; caching them would only hold their text alive.
  if (lower.length > MAX_STEMMED_LENGTH) return info;
  if (wordCache.size >= MAX_WORD_CACHE) wordCache.clear();
  wordCache.set(lower, info);
  return info;
}

function normaliseStem(lower: string): string {
  if (WEAK_CUES.has(lower)) return lower;
  if (isCueWord(lower)) return 'not';
  const first = lower.charCodeAt(0);
  if (lower.startsWith('£')) return '#money';
  if (first >= 48 && first <= 57) return '#num';
  if (lower.startsWith('[')) return lower;
  return stem(lower.replace(/’/g, "'"));
}

/** Punctuation between two tokens that ends a clause (and so a negation scope). */
function isClauseGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    // . , ; : ! ? ( ) newline
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41 || c === 10) return true;
    // a dash standing between spaces: "no delay - but"
    if ((c === 45 || c === 8211 || c === 8212) && i > from && i < to - 1) return true;
  }
  return false;
}

interface ScopeState {
  cueIndex: number;
  remaining: number;
  contentRemaining: number;
}

export interface TokeniseOptions {
  /**
   * False drops stop words from the result (they still count for negation scopes and clause
   * breaks). The classifier never looks at them, and not allocating them halves the cost.
   */
  readonly keepStopWords?: boolean;
}

/** Splits text into tokens and marks negation scopes. Linear in the text length. */
export function tokenise(text: string, options: TokeniseOptions = {}): Token[] {
  const keepStopWords = options.keepStopWords ?? true;
  const tokens: Token[] = [];
  const scope: ScopeState = { cueIndex: -1, remaining: 0, contentRemaining: 0 };
  // Lower-case once. toLowerCase() can change the length for a few non-Latin letters, which
  // would break offsets; then only ASCII is lowered (tokens are ASCII words anyway).
  const lowered = text.toLowerCase();
  const source = lowered.length === text.length ? lowered : text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  let previousEnd = -1;
  let pendingClauseStart = false;
  /** Index in `tokens` of the cue that was the previous word, or -1. */
  let cueJustBefore = -1;
  for (let span = nextToken(source, 0); span !== null; span = nextToken(source, span[1])) {
    const [start, end] = span;
    const lower = source.slice(start, end);
    const info = wordInfo(lower);
    const clauseStart = previousEnd < 0 || isClauseGap(source, previousEnd, start);
    if (clauseStart || info.breaker) scope.remaining = 0;
    if (cueJustBefore >= 0 && PSEUDO_NEGATION_NEXT.has(lower)) {
      // "no longer", "not only": the cue denies nothing after all.
      scope.remaining = 0;
      tokens[cueJustBefore] = { ...tokens[cueJustBefore], cue: false };
    }
    const negatedBy = scope.remaining > 0 && scope.contentRemaining > 0 ? scope.cueIndex : -1;
    if (scope.remaining > 0) scope.remaining -= 1;
    if (negatedBy >= 0 && !info.stop) scope.contentRemaining -= 1;
    const opensScope = info.cue || info.weak;
    previousEnd = end;
    cueJustBefore = -1;
    if (info.stop && !keepStopWords) {
      // A dropped word still carries a clause break forward to the next kept word.
      pendingClauseStart ||= clauseStart;
      continue;
    }
    tokens.push({
      lower,
      stem: info.stem,
      start,
      end,
      cue: opensScope,
      negatedBy,
      clauseStart: clauseStart || pendingClauseStart,
      stop: info.stop,
    });
    pendingClauseStart = false;
    if (opensScope) {
      scope.cueIndex = tokens.length - 1;
      scope.remaining = MAX_SCOPE;
      scope.contentRemaining = MAX_SCOPE_CONTENT;
      cueJustBefore = tokens.length - 1;
    }
  }
  return tokens;
}
