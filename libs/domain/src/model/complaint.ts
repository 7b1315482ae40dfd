import type { Channel, Outcome, Remedy, Severity, Stage, ThemeId } from './taxonomy';
import type { ThemeSignal, ThemeSuggestion } from '../review/uncertainty';

/** A complaint as a public body submits it, after validation (dates parsed). */
export interface ComplaintRecord {
  reference: string;
  receivedAt: Date;
  closedAt?: Date;
  serviceArea: string;
  channel?: Channel;
  stage: Stage;
  summary: string;
  outcome: Outcome;
  learning?: string;
  remedies: Remedy[];
}

export interface ThemeAssignment {
  id: ThemeId;
  /** 0..1 */
  confidence: number;
  /** Words or phrases from the (redacted) text that led to this theme. */
  evidence: string[];
}

export interface Classification {
  themes: ThemeAssignment[];
  severity: Severity;
  /** 0..1, overall confidence in the theme set. */
  confidence: number;
  version: string;
  /** Themes that just missed their threshold (or were left out for lack of evidence): for a reviewer, never assigned. */
  suggestions?: ThemeSuggestion[];
  /**
   * Per-theme figures behind the choice, for the uncertainty score; not stored with the
   * classification (the worker keeps only the score).
   */
  signals?: ThemeSignal[];
}

/** A complaint record on the wire, as a public body sends it in JSON (DESIGN.md, before validation). */
export interface ComplaintSubmission {
  reference: string;
  receivedAt: string;
  closedAt?: string;
  serviceArea: string;
  channel?: string;
  stage?: string;
  summary: string;
  outcome: string;
  learning?: string;
  complainantId?: string;
  remedies?: string[];
}
