import { MAX_REVIEW_NOTE, validateReviewLabels, type ReviewLabels } from '@app/domain/review';

/** The review form as entered, to show back with its errors. */
export interface ReviewFormValues {
  themes: string[];
  severity: string;
  note: string;
}

export type ReviewFormResult =
  | { ok: true; labels: ReviewLabels }
  | { ok: false; values: ReviewFormValues; errors: Record<string, string> };

/**
 * Reads the case page's review form (urlencoded: a ticked box per theme, repeated `themes`).
 * The rules are the API's (`validateReviewLabels`); the page adds one of its own: a person
 * correcting labels ticks at least one theme (the API's `[]`, "about none of them", is for
 * tools that mean it). Messages name the field in GOV.UK style; values are never logged.
 */
export function parseReviewForm(form: Record<string, unknown>): ReviewFormResult {
  const themes = (Array.isArray(form.themes) ? form.themes : form.themes === undefined ? [] : [form.themes]).filter((t): t is string => typeof t === 'string');
  const values: ReviewFormValues = {
    themes,
    severity: typeof form.severity === 'string' ? form.severity : '',
    note: typeof form.note === 'string' ? form.note : '',
  };
  const errors: Record<string, string> = {};
  if (themes.length === 0) errors.themes = 'Select at least one theme';
  // Only the three fields go to the shared rule: the CSRF token and button are the form's own.
  const validated = validateReviewLabels({ themes: [...new Set(themes)], severity: values.severity, note: values.note === '' ? null : values.note });
  if (!validated.ok) {
    for (const error of validated.errors) {
      if (error.field.startsWith('themes')) errors.themes ??= 'Select themes from the list';
      else if (error.field === 'severity') errors.severity = 'Select how severe the complaint is';
      else if (error.field === 'note') errors.note = `The note must be ${MAX_REVIEW_NOTE.toLocaleString('en-GB')} characters or fewer`;
    }
  }
  if (Object.keys(errors).length > 0 || !validated.ok) return { ok: false, values, errors };
  return { ok: true, labels: validated.labels };
}
