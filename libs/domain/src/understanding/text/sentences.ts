/** A sentence of a text, with its position (for tie-breaking: earlier wins). */
export interface Sentence {
  readonly text: string;
  readonly index: number;
}

/*
 * Splits on a run of . ! ? followed by whitespace or the end of the text, and on line breaks.
 * Deliberately simple: abbreviations ("Dr. [name]") may split a sentence early, which costs a
 * little context in a summary but never invents text. Titles before a placeholder are kept
 * together.
 *
 * Hand-written scanner, one pass, no backtracking. It replaces the regular expression
 * /(?<!\b(?:Dr|Mr|…))[.!?]+(?=\s+|$)|\n+/g, which it reproduces exactly: that expression
 * retried its greedy [.!?]+ from every position inside a run of punctuation that was not
 * followed by whitespace, so 20,000 full stops before a word cost ~0.5 s (quadratic).
 */

/** Titles and abbreviations after which a full stop does not end a sentence. Case-sensitive. */
const ABBREVIATIONS: readonly string[] = ['Dr', 'Mr', 'Mrs', 'Ms', 'Prof', 'St', 'No', 'Rev', 'Cllr', 'e.g', 'i.e'];

const NEWLINE = 10;

function isSentencePunctuation(c: number): boolean {
  return c === 46 /* . */ || c === 33 /* ! */ || c === 63 /* ? */;
}

/** Exactly the characters JavaScript's \s matches (so behaviour equals the old regex). */
export function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279
  );
}

/** The characters \b treats as word characters: [A-Za-z0-9_]. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** True when `text` has a whole abbreviation ("Dr", not "xDr") ending just before `end`. */
function abbreviationEndsAt(text: string, end: number): boolean {
  for (const abbreviation of ABBREVIATIONS) {
    const start = end - abbreviation.length;
    if (start < 0 || !text.startsWith(abbreviation, start)) continue;
    if (start === 0 || !isWordChar(text.charCodeAt(start - 1))) return true;
  }
  return false;
}

/** End (exclusive) of the run of characters from `from` that satisfy `test`. */
function runEnd(text: string, from: number, test: (c: number) => boolean): number {
  let i = from;
  while (i < text.length && test(text.charCodeAt(i))) i += 1;
  return i;
}

/** Appends text[start, end) trimmed, if anything is left. */
function pushPiece(sentences: Sentence[], text: string, start: number, end: number): void {
  const piece = text.slice(start, end).trim();
  if (piece.length > 0) sentences.push({ text: piece, index: sentences.length });
}

/**
 * Sentences of `text`, trimmed, empty ones dropped. The end mark stays with its sentence;
 * line breaks are dropped. Linear in the length of the text.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      const end = runEnd(text, i, (x) => x === NEWLINE);
      pushPiece(sentences, text, start, i);
      start = end;
      i = end;
    } else if (isSentencePunctuation(c)) {
      const end = runEnd(text, i, isSentencePunctuation);
      // After "Dr" the first mark belongs to the title; any further mark ("Dr..") may still end.
      const first = abbreviationEndsAt(text, i) ? i + 1 : i;
      const endsSentence = first < end && (end === text.length || isWhitespace(text.charCodeAt(end)));
      if (endsSentence) {
        pushPiece(sentences, text, start, end);
        start = end;
      }
      i = end;
    } else {
      i += 1;
    }
  }
  pushPiece(sentences, text, start, text.length);
  return sentences;
}
