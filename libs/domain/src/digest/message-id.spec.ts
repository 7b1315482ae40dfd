import { contactDigestKey, messageId } from './message-id';

describe('messageId', () => {
  it('is <kind.id@domain> for short plain ids', () => {
    expect(messageId('delivery', '0b6f1c2e-8d4a-4c1e-9f3b-2a7d5e6c8b90', 'Learning.Example.gov.uk')).toBe(
      '<delivery.0b6f1c2e-8d4a-4c1e-9f3b-2a7d5e6c8b90@learning.example.gov.uk>',
    );
  });

  it('is deterministic, so a retry carries the same id', () => {
    const key = contactDigestKey('weekly:2026-W47', 'c-1');
    expect(messageId('digest', key, 'example.org')).toBe(messageId('digest', key, 'example.org'));
  });

  it('hashes long ids and ids with characters not allowed in a Message-ID', () => {
    const id = messageId('digest', 'weekly:2026-W47:contact:c-1', 'example.org');
    expect(id).toMatch(/^<digest\.h-[0-9a-f]{40}@example\.org>$/);
    expect(messageId('alert', 'x'.repeat(65), 'example.org')).toMatch(/^<alert\.h-[0-9a-f]{40}@example\.org>$/);
    expect(messageId('digest', 'weekly:2026-W48:contact:c-1', 'example.org')).not.toBe(id);
  });

  it('differs by kind for the same id', () => {
    expect(messageId('alert', 'abc', 'example.org')).not.toBe(messageId('delivery', 'abc', 'example.org'));
  });

  it('rejects a domain that could break the header, and an empty id', () => {
    expect(() => messageId('digest', 'a', 'example.org>\r\nBcc: x')).toThrow(RangeError);
    expect(() => messageId('digest', 'a', '-bad.example')).toThrow(RangeError);
    expect(() => messageId('digest', '', 'example.org')).toThrow(RangeError);
  });
});
