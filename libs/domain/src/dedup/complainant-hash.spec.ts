import { complainantHash, normaliseComplainantId } from './complainant-hash';

describe('complainantHash', () => {
  const secret = 'test-secret';

  it('is a hex HMAC-SHA256 that ignores spacing and case', () => {
    const a = complainantHash(secret, '943 476 5919');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(complainantHash(secret, ' 9434765919\t')).toBe(a);
    expect(complainantHash(secret, 'ab 12 cd')).toBe(complainantHash(secret, 'AB12CD'));
  });

  it('is global across bodies: depends only on the secret and the id', () => {
    expect(complainantHash(secret, '9434765919')).toBe(complainantHash(secret, '9434765919'));
    expect(complainantHash('other-secret', '9434765919')).not.toBe(complainantHash(secret, '9434765919'));
    expect(complainantHash(secret, '9434765918')).not.toBe(complainantHash(secret, '9434765919'));
  });

  it('returns null for a blank identifier and rejects an empty secret', () => {
    expect(complainantHash(secret, '   ')).toBeNull();
    expect(() => complainantHash('', '9434765919')).toThrow(RangeError);
  });

  it('normalises the identifier by removing whitespace and upper-casing', () => {
    expect(normaliseComplainantId(' ab 12\ncd ')).toBe('AB12CD');
  });
});
