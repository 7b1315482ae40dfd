import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fnv1a32 } from '../../../dedup/hash32';
import { SECTORS, SEVERITIES, THEME_IDS, type Sector, type Severity, type ThemeId } from '../../../model/taxonomy';

/** One labelled complaint text used to train or evaluate the classifier. */
export interface CorpusExample {
  readonly id: string;
  readonly text: string;
  readonly themes: readonly ThemeId[];
  readonly severity: Severity;
  readonly sector?: Sector;
  readonly serviceArea?: string;
}

/** The shipped training corpus: every `*.jsonl` here, read in name order (training is deterministic). */
export const CORPUS_DIR = join(__dirname, '..', 'data', 'corpus');

const THEMES: ReadonlySet<string> = new Set(THEME_IDS);
const KNOWN_FIELDS: ReadonlySet<string> = new Set(['id', 'text', 'themes', 'severity', 'sector', 'serviceArea', 'style', 'learning']);

/** A labelled line that breaks the schema; names the source, the line and the field. */
export class CorpusFormatError extends Error {
  constructor(source: string, line: number, field: string, problem: string) {
    super(`${source}:${line}: ${field} ${problem}`);
    this.name = 'CorpusFormatError';
  }
}

/**
 * Parses JSONL labelled examples and validates every line against the taxonomy, so a
 * mistyped theme fails the build of the model instead of silently becoming a new label.
 * `learning` (optional) is appended to the text as the classifier joins them at run time.
 */
export function parseCorpus(content: string, source: string): CorpusExample[] {
  const examples: CorpusExample[] = [];
  const ids = new Set<string>();
  content.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const example = parseLine(raw, source, index + 1);
    if (ids.has(example.id)) throw new CorpusFormatError(source, index + 1, 'id', `"${example.id}" is repeated`);
    ids.add(example.id);
    examples.push(example);
  });
  return examples;
}

function parseLine(raw: string, source: string, line: number): CorpusExample {
  const fail = (field: string, problem: string): never => {
    throw new CorpusFormatError(source, line, field, problem);
  };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('line', 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('line', 'is not a JSON object');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!KNOWN_FIELDS.has(key)) fail(key, 'is not a known field');
  const { id, text, themes, severity, sector, serviceArea, learning } = record;
  if (typeof id !== 'string' || id === '') fail('id', 'must be a non-empty string');
  if (typeof text !== 'string' || text.trim() === '') fail('text', 'must be a non-empty string');
  if (!Array.isArray(themes) || themes.length === 0) fail('themes', 'must be a non-empty array');
  for (const theme of themes as unknown[]) if (typeof theme !== 'string' || !THEMES.has(theme)) fail('themes', `has an unknown theme ${JSON.stringify(theme)}`);
  if (new Set(themes as string[]).size !== (themes as string[]).length) fail('themes', 'repeats a theme');
  if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) fail('severity', `must be one of ${SEVERITIES.join(', ')}`);
  if (sector !== undefined && (typeof sector !== 'string' || !(SECTORS as readonly string[]).includes(sector))) fail('sector', `must be one of ${SECTORS.join(', ')}`);
  if (serviceArea !== undefined && typeof serviceArea !== 'string') fail('serviceArea', 'must be a string');
  if (learning !== undefined && typeof learning !== 'string') fail('learning', 'must be a string');
  return {
    id: id as string,
    text: learning ? `${text as string}\n${learning as string}` : (text as string),
    themes: themes as ThemeId[],
    severity: severity as Severity,
    ...(sector === undefined ? {} : { sector: sector as Sector }),
    ...(serviceArea === undefined ? {} : { serviceArea: serviceArea as string }),
  };
}

/** Reads one JSONL file of labelled examples. */
export function loadCorpusFile(path: string): CorpusExample[] {
  return parseCorpus(readFileSync(path, 'utf8'), path);
}

/** Every corpus file in a folder, in name order; ids must be unique across files. */
export function loadCorpusDir(dir: string = CORPUS_DIR): CorpusExample[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  const all = files.flatMap((name) => loadCorpusFile(join(dir, name)));
  const seen = new Set<string>();
  for (const example of all) {
    if (seen.has(example.id)) throw new CorpusFormatError(dir, 0, 'id', `"${example.id}" appears in two files`);
    seen.add(example.id);
  }
  return all;
}

let cachedCorpus: readonly CorpusExample[] | null = null;

/** The shipped training corpus, read once per process. */
export function trainingCorpus(): readonly CorpusExample[] {
  cachedCorpus ??= loadCorpusDir();
  return cachedCorpus;
}

/**
 * Deterministic 80/20 split for evaluation by a hash of the id, so adding examples to one
 * file never moves another file's examples between the parts.
 */
export function isHeldOut(example: Pick<CorpusExample, 'id'>): boolean {
  return fnv1a32(example.id) % 5 === 0;
}

export function splitCorpus(examples: readonly CorpusExample[] = trainingCorpus()): { train: CorpusExample[]; test: CorpusExample[] } {
  const train: CorpusExample[] = [];
  const test: CorpusExample[] = [];
  for (const example of examples) (isHeldOut(example) ? test : train).push(example);
  return { train, test };
}
