/** A run of the text, marked when it is part of a phrase the classifier quoted as evidence. */
export interface TextSegment {
  text: string;
  mark: boolean;
}

/**
 * Splits `text` into runs, marking every occurrence (case-insensitive) of each phrase. Runs
 * are plain text: the template escapes them and wraps marked ones in `<mark>`, so no HTML is
 * ever built from the complaint. Overlapping or adjacent matches merge into one run.
 *
 * Linear time: each phrase is searched with Knuth–Morris–Pratt (O(text + phrase)), and matches
 * are merged through a difference array over the text instead of sorting them. The classifier
 * quotes a handful of phrases per theme, so the total is O(text × phrases) with phrases bounded.
 */
export function highlightEvidence(text: string, phrases: readonly string[]): TextSegment[] {
  if (text.length === 0) return [];
  const folded = foldCase(text);
  const depth = new Int32Array(text.length + 1);
  const seen = new Set<string>();
  for (const phrase of phrases) {
    const needle = foldCase(phrase.trim());
    if (needle.length === 0 || needle.length > text.length || seen.has(needle)) continue;
    seen.add(needle);
    for (const start of occurrences(folded, needle)) {
      depth[start] += 1;
      depth[start + needle.length] -= 1;
    }
  }
  const segments: TextSegment[] = [];
  let covered = 0;
  let runStart = 0;
  let runMarked = false;
  for (let i = 0; i < text.length; i += 1) {
    covered += depth[i];
    const marked = covered > 0;
    if (i > 0 && marked !== runMarked) {
      segments.push({ text: text.slice(runStart, i), mark: runMarked });
      runStart = i;
    }
    runMarked = marked;
  }
  segments.push({ text: text.slice(runStart), mark: runMarked });
  return segments;
}

/** Lower-cases code unit by code unit, so offsets in the folded text are offsets in the original. */
function foldCase(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text[i];
    const lower = unit.toLowerCase();
    out += lower.length === 1 ? lower : unit;
  }
  return out;
}

/** Start offsets of every (possibly overlapping) occurrence of `needle` in `haystack`: KMP. */
function occurrences(haystack: string, needle: string): number[] {
  const failure = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i += 1) {
    while (k > 0 && needle[i] !== needle[k]) k = failure[k - 1];
    if (needle[i] === needle[k]) k += 1;
    failure[i] = k;
  }
  const starts: number[] = [];
  for (let i = 0, k = 0; i < haystack.length; i += 1) {
    while (k > 0 && haystack[i] !== needle[k]) k = failure[k - 1];
    if (haystack[i] === needle[k]) k += 1;
    if (k === needle.length) {
      starts.push(i - needle.length + 1);
      k = failure[k - 1];
    }
  }
  return starts;
}
