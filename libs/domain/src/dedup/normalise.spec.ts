import { EMPTY_CONTENT_HASH, exactContentHash, normaliseForDedup } from './normalise';

describe('normaliseForDedup', () => {
  it('lower-cases, strips punctuation and collapses whitespace', () => {
    expect(normaliseForDedup('  The WARD, staff;   were\n\nRUDE!  ')).toBe('the ward staff were rude');
  });

  it('drops redaction placeholders', () => {
    expect(normaliseForDedup('My mother [name] ([email]) born [date-of-birth] was sent home')).toBe('my mother born was sent home');
  });

  it('drops numeric dates, bare numbers, ordinals, month and weekday names', () => {
    const a = normaliseForDedup('Discharged on 12/03/2024 at 11pm, seen again on Monday 3rd March 2024.');
    const b = normaliseForDedup('Discharged on 2024-04-19 at 10pm, seen again on Friday 21st April 2025.');
    expect(a).toBe(b);
    expect(a).toBe('discharged on at seen again on');
  });

  it('treats apostrophes and curly quotes alike', () => {
    expect(normaliseForDedup("didn't")).toBe(normaliseForDedup('didn\u2019t'));
    expect(normaliseForDedup("didn't")).toBe('didnt');
  });

  it('keeps letters from other scripts and accents (Welsh, names)', () => {
    expect(normaliseForDedup('Ysbyty Gwynedd — gŵr, café')).toBe('ysbyty gwynedd gŵr café');
  });

  it('keeps short ordinary words that look like abbreviations', () => {
    expect(normaliseForDedup('I sat on the ward')).toBe('i sat on the ward');
  });
});

describe('exactContentHash', () => {
  it('is hex sha256 and equal for re-cased, re-punctuated text', () => {
    const a = exactContentHash('The boiler broke on 2 December. Nobody came!');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(exactContentHash('the boiler broke on 5 january -- nobody came')).toBe(a);
  });

  it('differs when a word differs', () => {
    expect(exactContentHash('the boiler broke')).not.toBe(exactContentHash('the boiler leaked'));
  });

  it('gives EMPTY_CONTENT_HASH for text with no words', () => {
    expect(exactContentHash('[name] 12/03/2024 !!!')).toBe(EMPTY_CONTENT_HASH);
  });
});
