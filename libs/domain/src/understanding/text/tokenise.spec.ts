import { splitSentences } from './sentences';
import { tokenise } from './tokenise';

function negatedWords(text: string): string[] {
  return tokenise(text)
    .filter((t) => t.negatedBy >= 0)
    .map((t) => t.lower);
}

describe('tokenise', () => {
  it('stems words and keeps exact offsets into the text', () => {
    const text = 'Delays in Discharging patients';
    const tokens = tokenise(text);
    expect(tokens.map((t) => t.stem)).toEqual(['delay', 'in', 'discharg', 'patient']);
    for (const t of tokens) expect(text.slice(t.start, t.end).toLowerCase()).toBe(t.lower);
  });

  it('normalises negation cues, numbers and money', () => {
    expect(tokenise("wasn't never 12 £3,400").map((t) => t.stem)).toEqual(['not', 'not', '#num', '#money']);
  });

  it('marks the words a negation governs, up to two content words', () => {
    expect(negatedWords('There was no evidence of discrimination at all')).toEqual(['evidence', 'of', 'discrimination']);
    expect(negatedWords('Parents were not told the scan had been delayed')).toEqual(['told', 'the', 'scan']);
  });

  it('ends a negation at punctuation and at contrast words', () => {
    expect(negatedWords('No delay, staff were rude')).toEqual(['delay']);
    expect(negatedWords('No delay but staff were rude')).toEqual(['delay']);
  });

  it('does not treat "no longer" or "not only" as negation', () => {
    expect(negatedWords('She is no longer receiving care')).toEqual([]);
    expect(negatedWords('Not only rude but dismissive')).toEqual([]);
  });

  it('keeps redaction placeholders as single tokens', () => {
    expect(tokenise('Mrs [name] rang').map((t) => t.lower)).toEqual(['mrs', '[name]', 'rang']);
  });
});

describe('splitSentences', () => {
  it('splits on sentence ends and line breaks but not after titles', () => {
    expect(splitSentences('Dr. [name] saw him. He was fine!\nNext line').map((s) => s.text)).toEqual([
      'Dr. [name] saw him.',
      'He was fine!',
      'Next line',
    ]);
  });
});
