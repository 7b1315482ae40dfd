/**
 * Writes libs/domain/src/understanding/redaction/data/second-names.txt: the names of the
 * `humannames` package (~197,000, with counts) that the redactor may use, filtered once here
 * instead of in every worker, one name a line: parsing the package's JSON (names with counts)
 * at start-up left a worker ~70 MB larger; splitting this text file costs ~25 MB.
 *
 *   npx tsx scripts/build-second-names.ts      (npm run build:names)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SECOND_NAMES_FILE, usableSecondNames } from '../libs/domain/src/understanding/redaction/gazetteer';

const all = Object.keys(JSON.parse(readFileSync(require.resolve('humannames/index.json'), 'utf8')) as Record<string, number>);
const kept = usableSecondNames(all).sort();
writeFileSync(SECOND_NAMES_FILE, `${kept.join('\n')}\n`);
console.log(`${kept.length} of ${all.length} names written to ${SECOND_NAMES_FILE}`);
