import { isEmailAddress, normaliseEmail } from './email-address';

describe('isEmailAddress', () => {
  it.each(['sam.jones@example.org', 'a@b.co', 'x+tag@nhs.example.uk'])('accepts %s', (value) => {
    expect(isEmailAddress(value)).toBe(true);
  });

  it.each(['', 'sam', 'sam@', '@example.org', 'sam@example', 'sam@@example.org', 'sam jones@example.org', 'sam@example..org', 'sam@example.org.', `${'a'.repeat(250)}@b.co`])(
    'refuses %p',
    (value) => {
      expect(isEmailAddress(value)).toBe(false);
    },
  );

  it('normalises case and surrounding space', () => {
    expect(normaliseEmail('  Sam.Jones@Example.ORG ')).toBe('sam.jones@example.org');
    expect(normaliseEmail(undefined)).toBe('');
  });
});
