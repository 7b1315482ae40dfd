import { MigrationInterface, QueryRunner } from 'typeorm';
import { dedupFingerprint, isVersion2, shinglesFromBuffer, shinglesToBuffer } from '@app/domain/dedup';

/** Rows re-fingerprinted per statement: bounded memory, and progress survives a restart. */
const PAGE = 1_000;

interface OldRow {
  id: string;
  receivedAt: Date;
  summary: string;
  shingles: Buffer;
}

/**
 * dedup-v2 (libs/domain/src/dedup/stored-set.ts): the stored set gains the content-word set and
 * each complaint 16 content-word band keys. Word-shingle band keys are unchanged, so old rows
 * are already found and compared by shingles; this re-fingerprints them from their redacted
 * summary so they get the second signal too. Only rows without the v2 marker are touched, so
 * it is idempotent and resumes where a crash left it. No schema change: `down` is a no-op
 * because v1 code reads a v2 set as shingles (the content words only add noise it tolerates).
 */
export class DedupV21765000000000 implements MigrationInterface {
  name = 'DedupV21765000000000';

  async up(db: QueryRunner): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: OldRow[] = await db.query(
        `SELECT id, received_at AS "receivedAt", redacted_summary AS summary, shingles FROM complaint
         WHERE id > $1 AND shingles IS NOT NULL AND redacted_summary IS NOT NULL ORDER BY id LIMIT ${PAGE}`,
        [after],
      );
      if (rows.length === 0) return;
      await refingerprint(db, rows.filter((row) => !isVersion2(shinglesFromBuffer(row.shingles))));
      after = rows[rows.length - 1].id;
    }
  }

  async down(): Promise<void> {
    // Nothing to undo in the schema; see the class comment.
  }
}

async function refingerprint(db: QueryRunner, rows: OldRow[]): Promise<void> {
  if (rows.length === 0) return;
  const prints = rows.map((row) => dedupFingerprint(row.summary));
  await db.query(
    `UPDATE complaint c SET shingles = u.shingles, bands = string_to_array(u.bands, ',')::bigint[]
     FROM unnest($1::uuid[], $2::bytea[], $3::text[]) AS u(id, shingles, bands) WHERE c.id = u.id`,
    [rows.map((row) => row.id), prints.map((p) => shinglesToBuffer(p.shingles)), prints.map((p) => p.bands.join(','))],
  );
  // Shingle band keys are unchanged; the new content-word keys get their band rows.
  const bandRows = rows.flatMap((row, i) => prints[i].bands.map((band) => ({ band, id: row.id, receivedAt: row.receivedAt })));
  await db.query(
    `INSERT INTO complaint_band (band, complaint_id, received_at)
     SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[]) ON CONFLICT DO NOTHING`,
    [bandRows.map((b) => b.band), bandRows.map((b) => b.id), bandRows.map((b) => b.receivedAt)],
  );
}
