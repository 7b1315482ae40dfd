import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOT_NAMES } from './gazetteer';
import { redact } from './redact';
import { precisionOf, recallOf, redactedSpans, scoreRedaction, type LabelledRecord } from './redaction-score';

describe('redact: names without a title', () => {
  it.each([
    ['Jane Smith, 84, Ward 7', '[name], [age], Ward 7'],
    ['I spoke to Tom at reception.', 'I spoke to [name] at reception.'],
    ['Priya Patel and Mohammed Al-Sayed complained.', '[name] and [name] complained.'],
    ['Declan O\'Sullivan waited three years.', '[name] waited three years.'],
    ['The letter was signed by Gareth Price.', 'The letter was signed by [name].'],
    ['A nurse called Bronagh helped.', 'A nurse called [name] helped.'],
    ['Hope rang the office twice.', '[name] rang the office twice.'],
    ['Will Jenkins saw the crew leave.', '[name] saw the crew leave.'],
    ["Ellie's plan was ignored.", "[name]'s plan was ignored."],
    ['Sunita told us the list was long.', '[name] told us the list was long.'],
    ['Gareth rang twice.', '[name] rang twice.'],
    ['Tunde was refused a permit.', '[name] was refused a permit.'],
    ['i spoke to siobhan on the phone', 'i spoke to [name] on the phone'],
    // Runs that start with a capital outside ASCII, after a lower-case name and mid-text.
    ['The form was signed by Łukasz Wiśniewski.', 'The form was signed by [name].'],
    ['me and gareth met Émile Zoë Durand', 'me and [name] met [name]'],
  ])('masks %s', (text, expected) => {
    expect(redact(text).text).toBe(expected);
  });

  it.each([
    ['I will ask Jane Smith again.', 'I will ask [name] again.'],
    ['Jane Smith said the grace period ended early.', '[name] said the grace period ended early.'],
    ['The rent rose by 3%, Priya Patel wrote.', 'The rent rose by 3%, [name] wrote.'],
    ['Jane Smith saw a mark on his arm at dawn.', '[name] saw a mark on his arm at dawn.'],
    ["Jane Smith lives on Hope Street, near St Mary's Hospital in Manchester.", "[name] lives on Hope Street, near St Mary's Hospital in Manchester."],
    ['Will the council reply? Hope this reaches Priya Patel.', 'Will the council reply? Hope this reaches [name].'],
    ['Grace period letters went out late. Rose Ward told Jane Smith.', 'Grace period letters went out late. Rose Ward told [name].'],
    ['Mark on his back was seen by Jane Smith.', 'Mark on his back was seen by [name].'],
    ['In May 2024 Jane Smith wrote in.', 'In May 2024 [name] wrote in.'],
    ['Staff told us. Nobody rang. Mum said no. Reception said wait.', 'Staff told us. Nobody rang. Mum said no. Reception said wait.'],
    ['Paramedics arrived late and his Universal Credit was cut.', 'Paramedics arrived late and his Universal Credit was cut.'],
    ['He was refused a Winter Fuel Payment. Christmas Day was spent in A&E.', 'He was refused a Winter Fuel Payment. Christmas Day was spent in A&E.'],
    ['She speaks Punjabi and came from Jamaica.', 'She speaks Punjabi and came from Jamaica.'],
  ])('keeps ordinary words that are also names: %s', (text, expected) => {
    expect(redact(text).text).toBe(expected);
  });
});

describe('redact: ages', () => {
  it.each([
    ['My 92 year old mother was left alone.', 'My [age] year old mother was left alone.'],
    ['She is aged 84 and lives alone.', 'She is aged [age] and lives alone.'],
    ['My father, 88, waited nine hours.', 'My father, [age], waited nine hours.'],
    ['An 84-year-old man fell.', 'An [age]-year-old man fell.'],
    ['My son Liam who is 7 was scared.', 'My son [name] who is [age] was scared.'],
    ['She is 15 and out of school.', 'She is [age] and out of school.'],
    ['My husband turned 70 in hospital.', 'My husband turned [age] in hospital.'],
    ['The baby was 24 days old.', 'The baby was [age] days old.'],
  ])('masks %s', (text, expected) => {
    expect(redact(text).text).toBe(expected);
  });

  it.each([
    ['He waited 3 hours on Ward 7, aged 84.', 'He waited 3 hours on Ward 7, aged [age].'],
    ['Patients aged 65 and over get a check; my 92 year old mother did not.', 'Patients aged 65 and over get a check; my [age] year old mother did not.'],
    ['Rent rose 84% and we paid £84 for Jane Smith, 84.', 'Rent rose 84% and we paid £84 for [name], [age].'],
    ['She was 20 minutes late and he is 6 foot tall.', 'She was 20 minutes late and he is 6 foot tall.'],
  ])("keeps numbers that are not a person's age: %s", (text, expected) => {
    expect(redact(text).text).toBe(expected);
  });
});

describe('never-names', () => {
  it('are single words: a run equal to one is skipped without splitting it into words', () => {
    expect([...NOT_NAMES].filter((word) => /\s/.test(word))).toEqual([]);
  });
});

describe('redaction score', () => {
  it('recovers the replaced spans from the output', () => {
    const input = 'Jane Smith, 84, rang 07700 900123.';
    expect(redactedSpans(input, '[name], [age], rang [phone].')).toEqual([
      { kind: 'name', start: 0, end: 10 },
      { kind: 'age', start: 12, end: 14 },
      { kind: 'phone', start: 21, end: 33 },
    ]);
  });

  it('reaches recall and precision of at least 0.95 for names and ages on the development set', () => {
    const records = readFileSync(join(__dirname, 'data/development-set.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LabelledRecord);
    const { byKind } = scoreRedaction(records);
    for (const kind of ['name', 'age']) {
      const score = byKind.find((s) => s.kind === kind);
      expect(score && recallOf(score)).toBeGreaterThanOrEqual(0.95);
      expect(score && precisionOf(score)).toBeGreaterThanOrEqual(0.95);
    }
  });
});
