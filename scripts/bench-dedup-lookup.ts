/**
 * `npm run bench:dedup -- --stored 100000`: how long the worker's dedup candidate look-up
 * takes with N complaints already stored. Seeds its own database (clp_bench_dedup), then
 * times the worker's candidate snapshot (`loadCandidateSnapshot`, read outside the dedup lock)
 * + `decideBatch` for batches of 1 and 64.
 *
 * `--shingle-bands-only` keeps only the 24 word-shingle band keys (the dedup-v1 layout), to
 * compare the two layouts on the same machine under the same load.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { seededRandom } from '@app/domain';
import { decideBatch, dedupFingerprint, shinglesToBuffer, DEFAULT_LSH_BANDS, type BatchSubject } from '@app/domain/dedup';
import { dataSourceOptions, dropDatabase, ensureDatabase, loadCandidateSnapshot, migrateWithLock } from '@app/persistence';

const DATABASE_URL = process.env.BENCH_DEDUP_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/clp_bench_dedup';
const stored = Number(process.argv[process.argv.indexOf('--stored') + 1] || 100_000);
const CHUNK = 5_000;
const SHINGLE_BANDS_ONLY = process.argv.includes('--shingle-bands-only');
/** More rounds give a steadier median on a shared machine; 10 is the historical default. */
const ROUNDS = Math.max(10, Number(process.argv[process.argv.indexOf('--rounds') + 1] || 10) || 10);

/** The fingerprint the bench stores and probes with: dedup-v2, or its v1 band layout. */
function fingerprintOf(body: string): ReturnType<typeof dedupFingerprint> {
  const fp = dedupFingerprint(body);
  return SHINGLE_BANDS_ONLY ? { ...fp, bands: fp.bands.slice(0, DEFAULT_LSH_BANDS) } : fp;
}

const random = seededRandom(7);
const syllables = () => Array.from({ length: 4 + Math.floor(random() * 4) }, () => 'bcdfghjklmnprstvwz'[Math.floor(random() * 18)] + 'aeiou'[Math.floor(random() * 5)]).join('');

/**
 * `--zipf`: words drawn from a 5,000-word vocabulary with Zipf's law (s = 1), as real text is,
 * so unrelated complaints share common words and content-word bands get crowded holders. The
 * default (every word fresh) is the historical setting the baseline figures were taken with.
 */
const ZIPF = process.argv.includes('--zipf');
// Built only with --zipf, so the default run draws exactly the random stream the baseline did.
const VOCABULARY = ZIPF ? Array.from({ length: 5_000 }, syllables) : [];
const ZIPF_CUMULATIVE = (() => {
  const weights = VOCABULARY.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let running = 0;
  return weights.map((w) => (running += w / total));
})();

function zipfWord(): string {
  const u = random();
  let low = 0;
  let high = ZIPF_CUMULATIVE.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ZIPF_CUMULATIVE[mid] < u) low = mid + 1;
    else high = mid;
  }
  return VOCABULARY[low];
}

const word = ZIPF ? zipfWord : syllables;
const text = () => Array.from({ length: 60 + Math.floor(random() * 140) }, word).join(' ');

async function main(): Promise<void> {
  await dropDatabase(DATABASE_URL);
  await ensureDatabase(DATABASE_URL);
  await migrateWithLock({ databaseUrl: DATABASE_URL, migrateOnStart: true });
  const db = await new DataSource(dataSourceOptions({ databaseUrl: DATABASE_URL, migrateOnStart: false, poolSize: 2 })).initialize();
  const [{ id: org }] = await db.query(
    `INSERT INTO organisation (name, kind, sector, api_key_hash, api_key_prefix) VALUES ('Bench', 'public-body', 'health', 'x', 'x') RETURNING id`,
  );
  const texts: string[] = [];
  const seedStarted = Date.now();
  for (let offset = 0; offset < stored; offset += CHUNK) {
    const chunk = Array.from({ length: Math.min(CHUNK, stored - offset) }, text);
    texts.push(...chunk.slice(0, 40));
    await seed(db, org, offset, chunk);
    process.stdout.write(`\rseeded ${offset + chunk.length} / ${stored}`);
  }
  process.stdout.write(` in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s\n`);
  // VACUUM as well: otherwise autovacuum of the freshly inserted band rows (2.4–4 M) may run
  // during the first timed rounds and the figures measure it, not the look-up.
  await db.query('VACUUM ANALYZE');
  await db.query('CHECKPOINT');

  for (const size of [1, 64]) {
    const timings: number[] = [];
    const decideTimings: number[] = [];
    let candidates = 0;
    let duplicatesFound = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const subjects = Array.from({ length: size }, (_, i) => subject(org, i % 2 === 0 ? nearCopy(texts[(round * size + i) % texts.length]) : text()));
      const started = performance.now();
      const snapshot = await loadCandidateSnapshot(db.manager, {
        bands: [...new Set(subjects.flatMap((s) => s.bands))],
        subjectBands: subjects.map((s) => [...s.bands]),
        exactKeys: subjects.map((s) => ({ organisationId: s.organisationId, exactHash: s.exactHash })),
        complainantHashes: [],
        excludeIds: subjects.map((s) => s.id),
      });
      const decideStarted = performance.now();
      const decisions = decideBatch(subjects, snapshot.candidates);
      timings.push(performance.now() - started);
      decideTimings.push(performance.now() - decideStarted);
      candidates += snapshot.candidates.length;
      duplicatesFound += [...decisions.values()].filter((d) => d.kind === 'duplicate').length;
    }
    timings.sort((a, b) => a - b);
    decideTimings.sort((a, b) => a - b);
    const median = timings[Math.floor(ROUNDS / 2)];
    // Half the probes are near copies of stored texts: all of them should be found.
    console.log(
      `  (decideBatch median ${decideTimings[Math.floor(ROUNDS / 2)].toFixed(1)} ms; ${(candidates / ROUNDS).toFixed(0)} candidates per batch; ` +
        `${duplicatesFound} of ${Math.ceil(size / 2) * ROUNDS} near copies found)`,
    );
    console.log(
      `batch of ${size}: look-up + decision median ${median.toFixed(1)} ms, best ${timings[0].toFixed(1)} ms ` +
        `(${(median / size).toFixed(2)} ms per complaint) with ${stored} stored, ${ROUNDS} rounds` +
        ` [${SHINGLE_BANDS_ONLY ? 'shingle bands only (v1 layout)' : 'dedup-v2: shingle + content-word bands'}${ZIPF ? ', Zipf vocabulary' : ''}]`,
    );
  }
  await db.destroy();
}

function nearCopy(source: string): string {
  const words = source.split(' ');
  words[3] = 'altered';
  return words.join(' ');
}

let counter = 0;
function subject(organisationId: string, body: string): BatchSubject {
  const fingerprint = fingerprintOf(body);
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    organisationId,
    reference: `probe-${counter}`,
    receivedAt: new Date(),
    exactHash: fingerprint.exactHash,
    shingles: fingerprint.shingles,
    bands: fingerprint.bands,
  };
}

async function seed(db: DataSource, org: string, offset: number, chunk: string[]): Promise<void> {
  const prints = chunk.map((body) => fingerprintOf(body));
  const ids: Array<{ id: string }> = await db.query(
    `INSERT INTO complaint (organisation_id, reference, content_hash, status, received_at, service_area, stage, summary, outcome, exact_hash, shingles, bands)
     SELECT $1, r, 'h', 'processed', now(), 'Area', 'local', 's', 'upheld', e, sh, string_to_array(b, ',')::bigint[]
     FROM unnest($2::text[], $3::text[], $4::bytea[], $5::text[]) AS t(r, e, sh, b) RETURNING id`,
    [
      org,
      chunk.map((_, i) => `R${offset + i}`),
      prints.map((p) => p.exactHash),
      prints.map((p) => shinglesToBuffer(p.shingles)),
      prints.map((p) => p.bands.join(',')),
    ],
  );
  const bands = prints.flatMap((p, i) => p.bands.map((band) => [band, ids[i].id]));
  await db.query(`INSERT INTO complaint_band (band, complaint_id, received_at) SELECT *, now() FROM unnest($1::bigint[], $2::uuid[])`, [
    bands.map(([band]) => band),
    bands.map(([, id]) => id),
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
