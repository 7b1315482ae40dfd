import { severityRank, type Severity } from '../../../model/taxonomy';

/**
 * Explicit harm signals in the text, per the design brief's levels:
 * serious = death, lasting or life-changing harm, risk of serious harm;
 * high = significant harm or financial loss, a person left without a needed service;
 * medium = distress, time or money lost; low = inconvenience, no lasting effect.
 *
 * They are features, not the verdict (since `clf-1.5.0`): the severity stacker
 * (`severity-features.ts`) weighs them with the n-gram model, vulnerability, duration and
 * repetition, as learnt from the labelled corpus.
 */
interface SeveritySignal {
  readonly level: Severity;
  readonly pattern: RegExp;
}

const SIGNALS: readonly SeveritySignal[] = [
  {
    level: 'serious',
    pattern:
      /\b(?:died|dies|die|dying|death|deaths|dead|passed away|fatal(?:ly)?|stillborn|stillbirth|took (?:his|her|their) own life|killed|life[- ](?:changing|limiting|threatening)|lifelong (?:disability|damage|harm)|permanent(?:ly)? (?:\w+ )?(?:damage|damaged|disability|disabled|injury|harm|weakness|loss|scarring)|brain (?:injury|damage)|cerebral palsy|kernicterus|paralys(?:ed|is)|amputat\w*|cardiac arrest|seriously (?:injured|harmed|hurt)|serious (?:harm|injury|injuries)|skull fracture|inquest|coroner)\b/gi,
  },
  {
    level: 'high',
    pattern:
      /\b(?:admitted to (?:hospital|intensive care|icu)|hospital admission|readmitted|re-admitted|intensive care|emergency surgery|second operation|another (?:operation|procedure)|dialysis|anaphyla\w*|overdose|sepsis|septic|fracture[sd]?|broken (?:hip|arm|leg|wrist|bones?)|head bleed|seizures?|significant(?:ly)? (?:harm|harmed|loss)|at risk of harm|at (?:high )?risk|unsafe|dangerous(?:ly)?|abuse[ds]?|abuser|exploit(?:ed|ation)|assault(?:ed)?|attacked|stabbed|injur(?:ed|y|ies)|malnourished|dehydrated|self[- ]harm\w*|suicidal|went missing|homeless|sleeping rough|slept in (?:my|his|her|the|our) car|evicted|eviction|food banks?|no (?:heating|hot water|income|money|food)|left without (?:any )?(?:care|carers|food|heating|heat|water|hot water|medication|money|income|support|staff)|lost (?:my|his|her|their) (?:job|home|house|tenancy|income)|no income|nowhere to (?:live|go)|breaking point|tumour grew|spread)\b/gi,
  },
  {
    level: 'medium',
    pattern:
      /\b(?:distress\w*|upset\w*|anxious|anxiety|worr(?:y|ied|ying)|stress(?:ful|ed)?|frightened|scared|terrified|humiliat\w*|in pain|pain|time off work|out of pocket|infection|infected|bruis\w*|fell|fall|falls|missed (?:doses|visits|calls)|weight loss|lost weight|deteriorat\w*|worse|suffer\w*)\b/gi,
  },
];

const MITIGATION =
  /\b(?:no (?:lasting |long[- ]term |permanent |serious |significant |actual |further )?(?:harm|damage|injury|ill effects?|effect|action)|came to no harm|without (?:any )?(?:lasting )?harm|unharmed|minor(?! injur)|inconvenience|fixed now|now fixed|is fixed|sorted|corrected|amended|rebooked|resolved quickly|refund(?:ed| processed| given)|was fine|were fine|but fine|otherwise fine|(?:resent|reprinted|swapped|provided|sent) (?:on request|the next day|next day)|seen anyway|in the end|got home safely|put back|recovered fully|fully recovered|slight(?:ly)?|a bit)\b/gi;

/** A signal is denied when a negation sits in the two words before it ("did not die"). */
const NEGATION_BEFORE = /\b(?:not|no|never|nobody|without|\w+n['’]t)\s+(?:\w+\s+)?$/i;

/** Sums of money: ≥ £5,000 is significant loss (high); any sum is at least medium. */
const MONEY = /£\s?(\d[\d,]*(?:\.\d+)?)\s?(k|m|million|thousand)?\b/gi;
const SIGNIFICANT_SUM = 5_000;

/** Amounts the body paid or offered as a remedy are not a loss suffered. */
const REMEDY_BEFORE_MONEY = /(?:compensation|offered|goodwill|award(?:ed)?|payment of|refund of)\W+(?:\w+\W+){0,2}$/i;

function isDenied(text: string, index: number): boolean {
  return NEGATION_BEFORE.test(text.slice(Math.max(0, index - 30), index));
}

function moneyValue(amount: string, unit: string | undefined): number {
  const base = Number(amount.replace(/,/g, ''));
  const multiplier = unit === undefined ? 1 : /^(k|thousand)$/i.test(unit) ? 1_000 : 1_000_000;
  return base * multiplier;
}

function moneyLevel(text: string, found: string[]): Severity | null {
  let level: Severity | null = null;
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(text); m !== null; m = MONEY.exec(text)) {
    const remedy = REMEDY_BEFORE_MONEY.test(text.slice(Math.max(0, m.index - 40), m.index));
    const value = moneyValue(m[1], m[2]);
    const here: Severity = !remedy && value >= SIGNIFICANT_SUM ? 'high' : 'medium';
    found.push(m[0]);
    level = maxSeverity(level, here);
  }
  return level;
}

function maxSeverity(a: Severity | null, b: Severity | null): Severity | null {
  if (a === null) return b;
  if (b === null) return a;
  return severityRank(a) >= severityRank(b) ? a : b;
}

export interface ExplicitHarm {
  readonly level: Severity | null;
  readonly signals: string[];
  readonly mitigated: boolean;
  readonly significantSum: boolean;
  readonly anySum: boolean;
}

export function explicitHarm(text: string): ExplicitHarm {
  const signals: string[] = [];
  let level: Severity | null = null;
  for (const signal of SIGNALS) {
    signal.pattern.lastIndex = 0;
    for (let m = signal.pattern.exec(text); m !== null; m = signal.pattern.exec(text)) {
      if (isDenied(text, m.index)) continue;
      signals.push(m[0]);
      level = maxSeverity(level, signal.level);
    }
  }
  const sums: string[] = [];
  const money = moneyLevel(text, sums);
  signals.push(...sums);
  level = maxSeverity(level, money);
  MITIGATION.lastIndex = 0;
  const mitigated = MITIGATION.test(text);
  return { level, signals, mitigated, significantSum: money === 'high', anySum: sums.length > 0 };
}
