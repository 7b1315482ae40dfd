import { SEVERITIES, THEME_IDS, type Severity, type ThemeId } from '../model/taxonomy';

/** A reviewer's labels for one complaint: they replace the model's wherever labels are read. */
export interface ReviewLabels {
  themes: ThemeId[];
  severity: Severity;
  note: string | null;
}

export interface ReviewFieldError {
  field: string;
  message: string;
}

export const MAX_REVIEW_THEMES = THEME_IDS.length;
export const MAX_REVIEW_NOTE = 2_000;
const REVIEW_FIELDS: ReadonlySet<string> = new Set(['themes', 'severity', 'note']);
const THEMES: ReadonlySet<string> = new Set(THEME_IDS);
const SEVERITY_SET: ReadonlySet<string> = new Set(SEVERITIES);

/**
 * Validates a review body `{themes, severity, note?}`: themes from the taxonomy (no repeats;
 * an empty list says "about none of the themes"), severity one of its levels, an optional
 * note. Every fault is reported, each naming its field; values are never echoed.
 */
export function validateReviewLabels(input: unknown): { ok: true; labels: ReviewLabels } | { ok: false; errors: ReviewFieldError[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(body)', message: 'the body must be a JSON object {themes, severity, note?}' }] };
  }
  const body = input as Record<string, unknown>;
  const errors: ReviewFieldError[] = [];
  for (const key of Object.keys(body)) {
    if (!REVIEW_FIELDS.has(key)) errors.push({ field: key.slice(0, 100), message: 'is not a field of a review' });
  }
  const themes = body.themes;
  if (!Array.isArray(themes)) {
    errors.push({ field: 'themes', message: 'must be an array of theme ids' });
  } else if (themes.length > MAX_REVIEW_THEMES) {
    errors.push({ field: 'themes', message: `must hold at most ${MAX_REVIEW_THEMES} theme ids` });
  } else {
    themes.forEach((theme, index) => {
      if (typeof theme !== 'string' || !THEMES.has(theme)) errors.push({ field: `themes[${index}]`, message: 'must be a theme id of the taxonomy' });
      else if (themes.indexOf(theme) !== index) errors.push({ field: `themes[${index}]`, message: 'repeats a theme already given' });
    });
  }
  if (typeof body.severity !== 'string' || !SEVERITY_SET.has(body.severity)) {
    errors.push({ field: 'severity', message: `must be one of ${SEVERITIES.join(', ')}` });
  }
  const note = body.note;
  if (note !== undefined && note !== null) {
    if (typeof note !== 'string') errors.push({ field: 'note', message: 'must be a string' });
    else if (note.length > MAX_REVIEW_NOTE) errors.push({ field: 'note', message: `must be at most ${MAX_REVIEW_NOTE} characters` });
    else if (note.includes('\u0000')) errors.push({ field: 'note', message: 'must not contain NUL characters' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    labels: {
      // Taxonomy order: the same set of themes is always stored the same way.
      themes: THEME_IDS.filter((id) => (themes as string[]).includes(id)),
      severity: body.severity as Severity,
      note: typeof note === 'string' && note.trim() !== '' ? note : null,
    },
  };
}
