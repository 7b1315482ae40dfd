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
import PHRASES from './data/complaint-phrases.json';

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

/**
 * The words records are made of: sector profiles (types, names, service areas, themes),
 * sentences per theme, narrative templates and their fillers, openings and learning lines.
 * Data, kept as data (`data/complaint-phrases.json`).
 */
interface Phrases {
  sectorProfiles: Record<BenchSector, { types: string[]; names: string[]; serviceAreas: string[]; themes: string[] }>;
  themeSentences: Record<string, string[]>;
  openings: Record<'first-person' | 'caseworker' | 'log', string[]>;
  regions: string[];
  relatives: string[];
  titles: string[];
  durations: string[];
  staff: string[];
  weekdays: string[];
  months: string[];
  narrative: string[];
  events: string[];
  events2: string[];
  staffEvents: string[];
  contacts: string[];
  replies: string[];
  filler: string[];
  learning: string[];
}
const {
  sectorProfiles: SECTOR_PROFILES,
  regions: REGIONS,
  relatives: RELATIVES,
  titles: TITLES,
  durations: DURATIONS,
  staff: STAFF,
  themeSentences: THEME_SENTENCES,
  weekdays: WEEKDAYS,
  months: MONTHS,
  narrative: NARRATIVE,
  events: EVENTS,
  events2: EVENTS2,
  staffEvents: STAFF_EVENTS,
  contacts: CONTACTS,
  replies: REPLIES,
  openings: OPENINGS,
  filler: FILLER,
  learning: LEARNING,
} = PHRASES as Phrases;

/**
 * Each short corpus example's text under each of its themes: another ~50–110 wordings per
 * theme. Only the short examples, so the bench's text (and its figures) stay comparable
 * across corpus growth.
 */
const CORPUS_SENTENCES: Record<string, string[]> = {};
for (const example of loadCorpusFile(join(CORPUS_DIR, 'short-examples.jsonl'))) for (const theme of example.themes) (CORPUS_SENTENCES[theme] ??= []).push(example.text);


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
