import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seededRandom } from '@app/domain';
import { decideBatch, dedupFingerprint, type BatchSubject } from '@app/domain/dedup';
import {
  ComplaintRepository,
  dataSourceOptions,
  AuditRepository,
  DedupDecisionRepository,
  dropDatabase,
  ensureDatabase,
  PipelineResultsRepository,
  mergeCandidates,
  migrateWithLock,
  type CandidateKeys,
} from '@app/persistence';
import { bareOrganisation, complaintInProcessing } from './support/db-fixtures';

const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The worker reads its dedup candidates before taking the dedup lock and, under the lock,
 * only what was decided since. These tests pin that hand-over on the real PostgreSQL: a
 * decision committed between a batch's snapshot and its lock must still be found.
 */
describe('dedup candidates: snapshot outside the lock, decisions since under it (real PostgreSQL)', () => {
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/clp_test_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  let db: DataSource;
  let results: PipelineResultsRepository;
  let organisationId: string;
  const random = seededRandom(99);
  const word = () => Array.from({ length: 6 }, () => 'bcdfghjklmnprstvwz'[Math.floor(random() * 18)] + 'aeiou'[Math.floor(random() * 5)]).join('');
  const text = () => Array.from({ length: 80 }, word).join(' ');

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    await migrateWithLock({ databaseUrl, migrateOnStart: true });
    db = await new DataSource(dataSourceOptions({ databaseUrl, migrateOnStart: false, poolSize: 4 })).initialize();
    results = new PipelineResultsRepository(db);
    organisationId = await bareOrganisation(db, randomBytes(8).toString('hex'));
  });

  afterAll(async () => {
    await db.destroy();
    await dropDatabase(databaseUrl);
  });

  /** A complaint the worker has claimed and understood, not yet decided. */
  async function understood(summary: string, receivedAt = new Date()): Promise<BatchSubject> {
    const reference = `REF-${randomBytes(4).toString('hex')}`;
    const id = await complaintInProcessing(db, { organisationId, reference, summary, receivedAt });
    const fingerprint = dedupFingerprint(summary);
    await results.saveUnderstanding([
      {
        id,
        version: 1,
        redactedSummary: summary,
        redactedLearning: null,
        classification: { themes: [], severity: 'low', confidence: 0.5, version: 'test' } as never,
        learningSummary: 'summary',
        exactHash: fingerprint.exactHash,
        shingles: fingerprint.shingles,
        bands: fingerprint.bands,
        storedBands: null,
      },
    ]);
    return { id, organisationId, reference, receivedAt, exactHash: fingerprint.exactHash, shingles: fingerprint.shingles, bands: fingerprint.bands };
  }

  function keysOf(subject: BatchSubject): CandidateKeys {
    return {
      bands: [...subject.bands],
      subjectBands: [[...subject.bands]],
      exactKeys: [{ organisationId: subject.organisationId, exactHash: subject.exactHash }],
      complainantHashes: [],
      excludeIds: [subject.id],
    };
  }

  /** Saves the worker's decision: original, or a duplicate of `duplicateOf`. */
  async function decide(subject: BatchSubject, duplicateOf: string | null = null): Promise<void> {
    await results.inTransaction((tx) =>
      tx.saveDecisions([
        {
          id: subject.id,
          version: 1,
          status: duplicateOf ? 'duplicate' : 'processed',
          duplicateOf,
          dedupReason: duplicateOf ? { rule: 'near' } : null,
          related: [],
          deliveries: [],
        },
      ]),
    );
  }

  it('finds, under the lock, a near duplicate decided after the snapshot was read', async () => {
    const source = text();
    const first = await understood(source);
    const second = await understood(source.replace(/^(\S+ \S+ \S+)/, '$1 extra'));

    const snapshot = await results.loadCandidateSnapshot(keysOf(second));
    // The first is still being processed: not a candidate yet.
    expect(snapshot.candidates.map((c) => c.id)).not.toContain(first.id);

    await decide(first);

    const recent = await results.inTransaction((tx) => tx.loadDecidedSince(snapshot.watermark, keysOf(second)));
    expect(recent.candidates.map((c) => c.id)).toEqual([first.id]);
    expect(recent.candidates[0].bands.length).toBeGreaterThan(0);

    const decision = decideBatch([second], mergeCandidates(snapshot.candidates, recent)).get(second.id);
    expect(decision).toMatchObject({ kind: 'duplicate', of: first.id, rule: 'near' });
  });

  it('leaves to the snapshot what was decided before it, and ignores unrelated recent decisions', async () => {
    const source = text();
    const first = await understood(source);
    await decide(first);
    const unrelated = await understood(text());

    const copy = await understood(source);
    const snapshot = await results.loadCandidateSnapshot(keysOf(copy));
    expect(snapshot.candidates.map((c) => c.id)).toContain(first.id);

    await decide(unrelated);
    const recent = await results.inTransaction((tx) => tx.loadDecidedSince(snapshot.watermark, keysOf(copy)));
    expect(recent).toEqual({ candidates: [], withdrawn: [] });

    const decision = decideBatch([copy], mergeCandidates(snapshot.candidates, recent)).get(copy.id);
    expect(decision).toMatchObject({ kind: 'duplicate', of: first.id, rule: 'exact' });
  });

  it('finds an old near duplicate behind boilerplate bands shared by more complaints than are read per band', async () => {
    const boilerplate = `${text()} ${text()}`;
    const day = 24 * 3600 * 1000;
    const texts = Array.from({ length: 45 }, () => `${boilerplate} ${Array.from({ length: 40 }, word).join(' ')}`);
    const stored: BatchSubject[] = [];
    // The oldest first: the per-band read prefers recent holders, so this one falls outside it.
    for (const [i, body] of texts.entries()) {
      const subject = await understood(body, new Date(Date.now() - (texts.length - i) * day));
      await decide(subject);
      stored.push(subject);
    }
    const [{ holders }] = await db.query(`SELECT max(n)::int AS holders FROM (SELECT count(*) AS n FROM complaint_band GROUP BY band) b`);
    expect(holders).toBeGreaterThan(32);
    const copy = await understood(texts[0].replace(/(\S+)$/, 'altered'));

    const snapshot = await results.loadCandidateSnapshot(keysOf(copy));
    expect(snapshot.candidates.map((c) => c.id)).toContain(stored[0].id);
    const decision = decideBatch([copy], snapshot.candidates).get(copy.id);
    expect(decision).toMatchObject({ kind: 'duplicate', of: stored[0].id, rule: 'near' });
  });

  it('drops, under the lock, a candidate unmerged by hand after the snapshot was read', async () => {
    const source = text();
    const original = await understood(source);
    await decide(original);
    const repeat = await understood(source.replace(/^(\S+)/, 'changed'));
    await decide(repeat, original.id);
    const subject = await understood(source.replace(/^(\S+ \S+)/, 'changed again'));
    const snapshot = await results.loadCandidateSnapshot(keysOf(subject));
    expect(snapshot.candidates.map((c) => c.id)).toEqual(expect.arrayContaining([original.id, repeat.id]));

    await new DedupDecisionRepository(db, new AuditRepository(db)).unmerge(
      { id: repeat.id, organisationId, version: 1, status: 'duplicate', duplicateOf: original.id, dedupText: null },
      { kind: 'organisation', id: organisationId },
    );

    const recent = await results.inTransaction((tx) => tx.loadDecidedSince(snapshot.watermark, keysOf(subject)));
    expect(recent.withdrawn).toEqual([repeat.id]);
    expect(mergeCandidates(snapshot.candidates, recent).map((c) => c.id)).not.toContain(repeat.id);
  });

  it('replaces the band rows of an earlier understanding, found by the keys stored with the complaint', async () => {
    const first = await understood(text());
    const [claim] = await new ComplaintRepository(db).loadForProcessing([{ complaintId: first.id, version: 1 }]);
    expect([...(claim.storedBands ?? [])].sort()).toEqual([...first.bands].sort());

    const rewritten = dedupFingerprint(text());
    await results.saveUnderstanding([
      {
        id: first.id,
        version: 1,
        redactedSummary: 'rewritten',
        redactedLearning: null,
        classification: { themes: [], severity: 'low', confidence: 0.5, version: 'test' } as never,
        learningSummary: 'summary',
        exactHash: rewritten.exactHash,
        shingles: rewritten.shingles,
        bands: rewritten.bands,
        storedBands: claim.storedBands,
      },
    ]);
    const rows: Array<{ band: string }> = await db.query(`SELECT band::text FROM complaint_band WHERE complaint_id = $1`, [first.id]);
    expect(rows.map((row) => row.band).sort()).toEqual([...rewritten.bands].sort());
  });

  it('keeps the first decision of a version: a second run of the same job writes nothing', async () => {
    const original = await understood(text());
    const subject = await understood(text());
    await decide(subject);
    const [before] = await db.query(`SELECT status, duplicate_of, decided_seq, processed_at FROM complaint WHERE id = $1`, [subject.id]);

    const saved = await results.inTransaction((tx) =>
      tx.saveDecisions([
        {
          id: subject.id,
          version: 1,
          status: 'duplicate',
          duplicateOf: original.id,
          dedupReason: { rule: 'near' },
          related: [{ id: original.id, rule: 'near', similarity: 0.9 }],
          deliveries: [],
        },
      ]),
    );
    expect(saved).toEqual([]);
    const [after] = await db.query(`SELECT status, duplicate_of, decided_seq, processed_at FROM complaint WHERE id = $1`, [subject.id]);
    expect(after).toEqual(before);
    expect(after.status).toBe('processed');
    const links = await db.query(`SELECT 1 FROM complaint_link WHERE complaint_id = $1`, [subject.id]);
    expect(links).toHaveLength(0);
  });

  it('numbers decisions in commit order', async () => {
    const a = await understood(text());
    const b = await understood(text());
    await decide(a);
    await decide(b);
    const rows: Array<{ id: string; decided_seq: string }> = await db.query(
      `SELECT id, decided_seq FROM complaint WHERE id = ANY($1::uuid[])`,
      [[a.id, b.id]],
    );
    const seq = new Map(rows.map((row) => [row.id, BigInt(row.decided_seq)]));
    expect(seq.get(b.id)! > seq.get(a.id)!).toBe(true);
  });
});
