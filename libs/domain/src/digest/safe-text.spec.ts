import { clip, neutraliseFormula, safeHeaderText, safeText, stripControlChars } from './safe-text';

describe('safe text', () => {
  it.each(['=SUM(A1)', '+44 1234', '-2+3', '@cmd'])('prefixes formula starter %p with a quote', (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone', () => {
    expect(neutraliseFormula('Staff = kind')).toBe('Staff = kind');
  });

  it('catches formulas hidden behind control characters or spaces', () => {
    expect(safeText('\t=1+1')).toBe("'=1+1");
    expect(safeText('  \r\n@SUM(1)')).toBe("'@SUM(1)");
  });

  it('removes CR/LF, other controls and bidi overrides', () => {
    expect(stripControlChars('a\r\nb\u0000c\u202Ed\u2028e')).toBe('a b c d e');
    expect(safeHeaderText('Report\r\nBcc: someone@example.com')).toBe('Report Bcc: someone@example.com');
  });

  it('clips by code point with an ellipsis', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('😀😀😀', 2)).toBe('😀…');
    expect(clip('abc', 3)).toBe('abc');
  });
});
