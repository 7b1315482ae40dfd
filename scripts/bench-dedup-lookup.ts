/**
 * `npm run bench:dedup -- --stored 100000`: how long the worker's dedup candidate look-up
 * takes with N complaints already stored. Seeds its own database (clp_bench_dedup), then
 * times the worker's candidate snapshot (`loadCandidateSnapshot`, read outside the dedup lock)
 * + `decideBatch` for batches of 1 and 64.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { seededRandom } from '@app/domain';
import { decideBatch, dedupFingerprint, shinglesToBuffer, type BatchSubject } from '@app/domain/dedup';
import { dataSourceOptions, dropDatabase, ensureDatabase, loadCandidateSnapshot, migrateWithLock } from '@app/persistence';

const DATABASE_URL = process.env.BENCH_DEDUP_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/clp_bench_dedup';
const stored = Number(process.argv[process.argv.indexOf('--stored') + 1] || 100_000);
const CHUNK = 5_000;

const random = seededRandom(7);
const word = () => Array.from({ length: 4 + Math.floor(random() * 4) }, () => 'bcdfghjklmnprstvwz'[Math.floor(random() * 18)] + 'aeiou'[Math.floor(random() * 5)]).join('');
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
  await db.query('ANALYZE');

  for (const size of [1, 64]) {
    const timings: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      const subjects = Array.from({ length: size }, (_, i) => subject(org, i % 2 === 0 ? nearCopy(texts[(round * size + i) % texts.length]) : text()));
      const started = performance.now();
      const snapshot = await loadCandidateSnapshot(db.manager, {
        bands: [...new Set(subjects.flatMap((s) => s.bands))],
        subjectBands: subjects.map((s) => [...s.bands]),
        exactKeys: subjects.map((s) => ({ organisationId: s.organisationId, exactHash: s.exactHash })),
        complainantHashes: [],
        excludeIds: subjects.map((s) => s.id),
      });
      decideBatch(subjects, snapshot.candidates);
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    console.log(
      `batch of ${size}: look-up + decision median ${timings[5].toFixed(1)} ms, best ${timings[0].toFixed(1)} ms ` +
        `(${(timings[5] / size).toFixed(2)} ms per complaint) with ${stored} stored`,
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
  const fingerprint = dedupFingerprint(body);
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
  const prints = chunk.map((body) => dedupFingerprint(body));
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
