import { CLASSIFIER_VERSION, understand } from './index';

describe('understand', () => {
  const record = {
    summary: 'Mrs Patel says nobody told her the operation on her son Jamie had been cancelled. Call 07700 900123.',
    learning: 'Dr. Jones has apologised. Cancellations are now phoned through by the ward clerk.',
    serviceArea: 'Surgery',
    outcome: 'upheld' as const,
    remedies: ['apology' as const],
  };

  it('redacts before classifying and summarising', () => {
    const result = understand(record);
    expect(result.redactedSummary).toBe('Mrs [name] says nobody told her the operation on her son [name] had been cancelled. Call [phone].');
    expect(result.redactedLearning).toBe('Dr. [name] has apologised. Cancellations are now phoned through by the ward clerk.');
    expect(result.piiFound).toEqual({ name: 3, phone: 1 });
    const evidence = result.classification.themes.flatMap((t) => t.evidence).join(' ');
    expect(evidence).not.toMatch(/Patel|Jamie|Jones|07700/);
    expect(result.classification.themes.map((t) => t.id)).toContain('communication');
    expect(result.classification.version).toBe(CLASSIFIER_VERSION);
    expect(result.learningSummary.startsWith('Upheld · Surgery · ')).toBe(true);
  });

  it('leaves redactedLearning out when there is no learning', () => {
    const result = understand({ ...record, learning: undefined });
    expect(result).not.toHaveProperty('redactedLearning');
    expect(result.piiFound).toEqual({ name: 2, phone: 1 });
  });
});
