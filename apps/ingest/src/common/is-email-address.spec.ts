import { isEmailAddress } from './is-email-address';

describe('isEmailAddress', () => {
  it('accepts ordinary addresses', () => {
    expect(isEmailAddress('sam.jones@example.org')).toBe(true);
    expect(isEmailAddress('a+tag@sub.example.co.uk')).toBe(true);
  });

  it('refuses what is not an address, or not a string', () => {
    expect(isEmailAddress('not an email')).toBe(false);
    expect(isEmailAddress(42)).toBe(false);
    expect(isEmailAddress(undefined)).toBe(false);
  });

  it('refuses lone surrogates instead of throwing', () => {
    expect(() => isEmailAddress('sam@exa\ud800mple.org')).not.toThrow();
    expect(isEmailAddress('sam@exa\ud800mple.org')).toBe(false);
    expect(isEmailAddress('sam\udc00@example.org')).toBe(false);
  });
});
