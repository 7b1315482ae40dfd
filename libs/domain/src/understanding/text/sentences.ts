/** A sentence of a text, with its position (for tie-breaking: earlier wins). */
export interface Sentence {
  readonly text: string;
  readonly index: number;
}

/**
 * Splits on ., ! or ? followed by whitespace, and on line breaks. Deliberately simple:
 * abbreviations ("Dr. [name]") may split a sentence early, which costs a little context in
 * a summary but never invents text. Titles before a placeholder are kept together.
 */
const SENTENCE_END = /(?<!\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Rev|Cllr|e\.g|i\.e))[.!?]+(?=\s+|$)|\n+/g;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  const push = (end: number): void => {
    const piece = text.slice(start, end).trim();
    if (piece.length > 0) sentences.push({ text: piece, index: sentences.length });
  };
  for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) {
    push(m.index + (m[0].startsWith('\n') ? 0 : m[0].length));
    start = m.index + m[0].length;
  }
  push(text.length);
  return sentences;
}
