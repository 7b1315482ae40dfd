import { validateComplaintRecord } from './complaint-validation';

const NOW = new Date('2026-11-25T12:00:00Z');
const valid = {
  reference: 'C-1',
  receivedAt: '2026-10-01T09:00:00Z',
  serviceArea: ' Maternity ',
  summary: 'The family was not told the scan was delayed.',
  outcome: 'upheld',
};

function fieldsOf(raw: unknown): string[] {
  const result = validateComplaintRecord(raw, NOW);
  return result.ok ? [] : result.details.map((d) => d.field);
}

describe('validateComplaintRecord', () => {
  it('accepts a minimal record and fills the defaults', () => {
    const result = validateComplaintRecord(valid, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.record).toMatchObject({ stage: 'local', remedies: [], serviceArea: 'Maternity' });
    expect(result.value.record.receivedAt.toISOString()).toBe('2026-10-01T09:00:00.000Z');
  });

  it('takes complainantId only as scheme:value, with a valid NHS check digit, and hands it on parsed', () => {
    expect(fieldsOf({ ...valid, complainantId: '9434765919' })).toEqual(['complainantId']);
    expect(fieldsOf({ ...valid, complainantId: 'nhs:9434765918' })).toEqual(['complainantId']);
    expect(fieldsOf({ ...valid, complainantId: 'ni:AB123456C' })).toEqual(['complainantId']);
    const result = validateComplaintRecord({ ...valid, complainantId: 'nhs:943 476 5919' }, NOW);
    expect(result.ok && result.value.complainantId).toEqual({ scheme: 'nhs', value: '9434765919' });
  });

  it('names every missing required field', () => {
    expect(fieldsOf({}).sort()).toEqual(expect.arrayContaining(['outcome', 'receivedAt', 'reference', 'serviceArea', 'summary']));
  });

  it('refuses unknown fields by name', () => {
    expect(fieldsOf({ ...valid, nhsNumber: '123' })).toEqual(['nhsNumber']);
  });

  it('checks lengths, enums and dates', () => {
    expect(fieldsOf({ ...valid, summary: 'short' })).toEqual(['summary']);
    expect(fieldsOf({ ...valid, reference: 'x'.repeat(101) })).toEqual(['reference']);
    expect(fieldsOf({ ...valid, channel: 'pigeon' })).toEqual(['channel']);
    expect(fieldsOf({ ...valid, remedies: ['apology', 'cake'] })).toEqual(['remedies']);
    expect(fieldsOf({ ...valid, receivedAt: '01/10/2026' })).toEqual(['receivedAt']);
  });

  it('refuses a receivedAt in the future and a closedAt before it', () => {
    expect(fieldsOf({ ...valid, receivedAt: '2026-12-25T00:00:00Z' })).toEqual(['receivedAt']);
    expect(fieldsOf({ ...valid, closedAt: '2026-09-01T00:00:00Z' })).toEqual(['closedAt']);
  });

  it('refuses wrong types without throwing', () => {
    expect(fieldsOf({ ...valid, summary: 42, remedies: 'apology' }).sort()).toEqual(['remedies', 'summary']);
    expect(fieldsOf(null)).toEqual(['(record)']);
    expect(fieldsOf([valid])).toEqual(['(record)']);
  });

  it('refuses NUL characters, which PostgreSQL cannot store', () => {
    expect(fieldsOf({ ...valid, summary: 'Text with a NUL \u0000 inside it here' })).toEqual(['summary']);
  });
});
