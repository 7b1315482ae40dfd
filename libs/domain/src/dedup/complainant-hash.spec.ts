import { complainantHash, complainantKey, hashComplainantId, parseComplainantId } from './complainant-hash';

const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';

function parsed(raw: string) {
  const result = parseComplainantId(raw);
  if (!result.ok) throw new Error(result.message);
  return result.id;
}

describe('parseComplainantId', () => {
  it('accepts an NHS number with a valid check digit, however it is spaced', () => {
    expect(parsed('nhs:943 476 5919')).toEqual({ scheme: 'nhs', value: '9434765919' });
    expect(parsed('NHS: 943-476-5919')).toEqual({ scheme: 'nhs', value: '9434765919' });
  });

  it('rejects an NHS number whose check digit is wrong, or that is not 10 digits', () => {
    expect(parseComplainantId('nhs:9434765918')).toEqual({ ok: false, message: expect.stringContaining('check digit') });
    expect(parseComplainantId('nhs:94347659')).toEqual({ ok: false, message: expect.stringContaining('10-digit') });
  });

  it('rejects an id without a known scheme, without echoing it', () => {
    for (const raw of ['9434765919', 'passport:123', ':x', '']) {
      const result = parseComplainantId(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).not.toContain('9434765919');
    }
  });

  it('lower-cases email addresses and trims local ids', () => {
    expect(parsed('email: Jo.Bloggs@Example.org ')).toEqual({ scheme: 'email', value: 'jo.bloggs@example.org' });
    expect(parsed('local: 1001 ')).toEqual({ scheme: 'local', value: '1001' });
    expect(parseComplainantId('local:   ').ok).toBe(false);
    expect(parseComplainantId('email:not-an-address').ok).toBe(false);
  });
});

describe('complainantHash', () => {
  const secret = 'test-secret';

  it('links an NHS number or email across bodies', () => {
    const a = complainantHash(secret, parsed('nhs:943 476 5919'), ORG_A);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(complainantHash(secret, parsed('nhs:9434765919'), ORG_B)).toBe(a);
    expect(complainantHash(secret, parsed('email:A@b.org'), ORG_A)).toBe(complainantHash(secret, parsed('email:a@B.ORG'), ORG_B));
  });

  it('namespaces local ids by organisation: the same local number at two bodies is two people', () => {
    expect(complainantKey(parsed('local:1001'), ORG_A)).toBe(`local:${ORG_A}:1001`);
    expect(complainantHash(secret, parsed('local:1001'), ORG_A)).not.toBe(complainantHash(secret, parsed('local:1001'), ORG_B));
    expect(complainantHash(secret, parsed('local:1001'), ORG_A)).toBe(complainantHash(secret, parsed('local:1001'), ORG_A));
  });

  it('keeps schemes apart and depends on the secret', () => {
    expect(complainantHash(secret, parsed('local:9434765919'), ORG_A)).not.toBe(complainantHash(secret, parsed('nhs:9434765919'), ORG_A));
    expect(complainantHash('other', parsed('nhs:9434765919'), ORG_A)).not.toBe(complainantHash(secret, parsed('nhs:9434765919'), ORG_A));
    expect(() => complainantHash('', parsed('nhs:9434765919'), ORG_A)).toThrow(RangeError);
  });

  it('hashComplainantId parses then hashes, and throws on an invalid id', () => {
    expect(hashComplainantId(secret, 'nhs:943 476 5919', ORG_A)).toBe(complainantHash(secret, parsed('nhs:9434765919'), ORG_B));
    expect(() => hashComplainantId(secret, '9434765919', ORG_A)).toThrow(RangeError);
  });
});
