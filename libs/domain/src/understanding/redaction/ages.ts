/**
 * Ages, which with a name, a ward and a date single a person out ("Jane Smith, 84"). Only an
 * age tied to a person is taken; "3 hours", "£84", "Ward 7" and "84%" stay. The words that
 * carry meaning stay too: "aged [age]", "my [age] year old mother", "[name], [age],".
 * Each pattern is a plain sequence with bounded repeats: linear, no backtracking storm.
 */

const PERSON_WORDS =
  'mother|mum|father|dad|son|daughter|husband|wife|partner|brother|sister|grandmother|grandfather|gran|nan|grandson|granddaughter|uncle|aunt|nephew|niece|patient|resident|tenant|client|pupil|child|boy|girl|man|woman|gentleman|lady|baby|person|individual|complainant';

/** An age is a whole number a person can be: 0–119 ("aged 150" is something else). */
const AGE = String.raw`(?:1[01]\d|[1-9]?\d)`;

/** An age in words: "six", "eighty-four", "ninety two" ("a six-year-old", "aged eighty"). */
const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const AGE_WORD = String.raw`(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:${UNITS}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|${UNITS})`;

/** "[name], 84," · "[name] (84)" · "my mother, 92, was" · "the patient (84)"; then a comma, bracket, full stop or verb. */
export const AGE_AFTER_PERSON = new RegExp(
  String.raw`((?:\[name\]|\b(?:${PERSON_WORDS}))(?:,[ \t]*|[ \t]*\([ \t]*))(${AGE})(?=[ \t]*[,)]|\.(?!\d)|[ \t]*(?:yrs?|years?)\b|[ \t]+(?:was|is|had|has|who|and|from|of|lives|lived|died)\b)`,
  'gi',
);

/** "aged 84", "age 7", "aged: 92"; not a group ("aged 65 and over", "aged 18 to 25"). */
export const AGED = new RegExp(String.raw`(\bage[ds]?:?[ \t]+)(${AGE}|${AGE_WORD})\b(?![.,]\d|[ \t]*(?:%|per ?cent|\+|(?:and|or)[ \t]+(?:over|above|under|older|younger)\b|(?:-|to)[ \t]*\d))`, 'gi');

/**
 * "92 year old", "92-year-old", "a six-year-old", "84 years old", "3 month old", "24 days old",
 * "79 years of age", "7yo"; not a limit ("requests over one month old", "more than 3 years old").
 */
export const YEARS_OLD = new RegExp(
  String.raw`(?<!\b(?:over|than|under|within|least)[ \t]+)\b(${AGE}|${AGE_WORD})([ \t]*-?[ \t]*(?:years?|yrs?|months?|weeks?|days?)[ \t]*-?[ \t]*old\b|[ \t]*(?:years?|yrs?)[ \t]+of[ \t]+age\b|yo\b|[ \t]*y\/o\b)`,
  'gi',
);

/** A number that is a quantity, a time or a rank, not an age: "was 3 hours late", "is 6 foot", "was 2 of 5". */
const NOT_AN_AGE_AFTER = String.raw`(?![ \t]*(?:[%:.,]\d|%|[ \t]*-[ \t]*\d|(?:per|hours?|hrs?|minutes?|mins?|seconds?|days?|weeks?|months?|years?|times?|am|pm|miles?|stone|kg|lbs?|pounds?|foot|feet|ft|cm|inches|metres?|meters?|of|out|in|on|at|percent|places?|points?|people|patients|beds?|calls?|letters?|visits?)\b))`;

/** "she is 15 and…", "my father is 88", "[name] was 3 when…", "he's 79": a person's age in the clause. */
export const PERSON_IS_AGE = new RegExp(
  String.raw`((?:\[name\]|\b(?:he|she|${PERSON_WORDS}))(?:['’]s|[ \t]+(?:is|was))[ \t]+(?:now[ \t]+|only[ \t]+|just[ \t]+|nearly[ \t]+|almost[ \t]+|over[ \t]+)?)(${AGE})\b${NOT_AN_AGE_AFTER}(?=[ \t]*(?:$|[,.;!?)]|and\b|but\b|so\b|when\b|with\b|who\b|years?\b|yrs?\b))`,
  'gi',
);

/** "turned 70 in hospital", "turns 18 next month", "at the age of 84". */
export const TURNED_AGE = new RegExp(
  String.raw`(\b(?:turned|turns|turning|at[ \t]+the[ \t]+age[ \t]+of)[ \t]+)(${AGE})\b(?![ \t]*(?:[%:.,]\d|%|degrees|(?:per|hours?|minutes?|days?|weeks?|months?|times?|am|pm|pages?|miles?)\b))`,
  'gi',
);

/** "[name] who is 7" · "my son who was 84": the clause right after a person. */
export const WHO_IS_AGE = new RegExp(
  String.raw`((?:\[name\]|\b(?:${PERSON_WORDS})),?[ \t]+who(?:['’]s|[ \t]+(?:is|was|turned|turns))[ \t]+(?:now[ \t]+|only[ \t]+|just[ \t]+)?)(${AGE})\b(?![ \t]*(?:[%:.,]\d|%|(?:per|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|times?|am|pm|miles?|stone|kg|lbs?|pounds?)\b))`,
  'gi',
);
