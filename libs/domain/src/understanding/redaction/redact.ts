import { AGE_AFTER_PERSON, AGED, PERSON_IS_AGE, TURNED_AGE, WHO_IS_AGE, YEARS_OLD } from './ages';
import { isValidNhsNumber } from './nhs-number';
import { findUntitledNames, prepareUntitledNames } from './untitled-names';

export type PiiKind = 'email' | 'phone' | 'nhs-number' | 'ni-number' | 'postcode' | 'date-of-birth' | 'address' | 'name' | 'age';

export interface RedactionResult {
  readonly text: string;
  /** How many of each kind were replaced; kinds not found are absent. */
  readonly found: Partial<Record<PiiKind, number>>;
}

/**
 * Removes personal identifiers from free text and puts a typed placeholder in their place
 * (`[email]`, `[phone]`, `[nhs-number]`, `[ni-number]`, `[postcode]`, `[date-of-birth]`,
 * `[address]`, `[name]`, `[age]`).
 *
 * Rules are ordered: structured identifiers first (so digits inside an email are not taken
 * for a phone number), then dates of birth, addresses and names. Every regex is compiled
 * once at module load; a pass is skipped when a cheap pre-check shows it cannot match.
 *
 * Policy decisions, so reviewers know what to expect:
 * - NHS numbers only when the mod-11 check digit is valid: other 10-digit numbers are
 *   usually invoices or case references, which the learning needs.
 * - Dates of birth: a date next to "born", "DOB", "date of birth" or "birthday"; and any
 *   full date (day, month, year) whose year is at least 16 years ago, because complaints
 *   rarely describe events that old while adults' birth dates always are. Recent dates
 *   ("on 03/04/2024 she was admitted") stay: the timeline matters for learning.
 * - Names after a title or a role/relationship word ("Mrs Patel", "Nurse Kelly", "my son
 *   Jamie"); then names with no such word, found by capitalisation, a names gazetteer and
 *   part-of-speech context (untitled-names.ts): "Jane Smith", but not "will", "grace period",
 *   "Hope Street". Names run after addresses, so street names are already gone.
 * - Ages tied to a person ("[name], 84", "aged 84", "my 92 year old mother"): the number
 *   goes, the words stay ("my [age] year old mother").
 * - Titles and roles stay ("Dr [name]"): who did what is part of the learning.
 */
export function redact(text: string): RedactionResult {
  const found: Partial<Record<PiiKind, number>> = {};
  let out = text;
  out = applyRules(RULES, out, found);
  out = redactUntitledNames(out, found);
  out = applyRules(AGE_RULES, out, found);
  return { text: out, found };
}

/** Loads what redaction reads lazily (name lists, the tagger's model), so a caller can do it at start-up. */
export function prepareRedaction(): void {
  prepareUntitledNames();
}

function applyRules(rules: readonly Rule[], text: string, found: Partial<Record<PiiKind, number>>): string {
  let out = text;
  let lower: string | undefined;
  for (const rule of rules) {
    if (rule.keywords !== undefined) {
      lower ??= out.toLowerCase();
      const folded = lower;
      if (!rule.keywords.some((keyword) => folded.includes(keyword))) continue;
    }
    if (!rule.mayMatch(out)) continue;
    rule.pattern.lastIndex = 0;
    const before = out;
    out = out.replace(rule.pattern, (...args: unknown[]) => {
      const replacement = rule.replace(args);
      if (replacement !== null) found[rule.kind] = (found[rule.kind] ?? 0) + 1;
      return replacement ?? String(args[0]);
    });
    if (out !== before) lower = undefined;
  }
  return out;
}

/** Splices `[name]` over each untitled name; one pass over the spans, so linear. */
function redactUntitledNames(text: string, found: Partial<Record<PiiKind, number>>): string {
  const spans = findUntitledNames(text);
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(text.slice(at, span.start), '[name]');
    at = span.end;
  }
  parts.push(text.slice(at));
  found.name = (found.name ?? 0) + spans.length;
  return parts.join('');
}

interface Rule {
  readonly kind: PiiKind;
  readonly pattern: RegExp;
  readonly mayMatch: (text: string) => boolean;
  /**
   * Lower-case words of which a match must hold at least one. Most texts hold none, and a
   * substring search is far cheaper than running the pattern at every position.
   */
  readonly keywords?: readonly string[];
  /** Receives String.replace's arguments; returns the replacement, or null to keep the match. */
  readonly replace: (args: unknown[]) => string | null;
}

function group(args: unknown[], index: number): string {
  const value = args[index];
  return typeof value === 'string' ? value : '';
}

const HAS_DIGIT = /\d/;
/** A numeric date ("3/4/85") or a four-digit year: every full date has one. */
const MAY_HOLD_FULL_DATE = /\d[/.-]\d|\d\d\d\d/;
/** A house number, then a capitalised word: "14 Mill Lane", "3a, Rose Court". */
const MAY_HOLD_ADDRESS = /\d[A-Za-z]?,?\s+[A-Z]/;
const always = (): boolean => true;

// ---- email -------------------------------------------------------------------------
/** The lookbehind makes a match start only at the start of a run: linear, no backtracking storm. */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// ---- phone -------------------------------------------------------------------------
/** +44 / 0044 / 0 prefixes, then groups of digits separated by a space, dash or bracket. */
const PHONE = /(?<![\w/.£$-])(?:\+44\s?(?:\(0\)\s?)?|0044\s?|\(?0)\d{2,5}\)?(?:[\s-]?\d{2,6}){1,3}(?![\w/-]|[.,]\d)/g;

/** UK numbers have 9 or 10 digits after the trunk 0, and never start with 0 there. */
function isUkPhone(candidate: string): boolean {
  let digits = candidate.replace(/\D/g, '');
  if (candidate.trim().startsWith('+44')) digits = digits.slice(2);
  else if (digits.startsWith('0044')) digits = digits.slice(4);
  if (digits.startsWith('0')) digits = digits.slice(1);
  return (digits.length === 9 || digits.length === 10) && /^[1-9]/.test(digits);
}

/**
 * The phone pattern may run on into a following number ("07700 900123 2 times"); keep the
 * longest leading run of digit groups that is a valid UK number and leave the rest.
 */
function redactPhone(candidate: string): string | null {
  const parts = candidate.split(/(?<=\d)(?=[\s-]\d)/);
  for (let n = parts.length; n > 0; n -= 1) {
    const head = parts.slice(0, n).join('');
    if (isUkPhone(head)) return `[phone]${parts.slice(n).join('')}`;
  }
  return null;
}

// ---- NHS number --------------------------------------------------------------------
const NHS = /(?<![\w£$.,/-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w/-]|[.,]\d)/g;

// ---- National Insurance number ----------------------------------------------------
/** Prefix letters exclude D, F, I, Q, U, V (and O second); BG, GB, NK, KN, NT, TN, ZZ are never issued. */
// Any NI-shaped value is masked, including prefixes HMRC never issues (QQ, TN…): bodies use
// those in test and temporary records, and over-masking a code is cheaper than a leak.
const NI = /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi;

// ---- postcode ----------------------------------------------------------------------
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/gi;

// ---- dates of birth ----------------------------------------------------------------
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const NUMERIC_DATE = String.raw`\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})`;
const DAY_MONTH_YEAR = String.raw`\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\.?,?\s+\d{4}`;
const MONTH_DAY_YEAR = String.raw`(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`;
const ANY_DATE = `(?:${NUMERIC_DATE}|${DAY_MONTH_YEAR}|${MONTH_DAY_YEAR})`;
/** "born on 3 April 1985", "DOB: 03/04/1985", "date of birth 3.4.85", "birthday is ...". */
const DOB_IN_CONTEXT = new RegExp(
  String.raw`(\b(?:born|d\.?o\.?b\.?|date of birth|birth date|birthday)\b[\s:,-]*(?:(?:is|was|on|of)\s+)*)(${ANY_DATE})`,
  'gi',
);
const FULL_DATE = new RegExp(String.raw`\b${ANY_DATE}\b`, 'gi');
/** A full date this many years back or more is treated as a birth date (see policy above). */
const MIN_AGE_YEARS = 16;
const LATEST_BIRTH_YEAR = new Date().getUTCFullYear() - MIN_AGE_YEARS;

function yearOf(date: string): number {
  const four = /\d{4}/.exec(date);
  if (four !== null) return Number(four[0]);
  const two = Number(/(\d{2})$/.exec(date)?.[1] ?? '0');
  const century = two > new Date().getUTCFullYear() % 100 ? 1900 : 2000;
  return century + two;
}

// ---- street addresses -------------------------------------------------------------
const STREET_TYPES =
  'Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|Pl|Gardens|Gdns|Grove|Terrace|Hill|Park|Square|Sq|Row|Mews|View|Walk|Rise|Green|Parade|Boulevard|Vale|Wharf|Yard|Croft|Chase|Meadows?|Fields?|Heights|Gate|Brow|Dale|Glen|Wynd|Loan|Brae|Mount|Ridge|Common|Grange|Orchard|Paddock|Mead|Fold|Nook|Garth|Heath|Quay|Circus|Approach|Embankment|Promenade|Esplanade|Broadway|Cottages|Villas|Buildings|Bank|Side|End|Path|Causeway|Market|Passage|Alley|Square';
/** Lower-case street types for informal text ("22 mill lane"): the common ones only. */
const STREET_TYPES_LOWER = 'road|street|avenue|lane|close|drive|crescent|court|gardens|grove|terrace|way';
/** ", Swindon" / ", Milton Keynes": a town after the street is part of the address line. */
const TOWN_AFTER = String.raw`(?:,[ \t]*(?!(?:and|but|so|then|which|who|where|when|[Ww]ard)\b)[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?(?=[ \t]*(?:[,.;:)]|\[postcode\]|$)))?`;
/** "Rose Cottage, " / "The Old Mill, " before a numbered street. */
const HOUSE_NAME = String.raw`(?:(?:[A-Z][a-z'’]+[ \t]+){1,2}(?:Cottage|House|Farm|Lodge|Barn|Villa|Bungalow|Mill|Manor|Hall),?[ \t]+)?`;
const FLAT = String.raw`(?:(?:Flat|Apartment|Apt|Unit|Room)\s+\d+[A-Za-z]?,?\s+)?`;
/** Optional "Flat 3," then a house number and one to three capitalised words and a street type. */
const ADDRESS = new RegExp(
  String.raw`\b${HOUSE_NAME}${FLAT}(?!(?:19|20)\d\d\b)\d{1,4}[A-Za-z]?(?:[-–]\d{1,4}[A-Za-z]?)?,?\s+(?:[A-Z][a-z'’]+\s+){1,3}(?:${STREET_TYPES})\b${TOWN_AFTER}`,
  'g',
);
/** "at 14 mill lane": lower-case, after "at", "to" or "from", with a common street type. */
const ADDRESS_LOWER = new RegExp(
  String.raw`(\b(?:at|to|from|of|outside|opposite|near)[ \t]+)((?:flat[ \t]+\d+[a-z]?,?[ \t]+)?(?!(?:19|20)\d\d\b)\d{1,4}[a-z]?,?[ \t]+(?:[a-z'’]+[ \t]+){1,2}(?:${STREET_TYPES_LOWER})\b)`,
  'g',
);
/** "Flat 3, Maple House" / "Flat 3, Rowan Court" style lines without a street number; runs first. */
const FLAT_IN_BUILDING = new RegExp(
  String.raw`\b(?:Flat|Apartment|Apt)\s+\d+[A-Za-z]?,?\s+(?:[A-Z][a-z'’]+\s+){1,2}(?:House|Court|Lodge|Tower|Towers|Mansions|Building|Buildings|Heights|Point|Apartments|Close|Gardens|Hall|Mews|Place|Villas|Cottages|Terrace|Square|Wharf|Quay)\b(?![ \t]*,?[ \t]*\d)${TOWN_AFTER}`,
  'g',
);

// ---- names ------------------------------------------------------------------------
const TITLES = String.raw`Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Revd|Cllr|Councillor|Nurse|Sister|Matron|Midwife|Doctor|Father`;
const RELATIONS =
  'son|daughter|husband|wife|partner|mother|mum|mom|father|dad|brother|sister|grandmother|grandma|gran|nan|nana|grandfather|grandad|granddad|grandpa|grandson|granddaughter|uncle|aunt|auntie|nephew|niece|cousin|friend|neighbour|fiancé|fiance|fiancée|boyfriend|girlfriend|stepson|stepdaughter|stepfather|stepmother|baby|child|carer';
const ROLES =
  'nurse|doctor|consultant|surgeon|midwife|carer|care worker|social worker|receptionist|paramedic|health visitor|caseworker|case worker|case officer|officer|manager|teacher|headteacher|head teacher|councillor|therapist|physiotherapist|pharmacist|dentist|adviser|advisor|assessor|inspector|registrar|practitioner|matron|sister|key worker|support worker|work coach|solicitor|GP';
/** Letters of any script ("Wiśniewska", "Zoë"): the name rules carry the u flag for \p{…}. */
const NAME = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?`;
/** Given name(s) and/or surname, allowing initials: "J Smith", "A. B. Jones", "John Smith". */
const PERSON = String.raw`(?:[A-Z]\.?\s+){0,2}${NAME}(?:\s+${NAME})?`;
const TITLED_NAME = new RegExp(String.raw`\b(${TITLES})(\.?\s+)(${PERSON})`, 'gu');
// Case-sensitive on purpose: with /i, "[A-Z]" in PERSON would take "my son was" for a name.
const RELATION_NAME = new RegExp(
  String.raw`\b((?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Yy]our|[Tt]he patient's|[Tt]he resident's)\s+(?:late\s+|elderly\s+|eldest\s+|youngest\s+|little\s+|baby\s+)?(?:${RELATIONS})(?:-in-law)?)(,?\s+)(${PERSON})`,
  'gu',
);
const ROLE_NAME = new RegExp(String.raw`\b((?:[Tt]he|[Aa]|[Oo]ur|[Mm]y|[Hh]is|[Hh]er)\s+(?:${ROLES}))(,?\s+)(${PERSON})`, 'gu');

/**
 * Capitalised words that follow a title or relation word but are not names: pronouns and
 * sentence starters, days and organisational words ("the nurse Practitioner"). "May",
 * "Will", "June" are NOT listed: after "my mother" or "Dr" they are names, and as a modal
 * or a month ("I will", "in May 2024") they never follow a title, so never reach this test.
 */
const NOT_A_NAME = new Set(
  (
    'I The A An He She They We It His Her Their Our My This That These Those There Then And But Or So If When While ' +
    'Who Which What Where Why How After Before Since Until On In At To For From With Was Is Had Has Have Did Does ' +
    'Also Not No Yes Please Thank Thanks Dear Monday Tuesday Wednesday Thursday Friday Saturday Sunday ' +
    'NHS GP Surgery Practice Hospital Trust Council Team Service Services ' +
    'Department Unit Ward Centre Center Office Board Ombudsman Clinic Court Authority Agency Group Line Helpline School ' +
    'Academy College University Home House Care Health Social Practitioner Manager Team Nurse Doctor Consultant Sister ' +
    'Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Rev Revd Cllr Councillor Matron Midwife Father'
  ).split(' '),
);

/**
 * `args` are String.replace's: (match, lead, gap, person, offset, input). Keeps the title or
 * relation word and replaces only the name; returns null when the "name" is not one.
 */
function nameReplacement(args: unknown[]): string | null {
  const match = group(args, 0);
  const lead = group(args, 1);
  const gap = group(args, 2);
  const person = group(args, 3);
  const offset = Number(args[args.length - 2]);
  const input = group(args, args.length - 1);
  if (NOT_A_NAME.has(person.split(/[\s.]/)[0])) return null;
  // "my daughter May 2024": a capitalised word followed by a number is a date, not a name.
  if (/^\s*\d/.test(input.slice(offset + match.length))) return null;
  return `${lead}${gap}[name]`;
}

const RULES: readonly Rule[] = [
  { kind: 'email', pattern: EMAIL, mayMatch: (t) => t.includes('@'), replace: () => '[email]' },
  {
    kind: 'phone',
    pattern: PHONE,
    mayMatch: HAS_DIGIT.test.bind(HAS_DIGIT),
    replace: (args) => redactPhone(group(args, 0)),
  },
  {
    kind: 'nhs-number',
    pattern: NHS,
    mayMatch: HAS_DIGIT.test.bind(HAS_DIGIT),
    replace: (args) => (isValidNhsNumber(group(args, 1) + group(args, 2) + group(args, 3)) ? '[nhs-number]' : null),
  },
  { kind: 'ni-number', pattern: NI, mayMatch: HAS_DIGIT.test.bind(HAS_DIGIT), replace: () => '[ni-number]' },
  { kind: 'postcode', pattern: POSTCODE, mayMatch: HAS_DIGIT.test.bind(HAS_DIGIT), replace: () => '[postcode]' },
  {
    kind: 'date-of-birth',
    pattern: DOB_IN_CONTEXT,
    mayMatch: HAS_DIGIT.test.bind(HAS_DIGIT),
    // born · dob, d.o.b, d.ob, do.b · date of birth, birth date, birthday
    keywords: ['born', 'birth', 'dob', 'd.o', 'o.b'],
    replace: (args) => `${group(args, 1)}[date-of-birth]`,
  },
  {
    kind: 'date-of-birth',
    pattern: FULL_DATE,
    mayMatch: MAY_HOLD_FULL_DATE.test.bind(MAY_HOLD_FULL_DATE),
    replace: (args) => (yearOf(group(args, 0)) <= LATEST_BIRTH_YEAR ? '[date-of-birth]' : null),
  },
  {
    kind: 'address',
    pattern: FLAT_IN_BUILDING,
    mayMatch: HAS_DIGIT.test.bind(HAS_DIGIT),
    keywords: ['flat', 'apartment', 'apt'],
    replace: () => '[address]',
  },
  { kind: 'address', pattern: ADDRESS, mayMatch: MAY_HOLD_ADDRESS.test.bind(MAY_HOLD_ADDRESS), replace: () => '[address]' },
  {
    kind: 'address',
    pattern: ADDRESS_LOWER,
    mayMatch: HAS_DIGIT.test.bind(HAS_DIGIT),
    keywords: STREET_TYPES_LOWER.split('|'),
    replace: (args) => (/^\d+[ 	]+(?:hours?|days?|weeks?|months?|times?|more|other|miles?)/.test(group(args, 2)) ? null : `${group(args, 1)}[address]`),
  },
  { kind: 'name', pattern: TITLED_NAME, mayMatch: always, replace: nameReplacement },
  { kind: 'name', pattern: RELATION_NAME, mayMatch: always, replace: nameReplacement },
  { kind: 'name', pattern: ROLE_NAME, mayMatch: always, replace: nameReplacement },
];

/**
 * After every name rule, so "[name], 84" can be seen. The number goes; the words around it stay.
 * Ages in words ("a six-year-old", "aged eighty") have no digit: their rules look for "old" or
 * "age" instead. Each pre-check is a condition every match of its pattern meets.
 */
/** "[name], 84" · "the patient (84)". */
const NUMBER_AFTER_COMMA_OR_BRACKET = /[,(][ \t]*\d/;
/** "he's 79" · "she is 15" · "was now 88": a verb ending in s, perhaps one word, then a number. */
const NUMBER_AFTER_VERB = /s[ \t]+(?:[a-z]+[ \t]+)?\d/i;
/** "who is 7", "who's now 84". */
const WHO_IS_NUMBER = /who(?:['’]s|[ \t]+(?:is|was|turned|turns))[ \t]+(?:(?:now|only|just)[ \t]+)?\d/i;
/** "year old", "3-month-old", "years of age", "7yo", "7 y/o": the end of every YEARS_OLD match. */
const OLD_OR_OF_AGE = /(?:years?|yrs?|months?|weeks?|days?)[ \t]*-?[ \t]*old\b|of[ \t]+age\b|yo\b|y\/o\b/i;
const keepLead = (args: unknown[]): string => `${group(args, 1)}[age]`;
const AGE_RULES: readonly Rule[] = [
  { kind: 'age', pattern: AGE_AFTER_PERSON, mayMatch: NUMBER_AFTER_COMMA_OR_BRACKET.test.bind(NUMBER_AFTER_COMMA_OR_BRACKET), replace: keepLead },
  { kind: 'age', pattern: WHO_IS_AGE, mayMatch: WHO_IS_NUMBER.test.bind(WHO_IS_NUMBER), keywords: ['who'], replace: keepLead },
  { kind: 'age', pattern: PERSON_IS_AGE, mayMatch: NUMBER_AFTER_VERB.test.bind(NUMBER_AFTER_VERB), replace: keepLead },
  { kind: 'age', pattern: TURNED_AGE, mayMatch: HAS_DIGIT.test.bind(HAS_DIGIT), keywords: ['turn', 'age'], replace: keepLead },
  { kind: 'age', pattern: AGED, mayMatch: always, keywords: ['age'], replace: keepLead },
  { kind: 'age', pattern: YEARS_OLD, mayMatch: OLD_OR_OF_AGE.test.bind(OLD_OR_OF_AGE), keywords: ['old', 'age', 'yo', 'y/o'], replace: (args) => `[age]${group(args, 2)}` },
];
