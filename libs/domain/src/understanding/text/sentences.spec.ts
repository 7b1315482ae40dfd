import fc from 'fast-check';
import { isWhitespace, splitSentences } from './sentences';

/**
 * The regular expression the scanner replaced (quadratic on a long run of full stops before
 * a word). Kept here as the reference the scanner must agree with, on inputs short enough
 * for it to be fast.
 */
const OLD_SENTENCE_END = /(?<!\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Rev|Cllr|e\.g|i\.e))[.!?]+(?=\s+|$)|\n+/g;

function referenceSplit(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const push = (end: number): void => {
    const piece = text.slice(start, end).trim();
    if (piece.length > 0) sentences.push(piece);
  };
  OLD_SENTENCE_END.lastIndex = 0;
  for (let m = OLD_SENTENCE_END.exec(text); m !== null; m = OLD_SENTENCE_END.exec(text)) {
    push(m.index + (m[0].startsWith('\n') ? 0 : m[0].length));
    start = m.index + m[0].length;
  }
  push(text.length);
  return sentences;
}

const split = (text: string): string[] => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps the end mark with its sentence and drops line breaks', () => {
    expect(split('It was late. Nobody called!\n\nWhy? We asked again.')).toEqual(['It was late.', 'Nobody called!', 'Why?', 'We asked again.']);
  });

  it('does not split after a title or abbreviation, but does after a second mark', () => {
    expect(split('Mrs. [name] and Dr. [name] met, e.g. on Monday. No. 5 St. Ward')).toEqual(['Mrs. [name] and Dr. [name] met, e.g. on Monday.', 'No. 5 St. Ward']);
    expect(split('We saw the Dr.. Then left')).toEqual(['We saw the Dr..', 'Then left']);
    // Only a whole word is a title: "GMr." ends a sentence.
    expect(split('Seen by GMr. Then left')).toEqual(['Seen by GMr.', 'Then left']);
  });

  it('does not split on marks inside a word or number', () => {
    expect(split('Costs rose 2.5 times...really? Yes')).toEqual(['Costs rose 2.5 times...really?', 'Yes']);
  });

  it('numbers sentences in order and drops empty ones', () => {
    expect(splitSentences(' . \n\n ! Done.  ')).toEqual([
      { text: '.', index: 0 },
      { text: '!', index: 1 },
      { text: 'Done.', index: 2 },
    ]);
    expect(splitSentences('')).toEqual([]);
  });

  it('agrees with the regular expression it replaced, on any short text', () => {
    const piece = fc.constantFrom('.', '!', '?', '..', ' ', '  ', '\n', '\t', '\u00a0', '\u2028', 'a', 'Dr', 'Mr', 'Mrs', 'St', 'No', 'e.g', 'i.e', 'x', '_', '1', 'Cllr', 'word');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(split(text)).toEqual(referenceSplit(text));
      }),
      { numRuns: 3_000 },
    );
  });

  it('agrees with the regular expression on arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(split(text)).toEqual(referenceSplit(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('treats exactly the characters of \\s as whitespace', () => {
    const disagreements: number[] = [];
    for (let c = 0; c < 0x10000; c += 1) if (isWhitespace(c) !== /\s/.test(String.fromCharCode(c))) disagreements.push(c);
    expect(disagreements).toEqual([]);
  });
});
