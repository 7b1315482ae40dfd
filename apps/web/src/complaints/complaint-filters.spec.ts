import { parseComplaintFilters } from './complaint-filters';

describe('parseComplaintFilters', () => {
  it('turns the form into a list query, the "to" day included', () => {
    const parsed = parseComplaintFilters(
      { status: 'failed', theme: 'delay', severity: 'high', serviceArea: ' Maternity ', reference: 'NS-', 'from-day': '1', 'from-month': '3', 'from-year': '2026', 'to-day': '31', 'to-month': '3', 'to-year': '2026', limit: '2' },
      false,
    );
    expect(parsed.errors).toEqual({});
    expect(parsed.query).toMatchObject({
      status: 'failed',
      theme: 'delay',
      severity: 'high',
      serviceArea: 'Maternity',
      referencePrefix: 'NS-',
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
      limit: 2,
    });
    expect(parsed.carried).toContainEqual(['limit', '2']);
  });

  it('names each bad field', () => {
    const parsed = parseComplaintFilters({ status: 'lost', theme: 'nope', 'from-day': '31', 'from-month': '2', 'from-year': '2026', 'to-month': '3', organisationId: 'x' }, true);
    expect(parsed.errors).toEqual({
      status: 'Select a status from the list',
      theme: 'Select a theme from the list',
      organisationId: 'Select an organisation from the list',
      from: 'Received from must be a real date',
      to: 'Received to must include a day and year',
    });
  });

  it('refuses a "to" before "from", and ignores the organisation filter for a body', () => {
    const parsed = parseComplaintFilters({ 'from-day': '2', 'from-month': '3', 'from-year': '2026', 'to-day': '1', 'to-month': '3', 'to-year': '2026', organisationId: '00000000-0000-4000-8000-000000000001' }, false);
    expect(parsed.errors).toEqual({ to: 'Received to must be the same as or after received from' });
    expect(parsed.query.organisationId).toBeUndefined();
  });

  it('starts again from the top on a cursor it did not issue', () => {
    const parsed = parseComplaintFilters({ cursor: 'not-a-cursor' }, false);
    expect(parsed.query.after).toBeUndefined();
    expect(parsed.cursorIgnored).toBe(true);
  });
});
