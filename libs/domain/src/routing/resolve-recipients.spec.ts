import { DEFAULT_ROUTING_RULES } from './default-rules';
import { matchingRules } from './match-rules';
import { contactIsInterested, resolveRecipients } from './resolve-recipients';
import type { RoutingDirectory, RoutingRule } from './routing-rule';
import { contact, facts, rule } from './test-fixtures';

const directory: RoutingDirectory = {
  contacts: [
    contact('a-all'),
    contact('a-maternity', { serviceAreas: ['maternity'] }),
    contact('a-housing', { serviceAreas: ['Estates'], themes: ['housing'] }),
    contact('a-comms', { serviceAreas: ['Estates'], themes: ['communication'] }),
    contact('a-nodigest', { digest: 'none' }),
    contact('b-clinical', { organisationId: 'trust-b', themes: ['clinical-care'] }),
    contact('b-all', { organisationId: 'trust-b' }),
    contact('b-housing', { organisationId: 'trust-b', themes: ['housing'] }),
    contact('council-clinical', { organisationId: 'council-c', sector: 'local-government', themes: ['clinical-care'] }),
    contact('ombuds-1', { organisationId: 'phso', organisationKind: 'ombudsman', sector: 'other', digest: 'weekly' }),
    contact('ombuds-2', { organisationId: 'phso', organisationKind: 'ombudsman', sector: 'other', digest: 'none', themes: ['housing'] }),
  ],
};

const ids = (rules: RoutingRule[], f = facts()) => resolveRecipients(rules, f, directory).map((d) => `${d.contactId}:${d.mode}`);

describe('contactIsInterested', () => {
  it('matches on service area OR theme; no lists means everything', () => {
    expect(contactIsInterested(contact('x'), facts())).toBe(true);
    expect(contactIsInterested(contact('x', { serviceAreas: ['MATERNITY '] }), facts())).toBe(true);
    expect(contactIsInterested(contact('x', { themes: ['communication'] }), facts())).toBe(true);
    expect(contactIsInterested(contact('x', { serviceAreas: ['Estates'], themes: ['housing'] }), facts())).toBe(false);
  });
});

describe('resolveRecipients — targets', () => {
  it('submitter-contacts: only interested contacts of the submitting organisation', () => {
    expect(ids([rule()])).toEqual(['a-all:digest', 'a-comms:digest', 'a-maternity:digest']);
  });

  it('organisations: interested contacts of the named organisations, marked shared', () => {
    const deliveries = resolveRecipients([rule({ target: { kind: 'organisations', organisationIds: ['trust-b'] } })], facts(), directory);
    expect(deliveries.map((d) => d.contactId)).toEqual(['b-all', 'b-clinical']);
    expect(deliveries.every((d) => d.shared && d.organisationId === 'trust-b')).toBe(true);
  });

  it('sector-subscribers: other organisations in the sector subscribed to a theme', () => {
    expect(ids([rule({ target: { kind: 'sector-subscribers' } })])).toEqual(['b-clinical:digest']);
  });

  it('ombudsman: every contact of an ombudsman organisation, digest preference respected', () => {
    expect(ids([rule({ target: { kind: 'ombudsman' }, mode: 'immediate' })])).toEqual(['ombuds-1:immediate', 'ombuds-2:immediate']);
    expect(ids([rule({ target: { kind: 'ombudsman' }, mode: 'digest' })])).toEqual(['ombuds-1:digest']);
  });

  it('ignores disabled rules and unknown target kinds from stored data', () => {
    expect(ids([rule({ enabled: false })])).toEqual([]);
    const stored = JSON.parse('{"id":"x","name":"x","enabled":true,"match":{},"target":{"kind":"everyone"},"mode":"digest","includeBodyName":true}') as RoutingRule;
    expect(ids([stored])).toEqual([]);
  });
});

describe('resolveRecipients — privacy boundary', () => {
  it('never routes to another organisation through submitter-contacts, whatever the match', () => {
    for (const submitter of ['trust-a', 'trust-b', 'council-c', 'phso']) {
      const deliveries = resolveRecipients([rule({ match: {} })], facts({ organisationId: submitter }), directory);
      expect(deliveries.every((d) => d.organisationId === submitter && !d.shared)).toBe(true);
    }
  });

  it('shares with other organisations only through sector-subscribers, organisations and ombudsman targets', () => {
    const kinds = ['submitter-contacts', 'sector-subscribers', 'ombudsman'] as const;
    const sharedByKind = Object.fromEntries(
      kinds.map((kind) => [kind, resolveRecipients([rule({ id: kind, target: { kind } })], facts(), directory).some((d) => d.shared)]),
    );
    expect(sharedByKind).toEqual({ 'submitter-contacts': false, 'sector-subscribers': true, ombudsman: true });
  });

  it('sector-subscribers never reaches the submitter, another sector or unsubscribed contacts', () => {
    const reached = ids([rule({ target: { kind: 'sector-subscribers' } })]);
    expect(reached).not.toContain('a-comms:digest');
    expect(reached).not.toContain('council-clinical:digest');
    expect(reached).not.toContain('b-all:digest');
  });
});

describe('resolveRecipients — merging', () => {
  it('keeps one delivery per contact and mode, the most private setting winning', () => {
    const deliveries = resolveRecipients(
      [
        rule({ id: 'open', target: { kind: 'organisations', organisationIds: ['trust-b'] }, includeBodyName: true }),
        rule({ id: 'private', target: { kind: 'sector-subscribers' }, includeBodyName: false }),
      ],
      facts(),
      directory,
    );
    const bClinical = deliveries.filter((d) => d.contactId === 'b-clinical');
    expect(bClinical).toEqual([
      { contactId: 'b-clinical', organisationId: 'trust-b', ruleId: 'private', mode: 'digest', shared: true, includeBodyName: false },
    ]);
  });

  it('keeps both an immediate and a digest delivery for the same contact', () => {
    expect(ids([rule({ mode: 'digest' }), rule({ id: 'r2', mode: 'immediate' })]).filter((d) => d.startsWith('a-all'))).toEqual([
      'a-all:immediate',
      'a-all:digest',
    ]);
  });

  it('gives contacts with digest "none" immediate alerts only', () => {
    expect(ids([rule({ mode: 'digest' })])).not.toContain('a-nodigest:digest');
    expect(ids([rule({ mode: 'immediate' })])).toContain('a-nodigest:immediate');
  });
});

describe('DEFAULT_ROUTING_RULES', () => {
  const route = (f = facts()) => resolveRecipients(matchingRules(DEFAULT_ROUTING_RULES, f), f, directory);

  it('sends a medium, not-upheld complaint only to the submitter as a digest', () => {
    const deliveries = route(facts({ outcome: 'not-upheld' }));
    expect(deliveries.map((d) => `${d.contactId}:${d.mode}`)).toEqual(['a-all:digest', 'a-comms:digest', 'a-maternity:digest']);
  });

  it('alerts the Ombudsman and the submitter at once for a serious complaint', () => {
    const deliveries = route(facts({ severity: 'serious', outcome: 'open' }));
    const immediate = deliveries.filter((d) => d.mode === 'immediate').map((d) => d.contactId);
    expect(immediate).toEqual(['a-all', 'a-comms', 'a-maternity', 'a-nodigest', 'ombuds-1', 'ombuds-2']);
    expect(deliveries.filter((d) => d.organisationId === 'phso').every((d) => d.includeBodyName && d.shared)).toBe(true);
  });

  it('shares upheld learning anonymised with sector subscribers as a digest', () => {
    const shared = route(facts({ outcome: 'partly-upheld' })).filter((d) => d.shared);
    expect(shared).toEqual([
      {
        contactId: 'b-clinical',
        organisationId: 'trust-b',
        ruleId: '00000000-0000-4000-8000-000000000004',
        mode: 'digest',
        shared: true,
        includeBodyName: false,
      },
    ]);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_ROUTING_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_ROUTING_RULES[3].match.outcomes)).toBe(true);
  });
});
