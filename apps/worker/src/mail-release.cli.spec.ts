import type { HeldMail } from '@app/persistence';
import { heldMessageId, parseReleaseArgs } from './mail-release.cli';

const A = '2c6530be-a00a-4466-bb24-d83215696d72';
const B = '3d7641cf-b11b-4577-8c35-e94326707e83';

describe('mail:release arguments', () => {
  it('lists without arguments, releases all or the ids given', () => {
    expect(parseReleaseArgs([])).toEqual({ list: true });
    expect(parseReleaseArgs(['--all'])).toEqual({ release: 'all' });
    expect(parseReleaseArgs(['--ids', `${A},${B.toUpperCase()}, ${A}`])).toEqual({ release: [A, B] });
    expect(parseReleaseArgs([`--ids=${A}`])).toEqual({ release: [A] });
  });

  it('records as delivered the ids given with --delivered', () => {
    expect(parseReleaseArgs(['--delivered', `${A},${B}`])).toEqual({ delivered: [A, B] });
    expect(parseReleaseArgs([`--delivered=${B}`])).toEqual({ delivered: [B] });
    expect(() => parseReleaseArgs(['--delivered'])).toThrow(/usage/);
    expect(() => parseReleaseArgs(['--delivered', 'nope'])).toThrow(/not an email id: nope/);
  });

  it('refuses anything else, naming a bad id', () => {
    expect(() => parseReleaseArgs(['--ids'])).toThrow(/usage/);
    expect(() => parseReleaseArgs(['--ids', 'x1,'])).toThrow(/not an email id: x1/);
    expect(() => parseReleaseArgs(['--ids', ','])).toThrow(/not an email id: \(none given\)/);
    expect(() => parseReleaseArgs(['--all', '--ids', A])).toThrow(/usage/);
    expect(() => parseReleaseArgs(['release'])).toThrow(/usage/);
  });
});

describe('the Message-ID shown for a held email', () => {
  const held = (over: Partial<HeldMail>): HeldMail => ({
    kind: 'alert',
    id: A,
    contactId: B,
    email: 'sam@example.org',
    sendAttempts: 1,
    reason: 'in doubt: …',
    createdAt: new Date(0),
    frequency: null,
    periodEnd: null,
    timeZone: null,
    ombudsmanKind: null,
    ombudsmanKey: null,
    ...over,
  });

  it('is the one the sender put on it', () => {
    expect(heldMessageId(held({}), 'example.gov.uk')).toBe(`<delivery.${A}@example.gov.uk>`);
    expect(heldMessageId(held({ kind: 'ombudsman', ombudsmanKind: 'rising-theme', ombudsmanKey: 'w2026-11-23' }), 'x.org')).toMatch(/^<alert\..+@x\.org>$/);
    const digest = heldMessageId(held({ kind: 'digest', frequency: 'daily', periodEnd: new Date('2026-11-25T00:00:00Z'), timeZone: 'Europe/London' }), 'x.org');
    expect(digest).toMatch(/^<digest\..+@x\.org>$/);
    expect(heldMessageId(held({ kind: 'digest' }), 'x.org')).toBe('?');
  });
});
