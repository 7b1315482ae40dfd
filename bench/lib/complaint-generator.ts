/**
 * Realistic, reproducible complaint records for the benchmark and the fault suite.
 *
 * Records look like what UK public bodies actually send: first-person letters, caseworker
 * summaries and terse log lines, across health, local government, central government and
 * social care, touching one to three themes each, 200 to 4,000 characters long, with some
 * personal identifiers in the text for the redaction step to find. About 5% are near
 * duplicates of an earlier record from the same body (a resubmission under a new reference
 * with a few words changed), as happens when one case is keyed twice.
 *
 * Everything is driven by a seeded PRNG, so `--seed` reproduces a run's data exactly.
 */

// Relative imports: jest's globalSetup (fault suite) loads this file without the path aliases.
import type { ComplaintSubmission } from '../../libs/domain/src/model/complaint';
import { seededRandom } from '../../libs/domain/src/model/seeded-random';
import { join } from 'node:path';
import { CORPUS_DIR, loadCorpusFile } from '../../libs/domain/src/understanding/classification/training/corpus';

export { seededRandom };

export type BenchSector = 'health' | 'local-government' | 'central-government' | 'social-care';

export type GeneratedRecord = ComplaintSubmission;

export interface GeneratedOrganisation {
  name: string;
  kind: 'public-body' | 'ombudsman';
  sector: BenchSector;
  type: string;
  region: string;
}

export interface GeneratorOptions {
  seed?: number;
  /** Share of records that are near duplicates of an earlier one (default 0.05). */
  nearDuplicateRate?: number;
  minLength?: number;
  maxLength?: number;
  /** Prefix of every reference, so several runs against one database never collide. */
  referencePrefix?: string;
  /**
   * `realistic` (default): distinct complaints share little wording, as real ones do — theme
   * sentences come from the classifier's hand-written corpus as well as the templates below,
   * none repeats within a record, and filler includes dated narrative lines.
   * `templated`: every sentence from a few templates per theme, drawn with repeats, so unrelated
   * records on the same themes share a fifth to a third of their shingles: a stress case for
   * dedup (every record meets ~30 band candidates), kept to compare with earlier runs.
   */
  variety?: 'realistic' | 'templated';
}


const SECTOR_PROFILES: Record<BenchSector, { types: string[]; names: string[]; serviceAreas: string[]; themes: string[] }> = {
  health: {
    types: ['NHS trust', 'GP practice', 'NHS foundation trust', 'ambulance trust', 'dental practice', 'mental health trust'],
    names: ['Riverside', 'Northgate', 'St Aldhelm', 'Kingsmead', 'Harbourside', 'Elmfield', 'Marsh Lane', 'Westmoor'],
    serviceAreas: ['Maternity', 'Emergency department', 'Cardiology', 'Oncology', 'General surgery', 'Orthopaedics', 'Mental health crisis team', 'GP appointments', 'Community nursing', 'Pharmacy', 'Paediatrics', 'Stroke unit', 'Patient transport', 'Radiology', 'Outpatients'],
    themes: ['clinical-care', 'diagnosis', 'medication', 'discharge-transfer', 'communication', 'delay', 'staff-attitude', 'access-to-services', 'record-keeping', 'dignity-privacy', 'safeguarding', 'complaint-handling'],
  },
  'local-government': {
    types: ['borough council', 'county council', 'district council', 'unitary authority', 'metropolitan borough council'],
    names: ['Hilltop', 'Brackenford', 'Eastwick', 'Lowther Vale', 'Castlebridge', 'Summerleigh', 'Ashcombe', 'Northfleet'],
    serviceAreas: ['Housing repairs', 'Homelessness', 'Housing allocations', 'Council tax', 'Waste collection', 'Planning', 'Building control', 'Environmental health', 'School admissions', 'SEND support', 'Highways', 'Parking enforcement', 'Noise nuisance', 'Leisure services'],
    themes: ['housing', 'planning-environment', 'education-send', 'financial-remedy-billing', 'communication', 'delay', 'complaint-handling', 'policy-decision', 'staff-attitude', 'access-to-services', 'discrimination-equality', 'record-keeping'],
  },
  'central-government': {
    types: ['government department', 'executive agency', 'non-departmental public body', 'regulator'],
    names: ['Benefits Agency North', 'Revenue Service', 'Child Maintenance Office', 'Passport Office', 'Land Registry East', 'Courts Service South', 'Visas Directorate', 'Pensions Service'],
    serviceAreas: ['Universal Credit', 'Personal Independence Payment', 'Tax credits', 'Self assessment', 'Child maintenance', 'Passport applications', 'State pension', 'Immigration casework', 'Court listings', 'Land registration', 'Student finance'],
    themes: ['benefits-tax', 'policy-decision', 'delay', 'communication', 'complaint-handling', 'financial-remedy-billing', 'record-keeping', 'access-to-services', 'staff-attitude', 'discrimination-equality'],
  },
  'social-care': {
    types: ['adult social care', "children's services", 'care home', 'home care provider', 'learning disability service'],
    names: ['Oakwood', 'Fernhill', 'Meadowbank', 'Larkrise', 'Beechcroft', 'Willowmere', 'Foxley', 'Greystones'],
    serviceAreas: ['Care assessments', 'Home care', 'Residential care', 'Direct payments', "Children's social work", 'Fostering', 'Safeguarding adults', 'Respite care', 'Care charges', 'Transitions to adult services'],
    themes: ['social-care', 'safeguarding', 'dignity-privacy', 'communication', 'delay', 'financial-remedy-billing', 'staff-attitude', 'discharge-transfer', 'medication', 'record-keeping', 'complaint-handling', 'access-to-services'],
  },
};

const REGIONS = ['North West', 'North East', 'Yorkshire and the Humber', 'West Midlands', 'East Midlands', 'East of England', 'London', 'South East', 'South West', 'Wales'];

const RELATIVES = ['my mother', 'my father', 'my son', 'my daughter', 'my husband', 'my wife', 'my grandmother', 'my brother', 'my partner', 'my aunt'];
const TITLES = ['Mrs Patel', 'Mr Okafor', 'Ms Byrne', 'Mr Hughes', 'Mrs Kowalski', 'Miss Ahmed', 'Mr Evans', 'Mrs Thompson', 'Dr. Lindqvist', 'Mr Nowak'];
const DURATIONS = ['two days', 'four days', 'a week', 'ten days', 'three weeks', 'six weeks', 'two months', 'four months', 'almost a year', 'eighteen months'];
const STAFF = ['the ward sister', 'the consultant', 'a receptionist', 'the duty manager', 'the caseworker', 'the housing officer', 'the social worker', 'the team leader', 'an agency carer', 'the call handler', 'the assessor', 'the case officer'];

const THEME_SENTENCES: Record<string, string[]> = {
  'clinical-care': [
    'The nursing care on the ward fell well below an acceptable standard and {person} was left in soiled sheets for several hours.',
    'Observations were not carried out as often as the care plan required, so the deterioration was not picked up until the next morning.',
    'Pressure areas were not checked and a grade three pressure ulcer developed during the admission.',
    'The wound was not dressed for {duration} and became infected, which needed a further course of antibiotics.',
    'Fluids and food were left out of reach and nobody helped {person} to eat or drink.',
    'Sadly {person} died two days after being sent home, and the family believe the death could have been avoided.',
  ],
  diagnosis: [
    'The fracture was missed on the first X-ray and {person} was sent home with painkillers.',
    'Blood tests that had been requested were never carried out, so the infection was diagnosed late.',
    'The symptoms were put down to anxiety and the cancer was not diagnosed for {duration}.',
    'The scan report was misread and the referral to the specialist was not made.',
  ],
  medication: [
    '{person} was given the wrong dose of insulin twice on the same day.',
    'The pharmacy dispensed a medicine that had been stopped at the last review.',
    'Regular medication for Parkinson’s was given hours late, which left {person} unable to move.',
    'The prescription was not renewed and there was a gap of {duration} without the medicine.',
    'The overdose caused lasting harm and {person} needed treatment in intensive care.',
  ],
  'discharge-transfer': [
    '{person} was discharged late at night without a care package in place and without the medication needed at home.',
    'The discharge letter never reached the GP, so follow-up appointments were not arranged.',
    'The transfer to the community hospital was delayed and no one told the family where {person} had been moved.',
    'After leaving hospital there was no support at home for {duration}.',
  ],
  communication: [
    'Nobody kept the family informed and we had to ring repeatedly to find out what was happening.',
    'Letters contradicted each other and the information given on the phone was wrong.',
    'We were promised a call back by {staff} on at least four occasions and it never came.',
    'The decision was not explained in plain language and no interpreter was offered.',
    'Important information was sent to an old address even though we had updated our details.',
  ],
  'complaint-handling': [
    'The complaint took {duration} to answer and the response did not address the main points raised.',
    'The response was defensive and simply repeated the original decision.',
    'We were told the complaint had been closed without anyone contacting us.',
    'The promised meeting to discuss the complaint never took place.',
  ],
  delay: [
    'The wait for an appointment was {duration}, far longer than the published target.',
    'The decision took {duration} and during that time the family had no income.',
    'The referral sat unprocessed for {duration} before anyone looked at it.',
    'Repairs were reported in the spring and were still not done after {duration}.',
    'The payment was delayed by {duration}, which caused rent arrears.',
  ],
  'staff-attitude': [
    '{staff} was rude and dismissive and told us we were wasting their time.',
    'Staff laughed when {person} asked for help and showed no compassion at all.',
    'The manner of {staff} on the phone was aggressive and unprofessional.',
    'We felt we were treated as a nuisance rather than as people in distress.',
  ],
  'access-to-services': [
    'It was impossible to get an appointment: the phone line was engaged every morning at eight.',
    'The referral was refused because the postcode was just outside the catchment area.',
    'No reasonable adjustment was made for {person}, who is deaf, and the only contact offered was by phone.',
    'The online form would not accept the application and there was no other way to apply.',
  ],
  'record-keeping': [
    'The records were incomplete and did not show the allergy recorded at the previous visit.',
    'The file was lost when the case was transferred between teams.',
    'Notes from the home visit were never written up, so the next worker started from scratch.',
    'Our details were recorded wrongly and letters went to someone else.',
  ],
  'discrimination-equality': [
    'We believe {person} was treated differently because of their disability.',
    'No interpreter was booked although the family had asked for one in Polish.',
    'The policy was applied without considering the reasonable adjustments the Equality Act requires.',
    'Comments were made about {person}’s age that were demeaning.',
  ],
  safeguarding: [
    'Concerns about bruising were raised with {staff} and no safeguarding referral was made.',
    '{person} was left alone with a resident who had assaulted them the week before.',
    'The risk to the child was known and the case was closed without a visit.',
    'A vulnerable adult was left without food or heating and nobody checked on them.',
    '{person} was admitted to hospital with serious injuries after a fall that the care plan should have prevented.',
  ],
  'dignity-privacy': [
    '{person} was left undressed in a corridor in full view of other patients.',
    'Confidential details were discussed at the reception desk where others could hear.',
    'A letter containing medical details was sent to a neighbour.',
    'Personal care was given without the curtains being drawn.',
  ],
  'policy-decision': [
    'The decision did not follow the published policy and the evidence we sent was ignored.',
    'The panel refused the application without considering the medical evidence.',
    'The wrong criteria were applied and the decision was overturned on review.',
    'We were told the rules did not allow any discretion, which turned out to be wrong.',
  ],
  'financial-remedy-billing': [
    'We were charged twice for the same period and the refund took {duration}.',
    'The bill included care that was never provided.',
    'Compensation of £{amount} was offered, which does not reflect the time and distress caused.',
    'An overpayment of £{amount} was recovered without any explanation of how it arose.',
  ],
  'benefits-tax': [
    'The Universal Credit claim was closed in error and payments stopped for {duration}.',
    'The PIP assessment report did not reflect what was said at the assessment.',
    'A tax credits overpayment was demanded although the change of circumstances had been reported on time.',
    'Child maintenance was calculated on the wrong income figure.',
  ],
  housing: [
    'Damp and mould in the bedroom were reported repeatedly and the children became unwell.',
    'The boiler broke down and the family were without heating and hot water for {duration}.',
    'The homelessness application was not accepted and no interim accommodation was offered.',
    'The housing register banding was wrong, so the family were not offered a suitable property.',
  ],
  'education-send': [
    'The EHC plan was not finalised within twenty weeks and the school place was not secured.',
    'Provision set out in section F of the plan was not delivered for {duration}.',
    'The school admission appeal was not heard before the start of term.',
    'No suitable education was arranged while {person} was out of school.',
  ],
  'social-care': [
    'The care needs assessment took {duration} and no interim support was provided.',
    'Home carers regularly arrived late or not at all, leaving {person} in bed until midday.',
    'The care package was cut without a review and without telling the family.',
    'The care home did not follow the care plan for repositioning and continence care.',
  ],
  'planning-environment': [
    'The council approved the extension without considering the loss of light to our property.',
    'Noise from the premises continued every night and the council took no enforcement action.',
    'Bins were missed on eleven occasions in three months despite repeated reports.',
    'The planning officer’s report contained factual errors about the site boundary.',
  ],
};

/**
 * Each short corpus example's text under each of its themes: another ~50–110 wordings per
 * theme. Only the short examples, so the bench's text (and its figures) stay comparable
 * across corpus growth.
 */
const CORPUS_SENTENCES: Record<string, string[]> = {};
for (const example of loadCorpusFile(join(CORPUS_DIR, 'short-examples.jsonl'))) for (const theme of example.themes) (CORPUS_SENTENCES[theme] ??= []).push(example.text);

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NARRATIVE = [
  'On {weekday} {date} {person} {event}.',
  'At about {time} on {date}, {event2}.',
  'By {weekday} {staff} {staffEvent}.',
  'We {contact} on {date} and again on {weekday}, and {reply}.',
  'When {person} {event} on {date}, {staff} {staffEvent}.',
];
const EVENTS = ['was seen for the first time', 'rang the office again', 'was moved to another room', 'had a visit from the team', 'went back to the reception desk', 'was given a new appointment', 'received a letter dated the week before', 'was asked the same questions again', 'waited in the corridor', 'was told to come back later'];
const EVENTS2 = ['the phone line closed before anyone answered', 'a different officer took over the case', 'the paperwork was finally found', 'my neighbour drove us there', 'a text message cancelled the visit', 'the duty team said they had no record of the call', 'a form arrived asking for details we had already given'];
const STAFF_EVENTS = ['promised to look into it', 'said the case was closed', 'asked us to put everything in writing', 'could not find the file', 'said someone would call the next day', 'apologised but could not explain the delay', 'referred us back to the first team'];
const CONTACTS = ['phoned', 'emailed', 'wrote', 'went in person', 'used the online form', 'asked our MP to write'];
const REPLIES = ['heard nothing back', 'got an automatic acknowledgement', 'were told to wait', 'were given a reference number and nothing else', 'were passed to another department'];

const OPENINGS: Record<'first-person' | 'caseworker' | 'log', string[]> = {
  'first-person': [
    'I am writing to complain about the way {person} was treated.',
    'I want to raise a formal complaint about what happened to {person}.',
    'This complaint is about the service we received over the last few months.',
  ],
  caseworker: [
    'The complainant, {title}, raised concerns about the service provided to {person}.',
    'Summary of complaint received from {title} on behalf of {person}.',
    'The complaint concerns events between the spring and the autumn.',
  ],
  log: ['Complaint logged by phone.', 'Email complaint received; acknowledged.', 'Complaint passed on by the MP’s office.'],
};

const FILLER = [
  'We contacted the service by phone on {phone} and by email at {email} several times.',
  'The complainant’s NHS number {nhs} was quoted in every letter.',
  'The family live at 14 Station Road, {postcode}, and visits were arranged there.',
  'This has had a serious effect on the whole family and on {person}’s health.',
  'We have kept copies of all letters and emails and can provide them if needed.',
  'The matter was escalated to {staff} but nothing changed.',
  'We accept that the service was under pressure, but that does not explain what happened.',
  'At no point were we told how to take the matter further.',
  'We want an apology and an assurance that this will not happen to anyone else.',
  'The investigation found that the policy had not been followed on this occasion.',
];

const LEARNING = [
  'Staff on the ward have had refresher training on the observation policy.',
  'A new checklist has been introduced for discharges after 8pm.',
  'Call-back requests are now logged and monitored daily by the team leader.',
  'The letter templates have been rewritten in plain English.',
  'The team now reviews every case waiting more than four weeks.',
  'We have apologised and reimbursed the charges in full.',
  'The policy has been changed so that medical evidence is always considered before a decision.',
  'An interpreter booking step has been added to the referral form.',
  'Repairs reports about damp are now inspected within ten working days.',
  'We will share the learning from this complaint at the next governance meeting.',
];

const OUTCOME_WEIGHTS: Array<[string, number]> = [
  ['upheld', 0.3],
  ['partly-upheld', 0.25],
  ['not-upheld', 0.2],
  ['resolved', 0.15],
  ['withdrawn', 0.04],
  ['open', 0.06],
];
const CHANNELS = ['letter', 'email', 'phone', 'web', 'in-person', 'other'];
const REMEDIES = ['apology', 'explanation', 'financial', 'service-change', 'staff-training', 'policy-change', 'other'];
const SECTOR_ORDER: BenchSector[] = ['health', 'local-government', 'central-government', 'social-care'];

export class ComplaintGenerator {
  private readonly random: () => number;
  private readonly nearDuplicateRate: number;
  private readonly minLength: number;
  private readonly maxLength: number;
  private readonly prefix: string;
  private readonly variety: 'realistic' | 'templated';
  private sequence = 0;
  /** Recent records per organisation index, the pool near duplicates are drawn from. */
  private readonly recent = new Map<number, GeneratedRecord[]>();

  constructor(options: GeneratorOptions = {}) {
    this.random = seededRandom(options.seed ?? 20261125);
    this.nearDuplicateRate = options.nearDuplicateRate ?? 0.05;
    this.minLength = options.minLength ?? 200;
    this.maxLength = options.maxLength ?? 4000;
    this.prefix = options.referencePrefix ?? 'BENCH';
    this.variety = options.variety ?? 'realistic';
  }

  organisations(count: number): GeneratedOrganisation[] {
    return Array.from({ length: count }, (_, index) => {
      const sector = SECTOR_ORDER[index % SECTOR_ORDER.length];
      const profile = SECTOR_PROFILES[sector];
      const type = this.pick(profile.types);
      const name = `${profile.names[Math.floor(index / SECTOR_ORDER.length) % profile.names.length]} ${titleCase(type)} ${index + 1}`;
      return { name, kind: 'public-body' as const, sector, type, region: this.pick(REGIONS) };
    });
  }

  /** One record for the organisation at `orgIndex` (its sector is `orgIndex % 4`, as in `organisations`). */
  record(orgIndex: number): GeneratedRecord {
    const sector = SECTOR_ORDER[orgIndex % SECTOR_ORDER.length];
    const pool = this.recent.get(orgIndex) ?? [];
    const record = pool.length > 0 && this.random() < this.nearDuplicateRate ? this.nearDuplicate(this.pick(pool)) : this.fresh(sector);
    if (pool.length >= 50) pool.shift();
    pool.push(record);
    this.recent.set(orgIndex, pool);
    return record;
  }

  /** `count` records spread round-robin over `organisations` bodies; returns per-body lists. */
  records(count: number, organisations: number): GeneratedRecord[][] {
    const byOrg: GeneratedRecord[][] = Array.from({ length: organisations }, () => []);
    for (let i = 0; i < count; i += 1) byOrg[i % organisations].push(this.record(i % organisations));
    return byOrg;
  }

  private nextReference(): string {
    this.sequence += 1;
    return `${this.prefix}-${this.sequence.toString().padStart(7, '0')}`;
  }

  private fresh(sector: BenchSector): GeneratedRecord {
    const profile = SECTOR_PROFILES[sector];
    const themeCount = 1 + Math.floor(this.random() * 3);
    const themes = this.sample(profile.themes, themeCount);
    const style = this.pick(['first-person', 'caseworker', 'log'] as const);
    const target = Math.round(this.minLength + (this.maxLength - this.minLength) * this.random() ** 2);
    const person = this.pick(RELATIVES);
    const parts = [this.fill(this.pick(OPENINGS[style]), person)];
    let length = parts[0].length;
    let round = 0;
    const draw = this.sentenceDraw();
    while (length < target) {
      const fromTheme = round % 3 !== 2;
      const sentence = fromTheme ? draw(themes[round % themes.length]) : this.filler();
      const text = this.fill(sentence, person);
      parts.push(text);
      length += text.length + 1;
      round += 1;
    }
    let summary = parts.join(' ');
    if (summary.length > this.maxLength) summary = summary.slice(0, this.maxLength - 1).trimEnd() + '.';
    if (summary.length < this.minLength) summary = summary.padEnd(this.minLength, ' The family are still waiting for an answer.').slice(0, this.minLength);

    const received = new Date(Date.UTC(2026, 0, 1) + Math.floor(this.random() * 300) * 86_400_000 + Math.floor(this.random() * 86_400_000));
    const outcome = this.weighted(OUTCOME_WEIGHTS);
    const decided = outcome !== 'open';
    const record: GeneratedRecord = {
      reference: this.nextReference(),
      receivedAt: received.toISOString(),
      serviceArea: this.pick(profile.serviceAreas),
      summary,
      outcome,
    };
    if (decided) record.closedAt = new Date(received.getTime() + (5 + Math.floor(this.random() * 60)) * 86_400_000).toISOString();
    if (this.random() < 0.9) record.channel = this.pick(CHANNELS);
    if (this.random() < 0.3) record.stage = this.pick(['local', 'review', 'ombudsman']);
    if (decided && this.random() < 0.7) {
      record.learning = this.sample(LEARNING, 1 + Math.floor(this.random() * 3)).join(' ');
      record.remedies = this.sample(REMEDIES, 1 + Math.floor(this.random() * 3));
    }
    if (this.random() < 0.3) record.complainantId = `nhs:${this.nhsNumber()}`;
    return record;
  }

  /** Theme sentences for one record: with repeats (templated), or each used once until all have been (realistic). */
  private sentenceDraw(): (theme: string) => string {
    if (this.variety === 'templated') return (theme) => this.pick(THEME_SENTENCES[theme]);
    const left = new Map<string, string[]>();
    return (theme) => {
      let pool = left.get(theme);
      if (pool === undefined || pool.length === 0) {
        pool = [...THEME_SENTENCES[theme], ...(CORPUS_SENTENCES[theme] ?? [])];
        left.set(theme, pool);
      }
      return pool.splice(Math.floor(this.random() * pool.length), 1)[0];
    };
  }

  private filler(): string {
    if (this.variety === 'templated' || this.random() < 0.4) return this.pick(FILLER);
    return this.pick(NARRATIVE)
      .replace('{weekday}', () => this.pick(WEEKDAYS))
      .replace('{date}', () => `${1 + Math.floor(this.random() * 28)} ${this.pick(MONTHS)}`)
      .replace('{time}', () => `${1 + Math.floor(this.random() * 12)}.${String(Math.floor(this.random() * 60)).padStart(2, '0')}${this.pick(['am', 'pm'])}`)
      .replace('{event}', () => this.pick(EVENTS))
      .replace('{event2}', () => this.pick(EVENTS2))
      .replace('{staffEvent}', () => this.pick(STAFF_EVENTS))
      .replace('{contact}', () => this.pick(CONTACTS))
      .replace('{reply}', () => this.pick(REPLIES));
  }

  /** The same complaint keyed again: new reference, a few words changed. */
  private nearDuplicate(original: GeneratedRecord): GeneratedRecord {
    const edits: Array<(text: string) => string> = [
      (text) => text.replace(' and ', ' & '),
      (text) => text.replace('The ', 'the '),
      (text) => text.replace(/\.\s*$/, '') + '. Resubmitted.',
      (text) => text.replace(' was ', ' had been '),
      (text) => text.replace(' told ', ' informed '),
    ];
    let summary = original.summary;
    for (const edit of this.sample(edits, 2)) summary = edit(summary);
    return { ...original, reference: this.nextReference(), summary };
  }

  private fill(template: string, person: string): string {
    return template
      .replace(/\{person\}/g, person)
      .replace(/\{title\}/g, () => this.pick(TITLES))
      .replace(/\{duration\}/g, () => this.pick(DURATIONS))
      .replace(/\{staff\}/g, () => this.pick(STAFF))
      .replace(/\{amount\}/g, () => String(50 + Math.floor(this.random() * 2000)))
      .replace(/\{phone\}/g, () => `07700 9${String(Math.floor(this.random() * 100000)).padStart(5, '0')}`)
      .replace(/\{email\}/g, () => `${this.pick(['j.smith', 'a.khan', 'pat.o', 'm.jones'])}${Math.floor(this.random() * 100)}@example.org`)
      .replace(/\{nhs\}/g, () => this.nhsNumber())
      .replace(/\{postcode\}/g, () => this.pick(['LS1 4AP', 'M15 6BH', 'B33 8TH', 'CF10 1EP', 'SW1A 2AA', 'NE1 7RU']))
      .replace(/^./, (first) => first.toUpperCase());
  }

  /** A checksum-valid NHS number, spaced as bodies usually write it. */
  private nhsNumber(): string {
    for (;;) {
      const digits = Array.from({ length: 9 }, () => Math.floor(this.random() * 10));
      const sum = digits.reduce((total, digit, i) => total + digit * (10 - i), 0);
      const check = 11 - (sum % 11);
      if (check === 10) continue;
      const all = [...digits, check === 11 ? 0 : check].join('');
      return `${all.slice(0, 3)} ${all.slice(3, 6)} ${all.slice(6)}`;
    }
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(this.random() * copy.length), 1)[0]);
    return out;
  }

  private weighted(options: Array<[string, number]>): string {
    let roll = this.random();
    for (const [value, weight] of options) {
      roll -= weight;
      if (roll <= 0) return value;
    }
    return options[options.length - 1][0];
  }
}

function titleCase(text: string): string {
  return text.replace(/(^|\s)([a-z])/g, (_, space: string, letter: string) => space + letter.toUpperCase());
}
