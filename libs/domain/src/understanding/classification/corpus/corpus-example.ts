import type { Severity, ThemeId } from '../../../model/taxonomy';

/** One labelled complaint text used to train or evaluate the classifier. */
export interface CorpusExample {
  readonly text: string;
  readonly themes: readonly ThemeId[];
  readonly severity: Severity;
}

/** Short constructor so the corpus files read as a list of texts, not of object literals. */
export function ex(severity: Severity, themes: readonly ThemeId[], text: string): CorpusExample {
  return { text, themes, severity };
}
