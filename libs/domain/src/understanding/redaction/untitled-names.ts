import { AMBIGUOUS_NAMES, gazetteer, isEnglishWord, NOT_NAMES, NOT_NAMES_LOWER, PLACE_OR_ORGANISATION, PROPER_NOUNS, secondGazetteer } from './gazetteer';
import { prepareTagger, subjectVerbFollows, verbFollows } from './next-word-tag';

/**
 * Names with no title or relation word before them ("Jane Smith, 84", "I spoke to Tom at
 * reception"). Runs after the titled rules, on their output.
 *
 * Evidence, strongest first:
 * - capitalisation: only capitalised words are candidates, so "will", "grace period", "rose by
 *   3%", "a mark on his arm", "at dawn" are never touched;
 * - the gazetteer (`@cspell/dict-people-names`): a capitalised run is a name when it holds a
 *   known name that is not also an English word ("Jane Smith", "Priya Patel"), or two known
 *   names ("Will Smith"); the unknown words of such a run go too ("Jane Okonkwo-Adeyemi");
 * - place and organisation words end the question: "Hope Street", "Rose Ward", "St Mary's
 *   Hospital", "Manchester" are not people;
 * - "called", "named", "known as" before a capitalised word: a name even if the list lacks it;
 * - at the start of a sentence capitals say nothing, so a name that is also a word ("Will",
 *   "Grace", "Hope", "Mark") is taken only when winkNLP tags the next word a verb
 *   ("Hope rang…", not "Hope this…");
 * - a cue before the run ("spoke to", "seen by", "called"), or a capitalised pair ending in a
 *   known surname in mid-sentence ("Gareth Price"): a name even if the list lacks the first word.
 */

/** One capitalised word, with Mc/Mac/O' surnames and one hyphen ("Al-Sayed"). No nested quantifiers: linear. */
const WORD = String.raw`(?:Mc|Mac|O['’])?\p{Lu}\p{Ll}+(?:-(?:Mc|Mac|O['’])?\p{Lu}\p{Ll}+)?`;
/** A possessive stays inside the run, so "St Mary's Hospital" is still one place. */
/** Letters of any script ("Wiśniewska"); JavaScript's \b knows only ASCII, hence the lookbehind. */
// Sticky: tried only where a run can start (mayStartRun), which a scan of char codes finds far
// faster than the regex engine trying every position of the text.
const RUN = new RegExp(String.raw`(?<![\p{L}\p{N}_])${WORD}(?:['’]s)?(?:[ \t]+${WORD}(?:['’]s)?)*`, 'uy');
const WORD_IN_RUN = new RegExp(WORD, 'gu');
/** Words after which a capitalised word is a person even if the list lacks it ("I spoke to Gareth"). */
const PERSON_CUE_BEFORE =
  /\b(?:called|named|known as|spoke (?:to|with)|talked to|told by|seen by|visited by|assessed by|examined by|treated by|signed by|written by|contacted|emailed|phoned|rang|met|thanked|according to)\s+$/;
const CUE_WINDOW = 24;
/** Followed by a number: a month or a ward ("June 12", "Bay 4"), not a person. */
const DIGIT_AFTER = /^[ \t]*\d/;
/** Followed by a place noun: a site or building named after someone ("the Dorothy Pattison site"). */
const PLACE_AFTER = /^[ \t]+(?:site|wing|ward|unit|building|centre|center|hospital|campus|surgery|practice|school|road|street|lane|avenue|estate|house|court|hall|library|clinic)\b/;
/** Sentence-start tests per call before falling back to "it is a name": bounds the tagger's cost. */
const MAX_TAGGER_CALLS = 16;
const LOOK_BACK = 20;

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Scan {
  readonly text: string;
  taggerCalls: number;
}

export interface NameSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Builds the name lists and loads the tagger (about a second in all) ahead of the first text;
 * otherwise the first complaint that needs them pays for it.
 */
export function prepareUntitledNames(): void {
  lowerCaseNameSets();
  prepareTagger();
}

/** Spans of untitled names in `text`, in order and not overlapping. */
export function findUntitledNames(text: string): NameSpan[] {
  const scan: Scan = { text, taggerCalls: 0 };
  const spans: NameSpan[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (!mayStartRun(text.charCodeAt(i))) continue;
    RUN.lastIndex = i;
    const run = RUN.exec(text);
    if (run === null) continue;
    // Most runs are one word that is never a name ("The", "When"; no entry holds a space):
    // segments() would drop it, so skip the splitting.
    if (NOT_NAMES.has(run[0])) {
      i = RUN.lastIndex - 1;
      continue;
    }
    for (const segment of segments(wordsOf(run[0], run.index))) {
      if (isName(segment, scan)) spans.push({ start: segment[0].start, end: segment[segment.length - 1].end });
    }
    // As a global regex would, look for the next run after this one.
    i = RUN.lastIndex - 1;
  }
  const lower = lowerCaseNames(text);
  if (lower.length === 0) return spans;
  return [...spans, ...lower].sort((a, b) => a.start - b.start);
}

/**
 * Names written in lower case ("spoke to siobhan", "me and gareth and priya"). A word both lists
 * hold, not an English word (WordNet) and not ambiguous, is taken anywhere ("siobhan"); a word
 * only the second list holds needs a person's context: "and", "to", "with", "me" before it, or a
 * verb of a subject after it ("gareth rang"). Never "will", "mark", "grace", "than".
 */
function lowerCaseNames(text: string): NameSpan[] {
  const spans: NameSpan[] = [];
  const names = lowerCaseNameSets();
  // One pass over the characters, as /\b[a-z]{4,}\b/g would match, hashing each run of
  // lower-case letters as it goes: a word is cut out of the text only when its hash is a
  // name's, so the common case (an ordinary word) allocates nothing.
  let start = -1;
  let hash = FNV_OFFSET;
  let lowerRun = true;
  for (let i = 0; i <= text.length; i += 1) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (isWordChar(c)) {
      if (start < 0) {
        start = i;
        hash = FNV_OFFSET;
        lowerRun = true;
      }
      if (c >= 97 && c <= 122) hash = Math.imul(hash ^ c, FNV_PRIME);
      else lowerRun = false;
      continue;
    }
    if (start >= 0 && lowerRun && i - start >= 4 && mayBeName(names, hash)) {
      const span = lowerCaseName(text, start, i, names);
      if (span !== null) spans.push(span);
    }
    start = -1;
  }
  return spans;
}

function lowerCaseName(text: string, start: number, end: number, names: LowerCaseNames): NameSpan | null {
  const word = text.slice(start, end);
  const isStrong = names.strong.has(word);
  if (!isStrong && !names.weak.has(word)) return null;
  // "O'kelly", "the-kelly": part of a longer word.
  const before = text[start - 1];
  if (before === "'" || before === '’' || before === '-' || text[end] === '-') return null;
  if (!isStrong && !LOWER_CUE_BEFORE.test(text.slice(Math.max(0, start - 10), start)) && !subjectVerbFollows(text, end)) return null;
  return { start, end };
}

/**
 * Where a run may start: every \p{Lu} is an ASCII capital or a code unit from U+00C0 on (no
 * upper-case letter lies between U+0080 and U+00BF); the sticky RUN decides the rest.
 */
function mayStartRun(c: number): boolean {
  return (c >= 65 && c <= 90) || c >= 0xc0;
}

/** \w in a regular expression: ASCII letters, digits and the underscore. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function fnv1a(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i += 1) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** Words before a lower-case name in informal text: "me and gareth", "spoke to priya", "with kemi". */
const LOWER_CUE_BEFORE = /\b(?:and|to|with|me|by|from|called|named|told|asked|rang|thanks|thank)[ \t]+$|,[ \t]*$/;

interface LowerCaseNames {
  readonly strong: ReadonlySet<string>;
  readonly weak: ReadonlySet<string>;
  /** FNV-1a hashes of every word in either set: a cheap first test that needs no substring. */
  readonly hashes: ReadonlySet<number>;
  /**
   * One bit per hash value modulo 2^21 (256 KB): ~180,000 names set ~8 % of the bits. A Set of
   * that many numbers costs a cache miss per look-up; the bits answer most words first.
   */
  readonly bits: Uint32Array;
}

const BIT_WORDS_MASK = (1 << 16) - 1;

function mayBeName(names: LowerCaseNames, hash: number): boolean {
  return (names.bits[(hash >>> 5) & BIT_WORDS_MASK] & (1 << (hash & 31))) !== 0 && names.hashes.has(hash);
}

let lowerNames: LowerCaseNames | undefined;

/** Built once: one or two Set look-ups per lower-case word keep the pass cheap. */
function lowerCaseNameSets(): LowerCaseNames {
  if (lowerNames === undefined) {
    const first = gazetteer();
    const strong = new Set<string>();
    const weak = new Set<string>();
    const hashes = new Set<number>();
    const bits = new Uint32Array(BIT_WORDS_MASK + 1);
    for (const name of secondGazetteer()) {
      if (!/^[A-Z][a-z]{3,}$/.test(name) || AMBIGUOUS_NAMES.has(name)) continue;
      const word = name.toLowerCase();
      if (NOT_NAMES_LOWER.has(word)) continue;
      (first.has(name) ? strong : weak).add(word);
      const hash = fnv1a(word);
      hashes.add(hash);
      bits[(hash >>> 5) & BIT_WORDS_MASK] |= 1 << (hash & 31);
    }
    lowerNames = { strong, weak, hashes, bits };
  }
  return lowerNames;
}

function wordsOf(run: string, offset: number): Word[] {
  const words: Word[] = [];
  WORD_IN_RUN.lastIndex = 0;
  for (let m = WORD_IN_RUN.exec(run); m !== null; m = WORD_IN_RUN.exec(run)) {
    words.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return words;
}

/**
 * Splits a run at words that are never names ("The", "When", "May"); a piece holding a place
 * or organisation word is dropped whole, names and all ("Rose Ward", "Hope Street").
 */
function segments(words: readonly Word[]): Word[][] {
  const out: Word[][] = [];
  let current: Word[] = [];
  let blocked = false;
  const flush = (): void => {
    if (current.length > 0 && !blocked) out.push(current);
    current = [];
    blocked = false;
  };
  for (const word of words) {
    if (NOT_NAMES.has(word.text)) {
      flush();
      continue;
    }
    if (PLACE_OR_ORGANISATION.has(word.text)) blocked = true;
    current.push(word);
  }
  flush();
  return out;
}

/** Known as a name: in the list, either half of a hyphenated name, or an Mc/Mac/O' surname. */
function isKnown(word: string): boolean {
  const names = gazetteer();
  if (names.has(word) || secondGazetteer().has(word)) return true;
  if (/^(?:Mc|O['’])\p{Lu}/u.test(word)) return true;
  const hyphen = word.indexOf('-');
  return hyphen > 0 && (isListed(word.slice(0, hyphen)) || isListed(word.slice(hyphen + 1)));
}

function isListed(word: string): boolean {
  return gazetteer().has(word) || secondGazetteer().has(word);
}

function isClearName(word: string): boolean {
  return isKnown(word) && !AMBIGUOUS_NAMES.has(word);
}

function isName(segment: readonly Word[], scan: Scan): boolean {
  const first = segment[0];
  const last = segment[segment.length - 1];
  const after = scan.text.slice(last.end, last.end + 12);
  if (DIGIT_AFTER.test(after) || PLACE_AFTER.test(after)) return false;
  if (PERSON_CUE_BEFORE.test(scan.text.slice(Math.max(0, first.start - CUE_WINDOW), first.start))) return true;
  if (segment.length > 1) {
    const known = segment.filter((w) => isKnown(w.text)).length;
    if (isClearName(first.text) || isClearName(last.text) || (known >= 2 && known >= segment.length - 1 && segment.length <= 2)) return true;
    // Mid-sentence, a capitalised pair ending in a surname ("Kirsty Lamb", "Gareth Price") is a person;
    // not when the surname is also a word and the first word is one too ("Universal Credit", "Winter Fuel Payment").
    if (!isKnown(last.text) || startsSentence(scan.text, first.start)) return false;
    return !AMBIGUOUS_NAMES.has(last.text) || !isEnglishWord(first.text.toLowerCase());
  }
  if (!isKnown(first.text)) return isUnknownNameBeforeVerb(first, scan);
  if (!AMBIGUOUS_NAMES.has(first.text) || !startsSentence(scan.text, first.start)) return true;
  if (scan.taggerCalls >= MAX_TAGGER_CALLS) return true;
  scan.taggerCalls += 1;
  return verbFollows(first.text, scan.text, first.end);
}

/**
 * A capitalised word in neither list and not an English word, followed by the verb of a subject
 * ("Tunde rang", "Chidinma was told"): a name the lists lack. "Staff told us", "Reception said",
 * "Paramedics arrived" are English words; "Nobody rang", "Mum said" are never-names.
 */
function isUnknownNameBeforeVerb(word: Word, scan: Scan): boolean {
  if (word.text.length < 3 || word.text.includes('-')) return false;
  if (!subjectVerbFollows(scan.text, word.end)) return false;
  return !PROPER_NOUNS.has(word.text) && !isEnglishWord(word.text.toLowerCase());
}

/** Start of the text or of a sentence, line or quotation: capitals there say nothing. */
function startsSentence(text: string, start: number): boolean {
  for (let i = start - 1; i >= Math.max(0, start - LOOK_BACK); i -= 1) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '"' || c === '“' || c === '‘' || c === "'" || c === '(') continue;
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === '\r' || c === ':' || c === ';' || c === '•' || c === '-';
  }
  return true;
}
