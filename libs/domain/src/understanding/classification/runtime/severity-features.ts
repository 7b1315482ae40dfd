import { SEVERITIES } from '../../../model/taxonomy';
import { explicitHarm } from './severity';

/**
 * What the rubric says severity depends on (docs/labelling.md): harm and death, risk to a
 * vulnerable person, safeguarding, how long it went on, repeated failure and money lost —
 * read from the text as dense features, beside the n-gram severity model's logits. The
 * severity stacker learns how much each counts, instead of a hand-set rule order.
 */
export const SEVERITY_FEATURES = 16;
/** Index of the feature that says a clause states serious harm caused by a failure. */
export const HARM_CAUSED_FEATURE = 15;

const VULNERABLE =
  /\b(?:child|children|baby|babies|newborn|infant|toddler|teenager|elderly|frail|dementia|alzheimer\w*|learning disabilit\w*|autis\w*|vulnerable|disabled|disability|terminal(?:ly)?|end of life|palliative|pregnant|pregnancy|care leaver|looked[- ]after|in crisis|suicid\w*|mental health)\b/gi;
const LONG_DURATION =
  /\b(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|several|many) (?:months|years)|for (?:months|years)|over a year|more than a year|since (?:19|20)\d\d)\b/gi;
const REPEATED =
  /\b(?:again|repeated(?:ly)?|(?:second|third|fourth|fifth) time|several times|many times|(?:\d+|two|three|four|five|six|several|many|numerous) (?:occasions|times)|still (?:not|no|has not|have not|hasn['’]t|haven['’]t)|every time|each time|persistent(?:ly)?|ongoing)\b/gi;

/**
 * A death or lasting harm mentioned as background ("after my mother died, the council sent
 * the bill to her") is not the harm complained of; one stated in the same clause as a
 * failure or a cause ("died after the ward failed to…", "left him with permanent damage")
 * is. 1 when a clause holds both a serious signal and such a cue.
 */
const CAUSE = /\b(?:after|because|due to|as a result|result(?:ed|ing)? in|caused|led to|left (?:him|her|them|me|us)|went wrong|failed|failure|fail|missed|ignored|not (?:\w+ )?(?:seen|treated|monitored|checked|acted|recognised|referred)|too late|could have been|avoid(?:able|ed))\b/i;
const CLAUSE = /[.;!?\n]+/;

function harmCausedInOneClause(text: string, level: string | null): number {
  if (level !== 'serious') return 0;
  for (const clause of text.split(CLAUSE)) {
    if (explicitHarm(clause).level === 'serious' && CAUSE.test(clause)) return 1;
  }
  return 0;
}

function count(pattern: RegExp, text: string, cap: number): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (n < cap && pattern.exec(text) !== null) n += 1;
  return n;
}

/**
 * Dense features of one text: [bias, 4 n-gram logits, explicit serious/high/medium,
 * mitigation, significant sum, any sum, vulnerable person, long duration, repetition,
 * safeguarding probability]. Counts are capped so one repeated word cannot dominate. Length is
 * deliberately not a feature: the rubric judges what happened, and a short note about a death
 * is as serious as a long letter.
 */
export function severityFeatures(text: string, ngramLogits: Float64Array, safeguarding: number, out: Float64Array): Float64Array {
  const harm = explicitHarm(text);
  out[0] = 1;
  for (let s = 0; s < SEVERITIES.length; s += 1) out[1 + s] = ngramLogits[s];
  out[5] = harm.level === 'serious' ? 1 : 0;
  out[6] = harm.level === 'high' || harm.level === 'serious' ? 1 : 0;
  out[7] = harm.level === null ? 0 : 1;
  out[8] = harm.mitigated ? 1 : 0;
  out[9] = harm.significantSum ? 1 : 0;
  out[10] = harm.anySum ? 1 : 0;
  out[11] = count(VULNERABLE, text, 3) / 3;
  out[12] = count(LONG_DURATION, text, 2) / 2;
  out[13] = count(REPEATED, text, 3) / 3;
  out[14] = safeguarding;
  out[HARM_CAUSED_FEATURE] = harmCausedInOneClause(text, harm.level);
  return out;
}

/**
 * A multinomial logistic model over the standardised dense features:
 * weights [class * SEVERITY_FEATURES + f]; feature 0 is the bias and is not standardised.
 */
export interface SeverityStacker {
  readonly weights: Float64Array;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

/** Standardises a feature row in place with the stacker's training mean and spread. */
export function standardise(stacker: Pick<SeverityStacker, 'mean' | 'scale'>, x: Float64Array): Float64Array {
  for (let f = 1; f < SEVERITY_FEATURES; f += 1) x[f] = (x[f] - stacker.mean[f]) / stacker.scale[f];
  return x;
}

/** Index into SEVERITIES of the most likely level. */
export function predictSeverityIndex(stacker: SeverityStacker, raw: Float64Array): number {
  const x = standardise(stacker, raw);
  let best = 0;
  let bestScore = -Infinity;
  for (let s = 0; s < SEVERITIES.length; s += 1) {
    let z = 0;
    for (let f = 0; f < SEVERITY_FEATURES; f += 1) z += stacker.weights[s * SEVERITY_FEATURES + f] * x[f];
    if (z > bestScore) [best, bestScore] = [s, z];
  }
  return best;
}
