import { parseReviewForm } from './review-form';

describe('parseReviewForm', () => {
  it('takes one or several ticked themes, a severity and an optional note, in taxonomy order', () => {
    expect(parseReviewForm({ _csrf: 'x', themes: ['delay', 'communication'], severity: 'high', note: '' })).toEqual({
      ok: true,
      labels: { themes: ['communication', 'delay'], severity: 'high', note: null },
    });
    expect(parseReviewForm({ themes: 'safeguarding', severity: 'serious', note: 'Risk missed' })).toEqual({
      ok: true,
      labels: { themes: ['safeguarding'], severity: 'serious', note: 'Risk missed' },
    });
  });

  it('asks for at least one theme and a severity, keeping what was entered', () => {
    expect(parseReviewForm({ severity: '', note: 'kept' })).toEqual({
      ok: false,
      values: { themes: [], severity: '', note: 'kept' },
      errors: { themes: 'Select at least one theme', severity: 'Select how severe the complaint is' },
    });
  });

  it('refuses themes outside the taxonomy and an over-long note', () => {
    expect(parseReviewForm({ themes: ['made-up'], severity: 'low', note: 'x'.repeat(2001) })).toMatchObject({
      ok: false,
      errors: { themes: 'Select themes from the list', note: 'The note must be 2,000 characters or fewer' },
    });
  });
});
