import type { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DisjointSets } from './connected-components';
import { execute, queryRows } from './query-rows';

/*
 * The cross-body clusters step of the learning rollup refresh (LearningRollupRefreshRepository),
 * on its own because it is the one step that walks links rather than recounting days.
 */

/** Reached complaints past which a refresh logs a warning (it still finishes, linear in size). */
export const LARGE_COMPONENT = 50_000;
/** Rows per page when reading links from, and writing clusters back to, PostgreSQL. */
const PAGE = 50_000;
/**
 * Processed complaints linked 'cross-body' to one complaint: an index look-up per complaint.
 * OFFSET 0 keeps it one (here and for the links among reached complaints): with statistics
 * taken before the links were written, the planner scanned every link for every complaint.
 */
const PROCESSED_NEIGHBOURS = (of: string): string => `
  SELECT l.related_id AS id FROM complaint_link l JOIN complaint r ON r.id = l.related_id AND r.status = 'processed'
  WHERE l.complaint_id = ${of} AND l.rule = 'cross-body' OFFSET 0`;

interface CountRow {
  n: number;
}

/** Two reached complaints (their numbers in lr_reach) linked to each other. */
interface EdgeRow {
  a: number;
  b: number;
}

/**
 * Fills lr_component (id, cluster_id) with the cross-body clusters of the seeds (lr_seed):
 * connected components over 'cross-body' links between processed complaints (stored both
 * ways), of two or more; cluster_id is the smallest member id. Linear in the seeds'
 * components: the walk records each reached complaint once (no per-seed root), its links are
 * read once more in pages, and union-find joins them here. A component is never cut short
 * (that would give wrong clusters): past LARGE_COMPONENT reached complaints it is logged.
 */
export async function recomputeClusters(tx: EntityManager, logger: Logger): Promise<void> {
  // Numbered in id order, so a cluster's smallest number is its smallest id.
  await execute(tx, `
    CREATE TEMP TABLE lr_reach ON COMMIT DROP AS
    WITH RECURSIVE walk(id) AS (
      SELECT s.id FROM lr_seed s JOIN complaint c ON c.id = s.id
      WHERE c.status = 'processed' AND EXISTS (SELECT 1 FROM complaint_link l WHERE l.complaint_id = s.id AND l.rule = 'cross-body')
      UNION
      SELECT n.id FROM walk w CROSS JOIN LATERAL (${PROCESSED_NEIGHBOURS('w.id')}) n
    )
    SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM walk`);
  await execute(tx, `CREATE TEMP TABLE lr_component (id uuid PRIMARY KEY, cluster_id uuid NOT NULL) ON COMMIT DROP`);
  const [{ n: reached }] = await queryRows<CountRow>(tx, `SELECT count(*)::int AS n FROM lr_reach`);
  if (reached < 2) return;
  await execute(tx, `CREATE UNIQUE INDEX ON lr_reach (n)`);
  await execute(tx, `ANALYZE lr_reach`);
  const { sets, linkRows } = await joinLinks(tx, reached);
  const members: number[] = [];
  const clusters: number[] = [];
  let largest = 0;
  for (let n = 1; n <= reached; n += 1) {
    const size = sets.sizeOf(n);
    if (size < 2) continue;
    members.push(n);
    clusters.push(sets.smallestOf(n));
    if (size > largest) largest = size;
  }
  for (let from = 0; from < members.length; from += PAGE) {
    await execute(
      tx,
      `INSERT INTO lr_component (id, cluster_id)
       SELECT r.id, c.id FROM unnest($1::int[], $2::int[]) AS u(n, m) JOIN lr_reach r ON r.n = u.n JOIN lr_reach c ON c.n = u.m`,
      [members.slice(from, from + PAGE), clusters.slice(from, from + PAGE)],
    );
  }
  await execute(tx, `ANALYZE lr_component`);
  if (reached > LARGE_COMPONENT) {
    const [{ n: seeds }] = await queryRows<CountRow>(tx, `SELECT count(*)::int AS n FROM lr_seed`);
    logger.warn(
      { seeds, reached, linkRows, clustered: members.length, largestCluster: largest, limit: LARGE_COMPONENT },
      'learning rollup: the changed complaints reach a very large cross-body component; every refresh that touches it walks all of it',
    );
  }
}

/** Union-find over the `reached` complaints of lr_reach, joined by every cross-body link among them (read in pages). */
async function joinLinks(tx: EntityManager, reached: number): Promise<{ sets: DisjointSets; linkRows: number }> {
  const sets = new DisjointSets(reached);
  let linkRows = 0;
  // The links of the reached complaints (an index look-up each), then the ones among them.
  await execute(tx, `
    CREATE TEMP TABLE lr_link ON COMMIT DROP AS
    SELECT a.n, l.related_id FROM lr_reach a
    CROSS JOIN LATERAL (SELECT l.related_id FROM complaint_link l WHERE l.complaint_id = a.id AND l.rule = 'cross-body' OFFSET 0) l`);
  await execute(tx, `ANALYZE lr_link`);
  await execute(tx, `
    DECLARE lr_edges NO SCROLL CURSOR FOR
    SELECT k.n AS a, b.n AS b FROM lr_link k JOIN lr_reach b ON b.id = k.related_id WHERE k.n <> b.n`);
  for (;;) {
    const page = await queryRows<EdgeRow>(tx, `FETCH FORWARD ${PAGE} FROM lr_edges`);
    for (const edge of page) sets.union(edge.a, edge.b);
    linkRows += page.length;
    if (page.length < PAGE) break;
  }
  await execute(tx, `CLOSE lr_edges`);
  return { sets, linkRows };
}
