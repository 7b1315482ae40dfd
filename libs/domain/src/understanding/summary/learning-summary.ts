import type { Classification } from '../../model/complaint';
import { OUTCOME_LABELS, type Outcome, type Remedy } from '../../model/taxonomy';
import { isWhitespace, splitSentences, type Sentence } from '../text/sentences';

export interface LearningSummaryInput {
  /** Redacted. */
  readonly summary: string;
  /** Redacted. */
  readonly learning?: string;
  readonly outcome: Outcome;
  readonly serviceArea: string;
  readonly remedies: readonly Remedy[];
  readonly classification: Classification;
}

export const MAX_SUMMARY_LENGTH = 300;


/** How each remedy reads in "Change: ...; staff training". `other` says nothing, so it is left out. */
const REMEDY_LABELS: Readonly<Partial<Record<Remedy, string>>> = {
  apology: 'apology',
  explanation: 'explanation',
  financial: 'financial remedy',
  'service-change': 'service change',
  'staff-training': 'staff training',
  'policy-change': 'policy change',
};

/** Words that say something was done or will be done differently. */
const ACTION_SIGNALS =
  /\b(?:introduc\w*|chang\w*|will|now|training|trained|train|review\w*|updat\w*|new (?:process|procedure|system|policy|pathway|protocol|form|checklist)|implement\w*|put in place|improv\w*|revis\w*|remind\w*|audit\w*|ensur\w*|amend\w*|added|created|appointed|moving|shar(?:e|ed|ing) (?:the )?learning)\b/gi;

const MAX_SERVICE_AREA = 40;
const MAX_HEADER_THEMES = 2;
const ELLIPSIS = '…';
const CHANGE_PREFIX = ' Change: ';
/** Sentence openers that read naturally in lower case after the header's colon. */
const LOWERABLE_OPENERS = new Set(['The', 'My', 'Our', 'We', 'She', 'He', 'They', 'His', 'Her', 'Their', 'There', 'Staff', 'Parents', 'Patient', 'Nobody', 'No', 'A', 'An', 'This', 'It', 'Family', 'Complainant', 'Residents', 'Tenant']);

/**
 * Extractive learning summary, at most 300 characters:
 * "Upheld · Maternity · communication, delay: <what went wrong>. Change: <what changed>; staff training."
 * Every clause comes from the caller's (already redacted) text or from the record's fields;
 * nothing is paraphrased, so nothing can be invented.
 */
export function writeLearningSummary(input: LearningSummaryInput): string {
  const header = buildHeader(input);
  const wrong = bestProblemSentence(input.summary, input.classification);
  const change = bestActionSentence(input.learning ?? '');
  const remedies = input.remedies.map((r) => REMEDY_LABELS[r]).filter((r): r is string => r !== undefined);
  return compose(header, wrong, change, remedies);
}

function buildHeader(input: LearningSummaryInput): string {
  const parts = [OUTCOME_LABELS[input.outcome]];
  const area = input.serviceArea.trim();
  if (area !== '') parts.push(trimToWords(area, MAX_SERVICE_AREA));
  const themes = input.classification.themes.slice(0, MAX_HEADER_THEMES).map((t) => t.id.replace(/-/g, ' '));
  if (themes.length > 0) parts.push(themes.join(', '));
  return parts.join(' · ');
}

/** The summary sentence that holds most of the classifier's evidence, weighted by confidence. */
function bestProblemSentence(summary: string, classification: Classification): string {
  const sentences = splitSentences(summary);
  if (sentences.length === 0) return '';
  const scored = sentences.map((sentence) => {
    const lower = sentence.text.toLowerCase();
    let score = 0;
    for (const theme of classification.themes) {
      for (const quote of theme.evidence) if (lower.includes(quote.toLowerCase())) score += theme.confidence;
    }
    return { sentence, score: score - placeholderPenalty(sentence) };
  });
  return pickBest(scored).text;
}

/** The learning sentence with the most action words; none if no sentence has any. */
function bestActionSentence(learning: string): string {
  const scored = splitSentences(learning).map((sentence) => {
    ACTION_SIGNALS.lastIndex = 0;
    const score = (sentence.text.match(ACTION_SIGNALS) ?? []).length;
    return { sentence, score };
  });
  const best = scored.length === 0 ? null : pickBest(scored);
  return best !== null && (scored.find((s) => s.sentence === best)?.score ?? 0) > 0 ? best.text : '';
}

/** Sentences that are mostly placeholders ("[name] of [address]") read badly in a digest. */
function placeholderPenalty(sentence: Sentence): number {
  const placeholders = sentence.text.match(/\[[a-z-]+\]/g)?.length ?? 0;
  return placeholders * 0.1;
}

function pickBest(scored: readonly { sentence: Sentence; score: number }[]): Sentence {
  let best = scored[0];
  for (const candidate of scored) if (candidate.score > best.score) best = candidate;
  return best.sentence;
}

/**
 * Fits header, problem and change into the limit. The header is kept whole (short by
 * construction); the problem gets at least 55% of what is left, more if the change is short.
 */
function compose(header: string, wrong: string, change: string, remedies: readonly string[]): string {
  const changeText = [stripFinalStop(change), remedies.join(', ')].filter((s) => s !== '').join('; ');
  const wrongText = uncapitalise(stripFinalStop(wrong));
  const changePart = (room: number): string => (changeText === '' ? '' : `${CHANGE_PREFIX}${withStop(trimToWords(changeText, room))}`);
  if (wrongText === '') return trimToWords(`${header}.${changePart(MAX_SUMMARY_LENGTH)}`, MAX_SUMMARY_LENGTH);
  const prefix = `${header}: `;
  // Two characters for the full stops after each part.
  const available = MAX_SUMMARY_LENGTH - prefix.length - (changeText === '' ? 0 : CHANGE_PREFIX.length) - 2;
  const wrongRoom = Math.min(wrongText.length, Math.max(Math.floor(available * 0.55), available - changeText.length));
  const result = `${prefix}${withStop(trimToWords(wrongText, wrongRoom))}${changePart(available - wrongRoom)}`;
  return trimToWords(result, MAX_SUMMARY_LENGTH);
}

/** Cuts on a word boundary and marks the cut with an ellipsis; never exceeds `max`. */
export function trimToWords(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, Math.max(0, max));
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max / 3 ? cut.slice(0, lastSpace) : cut;
  return `${base.slice(0, trailingRunStart(base, isCutDebris))}${ELLIPSIS}`;
}

/** Spaces and separators left dangling before an ellipsis ("staff, …"). */
function isCutDebris(c: number): boolean {
  return isWhitespace(c) || c === 44 /* , */ || c === 59 /* ; */ || c === 58 /* : */ || c === 183 /* · */ || c === 45 /* - */;
}

function isFinalStop(c: number): boolean {
  return c === 46 /* . */ || c === 33 /* ! */ || c === 63 /* ? */;
}

/**
 * Start of the run of characters at the end of `text` that satisfy `test`. A backward scan:
 * a regex such as /[.!?]+$/ retries from every position inside a long run of marks that does
 * not end the text, which is quadratic on "a!?!?…!?b" (one 20,000-character "sentence").
 */
function trailingRunStart(text: string, test: (c: number) => boolean): number {
  let start = text.length;
  while (start > 0 && test(text.charCodeAt(start - 1))) start -= 1;
  return start;
}

function stripFinalStop(sentence: string): string {
  const trimmed = sentence.trim();
  return trimmed.slice(0, trailingRunStart(trimmed, isFinalStop));
}

function withStop(text: string): string {
  return text === '' || text.endsWith(ELLIPSIS) ? text : `${text}.`;
}

/** "Parents were not told" → "parents were not told" after the colon; names, "I", titles stay. */
function uncapitalise(sentence: string): string {
  const firstWord = sentence.split(/\s/, 1)[0];
  return LOWERABLE_OPENERS.has(firstWord) ? sentence[0].toLowerCase() + sentence.slice(1) : sentence;
}
