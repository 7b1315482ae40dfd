import { highlightEvidence } from './evidence-highlight';

describe('highlightEvidence', () => {
  it('marks each occurrence of a phrase, whatever its case, and leaves the rest as it is', () => {
    expect(highlightEvidence('Staff were Rude. The nurse was rude again.', ['rude'])).toEqual([
      { text: 'Staff were ', mark: false },
      { text: 'Rude', mark: true },
      { text: '. The nurse was ', mark: false },
      { text: 'rude', mark: true },
      { text: ' again.', mark: false },
    ]);
  });

  it('merges overlapping and adjacent phrases into one mark', () => {
    expect(highlightEvidence('not told about the delay', ['not told', 'told about', 'the delay'])).toEqual([
      { text: 'not told about', mark: true },
      { text: ' ', mark: false },
      { text: 'the delay', mark: true },
    ]);
    expect(highlightEvidence('abab', ['ab'])).toEqual([{ text: 'abab', mark: true }]);
  });

  it('marks overlapping occurrences of one phrase', () => {
    expect(highlightEvidence('xaaay', ['aa'])).toEqual([
      { text: 'x', mark: false },
      { text: 'aaa', mark: true },
      { text: 'y', mark: false },
    ]);
  });

  it('returns markup characters as plain text for the template to escape', () => {
    expect(highlightEvidence('<b>rude</b> & "late"', ['rude', '"late"'])).toEqual([
      { text: '<b>', mark: false },
      { text: 'rude', mark: true },
      { text: '</b> & ', mark: false },
      { text: '"late"', mark: true },
    ]);
  });

  it('ignores empty, absent and over-long phrases', () => {
    expect(highlightEvidence('A short text', ['', '   ', 'missing', 'a much longer phrase than the text'])).toEqual([{ text: 'A short text', mark: false }]);
    expect(highlightEvidence('', ['x'])).toEqual([]);
    expect(highlightEvidence('whole', ['WHOLE'])).toEqual([{ text: 'whole', mark: true }]);
  });

  it('keeps offsets right around characters whose lower case is longer', () => {
    expect(highlightEvidence('İstanbul rude', ['rude'])).toEqual([
      { text: 'İstanbul ', mark: false },
      { text: 'rude', mark: true },
    ]);
  });

  it('runs in linear time on text built to make naive matching quadratic', () => {
    const text = 'a'.repeat(200_000);
    const started = process.hrtime.bigint();
    const segments = highlightEvidence(text, ['a'.repeat(999) + 'b', 'a'.repeat(500)]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(segments).toEqual([{ text, mark: true }]);
    // Naive matching would compare ~200 million characters here (seconds); KMP ~600 thousand.
    expect(ms).toBeLessThan(1000);
  });
});
