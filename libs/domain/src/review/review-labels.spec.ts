import { validateReviewLabels } from './review-labels';

describe('validateReviewLabels', () => {
  it('accepts taxonomy themes and a severity level, storing themes in taxonomy order', () => {
    expect(validateReviewLabels({ themes: ['delay', 'clinical-care'], severity: 'high', note: 'scan delay was the real issue' })).toEqual({
      ok: true,
      labels: { themes: ['clinical-care', 'delay'], severity: 'high', note: 'scan delay was the real issue' },
    });
    expect(validateReviewLabels({ themes: [], severity: 'low' })).toEqual({ ok: true, labels: { themes: [], severity: 'low', note: null } });
  });

  it('names every field at fault', () => {
    const result = validateReviewLabels({ themes: ['delay', 'parking', 'delay'], severity: 'catastrophic', note: 5, colour: 'red' });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'colour', message: 'is not a field of a review' },
        { field: 'themes[1]', message: 'must be a theme id of the taxonomy' },
        { field: 'themes[2]', message: 'repeats a theme already given' },
        { field: 'severity', message: 'must be one of low, medium, high, serious' },
        { field: 'note', message: 'must be a string' },
      ],
    });
  });

  it('refuses a missing themes array and a body that is not an object', () => {
    expect(validateReviewLabels({ severity: 'low' })).toEqual({ ok: false, errors: [{ field: 'themes', message: 'must be an array of theme ids' }] });
    expect(validateReviewLabels([1])).toEqual({ ok: false, errors: [{ field: '(body)', message: 'the body must be a JSON object {themes, severity, note?}' }] });
    expect(validateReviewLabels({ themes: ['delay'], severity: 'low', note: 'x'.repeat(2001) })).toEqual({
      ok: false,
      errors: [{ field: 'note', message: 'must be at most 2000 characters' }],
    });
  });
});
