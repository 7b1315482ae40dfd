import { DEFAULT_ROUTING_RULES } from './default-rules';
import { validateRoutingRule } from './validate-rule';

describe('validateRoutingRule', () => {
  it('accepts every default rule', () => {
    for (const rule of DEFAULT_ROUTING_RULES) expect(validateRoutingRule(rule)).toEqual({ ok: true, rule });
  });

  it('accepts an organisations target', () => {
    const rule = { ...DEFAULT_ROUTING_RULES[0], target: { kind: 'organisations', organisationIds: ['org-1'] } };
    expect(validateRoutingRule(rule).ok).toBe(true);
  });

  it('reports every problem with its field', () => {
    const result = validateRoutingRule({
      id: '',
      name: 'x',
      enabled: 'yes',
      match: { themes: ['not-a-theme'], minSeverity: 'huge', colour: 'red' },
      target: { kind: 'organisations', organisationIds: [] },
      mode: 'weekly',
      includeBodyName: true,
      extra: 1,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual(
        expect.arrayContaining([
          'extra: unknown field',
          'id: must be a non-empty string',
          'enabled: must be a boolean',
          'mode: must be one of immediate, digest',
          'match.colour: unknown field',
          expect.stringMatching(/^match\.themes\[0\]: must be one of/),
          expect.stringMatching(/^match\.minSeverity: must be one of/),
          'target.organisationIds: must list at least one organisation',
        ]),
      );
    }
  });

  it('rejects non-objects and unknown target kinds', () => {
    expect(validateRoutingRule(null)).toEqual({ ok: false, errors: ['rule: must be an object'] });
    const result = validateRoutingRule({ ...DEFAULT_ROUTING_RULES[0], target: { kind: 'everyone' } });
    expect(result.ok).toBe(false);
  });
});
