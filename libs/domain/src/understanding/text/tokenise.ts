import { stem } from './stemmer';

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

/** Placeholders from redaction, words (with inner apostrophes/hyphens), money, numbers. */
const TOKEN_RE = /\[[a-z-]+\]|£\s?\d[\d,]*(?:\.\d+)?(?:k|m|bn)?\b|\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|am|pm)?|[a-z]+(?:['’][a-z]+)?/gi;


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

const MAX_SCOPE = 6;

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
  readonly cue: boolean;
  readonly stop: boolean;
}

const MAX_WORD_CACHE = 50_000;
const wordCache = new Map<string, WordInfo>();

function wordInfo(lower: string): WordInfo {
  const cached = wordCache.get(lower);
  if (cached !== undefined) return cached;
  const info: WordInfo = { stem: normaliseStem(lower), cue: isCueWord(lower), stop: STOP_WORDS.has(lower) };
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
}

/** Splits text into tokens and marks negation scopes. Linear in the text length. */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  const scope: ScopeState = { cueIndex: -1, remaining: 0 };
  // Lower-case once; only safe when it keeps offsets (it does for all but a few scripts).
  const lowered = text.toLowerCase();
  const source = lowered.length === text.length ? lowered : text;
  let previousEnd = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(source); m !== null; m = TOKEN_RE.exec(source)) {
    const lower = source === lowered ? m[0] : m[0].toLowerCase();
    const info = wordInfo(lower);
    const clauseStart = tokens.length === 0 || isClauseGap(source, previousEnd, m.index);
    if (clauseStart || SCOPE_BREAKERS.has(lower)) scope.remaining = 0;
    const negatedBy = scope.remaining > 0 ? scope.cueIndex : -1;
    if (scope.remaining > 0) scope.remaining -= 1;
    const weak = WEAK_CUES.has(lower);
    tokens.push({ lower, stem: info.stem, start: m.index, end: m.index + lower.length, cue: info.cue || weak, negatedBy, clauseStart, stop: info.stop });
    if (info.cue || weak) {
      scope.cueIndex = tokens.length - 1;
      scope.remaining = MAX_SCOPE;
    }
    previousEnd = m.index + lower.length;
  }
  return cancelPseudoNegation(tokens);
}

/** Undo the scope opened by "no longer", "not only" and the like. */
function cancelPseudoNegation(tokens: Token[]): Token[] {
  for (let i = 0; i < tokens.length - 1; i += 1) {
    if (!tokens[i].cue || !PSEUDO_NEGATION_NEXT.has(tokens[i + 1].lower)) continue;
    for (let j = i + 1; j < tokens.length && tokens[j].negatedBy === i; j += 1) {
      tokens[j] = { ...tokens[j], negatedBy: -1 };
    }
    tokens[i] = { ...tokens[i], cue: false };
  }
  return tokens;
}

/** True when the token is a weak cue ("without") that should not suppress topic words. */
export function isWeakCue(token: Token): boolean {
  return WEAK_CUES.has(token.lower);
}
