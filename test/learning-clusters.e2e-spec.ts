import { LearningRollupRefreshRepository } from '@app/persistence';
import { ApiClient } from './support/api-client';
import { crossBodyLink } from './support/db-fixtures';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from './support/fixtures';
import { TestStack } from './support/test-stack';

interface Posted {
  key: string;
  id: string;
  org: CreatedOrganisation;
  sector: string;
  day: string;
  remedies: string[];
}

interface Summary {
  totals: { count: number };
  bySector: Array<{ sector: string; count: number }>;
  byOrganisation: Array<{ organisationId: string; count: number }>;
  themes: Array<{ theme: string; count: number }>;
  commonRemedies: Array<{ remedy: string; count: number }>;
}

type Themes = { rows: Array<{ theme: string; count: number }> };

const countBy = <T>(items: T[], key: (item: T) => string | string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) for (const k of [key(item)].flat()) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
};

/**
 * Cross-body clusters that grow, merge and split over several rollup refreshes: the stored
 * clusters equal connected components the test computes itself, and every figure counts a
 * cluster once, under its smallest id, on that complaint's own day.
 */
describe('learning rollup: cross-body clusters across refreshes (real PostgreSQL and Redis)', () => {
  let stack: TestStack;
  let api: ApiClient;
  let ombudsman: CreatedOrganisation;
  const bodies: Array<{ org: CreatedOrganisation; sector: string }> = [];
  const posted = new Map<string, Posted>();

  const settled = async (): Promise<void> => {
    await stack.waitForProcessingAndRollup();
    // A refresh looks again at the last minute's changes; age them so that the next refresh
    // sees only what the next step changes (as it would minutes later in production).
    await stack.db.query(`UPDATE complaint SET status_changed_at = status_changed_at - interval '10 minutes'`);
  };

  const id = (key: string): string => {
    const found = posted.get(key);
    if (!found) throw new Error(`nothing posted as ${key}`);
    return found.id;
  };

  /** As the dedup step records a cross-body relation: both ways, stamping the later complaint only. */
  const relate = async (pairs: Array<[string, string]>): Promise<void> => {
    for (const [a, b] of pairs) {
      await crossBodyLink(stack.db, id(a), id(b), 0.9);
      await stack.db.query('UPDATE complaint SET status_changed_at = now() WHERE id = $1', [id(b)]);
    }
    await settled();
  };

  /** Connected components of cross-body links between processed complaints, by breadth-first search. */
  async function components(): Promise<Map<string, string>> {
    const { rows } = await stack.db.query<{ a: string; b: string }>(
      `SELECT l.complaint_id AS a, l.related_id AS b FROM complaint_link l
       JOIN complaint x ON x.id = l.complaint_id AND x.status = 'processed'
       JOIN complaint y ON y.id = l.related_id AND y.status = 'processed'
       WHERE l.rule = 'cross-body' AND l.complaint_id <> l.related_id`,
    );
    const next = new Map<string, string[]>();
    for (const { a, b } of rows) {
      next.set(a, [...(next.get(a) ?? []), b]);
      next.set(b, [...(next.get(b) ?? []), a]);
    }
    const cluster = new Map<string, string>();
    for (const start of next.keys()) {
      if (cluster.has(start)) continue;
      const members = [start];
      for (let i = 0; i < members.length; i += 1) for (const n of next.get(members[i]) ?? []) if (!members.includes(n)) members.push(n);
      const smallest = [...members].sort()[0];
      for (const m of members) cluster.set(m, smallest);
    }
    return cluster;
  }

  /** Checks the stored clusters and every figure; returns the clusters by the test's keys. */
  async function check(): Promise<Record<string, string>> {
    const expectedClusters = await components();
    const { rows: stored } = await stack.db.query<{ complaint_id: string; cluster_id: string }>('SELECT complaint_id, cluster_id FROM complaint_cluster');
    expect(Object.fromEntries(stored.map((r) => [r.complaint_id, r.cluster_id]))).toEqual(Object.fromEntries(expectedClusters));

    const { rows } = await stack.db.query<{ id: string; status: string; themes: string[] }>('SELECT id, status, themes FROM complaint');
    const complaint = new Map(rows.map((r) => [r.id, r]));
    const own = [...posted.values()].filter((p) => complaint.get(p.id)?.status === 'processed').map((p) => ({ ...p, themes: complaint.get(p.id)?.themes ?? [] }));
    const counted = own.filter((p) => (expectedClusters.get(p.id) ?? p.id) === p.id);

    const summary = await api.get<Summary>('/v1/learning/summary', { token: ombudsman.apiKey });
    expect(summary.status).toBe(200);
    expect(summary.body.totals.count).toBe(counted.length);
    expect(Object.fromEntries(summary.body.byOrganisation.map((o) => [o.organisationId, o.count]))).toEqual(countBy(counted, (p) => p.org.id));
    expect(Object.fromEntries(summary.body.bySector.map((s) => [s.sector, s.count]))).toEqual(countBy(counted, (p) => p.sector));
    expect(Object.fromEntries(summary.body.themes.map((t) => [t.theme, t.count]))).toEqual(countBy(counted, (p) => p.themes));
    expect(Object.fromEntries(summary.body.commonRemedies.map((r) => [r.remedy, r.count]))).toEqual(countBy(counted, (p) => p.remedies));
    const themes = await api.get<Themes>('/v1/learning/themes', { token: ombudsman.apiKey });
    expect(Object.fromEntries(themes.body.rows.map((r) => [r.theme, r.count]))).toEqual(countBy(counted, (p) => p.themes));
    for (const { org } of bodies) {
      const mine = await api.get<Themes>('/v1/learning/themes', { token: org.apiKey });
      expect(Object.fromEntries(mine.body.rows.map((r) => [r.theme, r.count]))).toEqual(countBy(own.filter((p) => p.org === org), (p) => p.themes));
    }
    // Day by day in the rollup tables: each counted complaint on its own London day.
    const { rows: days } = await stack.db.query<{ day: string; count: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(count)::int AS count FROM learning_day_org GROUP BY 1`,
    );
    expect(Object.fromEntries(days.map((d) => [d.day, d.count]))).toEqual(countBy(counted, (p) => p.day));
    const { rows: countedRows } = await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM learning_counted');
    expect(countedRows[0].n).toBe(own.length);

    const keyOf = new Map([...posted.values()].map((p) => [p.id, p.key]));
    return Object.fromEntries([...expectedClusters].map(([member, cluster]) => [keyOf.get(member) ?? member, keyOf.get(cluster) ?? cluster]));
  }

  const smallest = (...keys: string[]): string => keys.reduce((m, k) => (id(k) < id(m) ? k : m));

  beforeAll(async () => {
    stack = new TestStack({ env: { LEARNING_REFRESH_INTERVAL_MS: '200' } });
    await stack.start();
    api = new ApiClient(stack.baseUrl);
    const admin = stack.config.adminToken;
    ombudsman = await createOrganisation(api, admin, { name: 'The Ombudsman', kind: 'ombudsman', sector: 'other' });
    for (const [name, sector] of [
      ['Northgate NHS Trust', 'health'],
      ['Southmere Council', 'local-government'],
      ['Westfield Care Services', 'social-care'],
    ] as const) {
      bodies.push({ org: await createOrganisation(api, admin, { name, sector }), sector });
    }
    // Each body's three letters arrive on one day with one outcome and the same remedies, so
    // a cluster forming, merging or splitting changes counts within rows, not only whole rows.
    const letters: Array<[string, number, string]> = [
      ['a1', 0, 'The ward did not give my mother her insulin on time for three evenings in a row and nobody could say why.'],
      ['b1', 1, 'The council took five months to assess my father for adaptations to his bathroom after his stroke.'],
      ['c1', 2, 'Carers arrived two hours late most mornings, so my aunt was left in bed without breakfast or medication.'],
      ['a2', 0, 'A referral to the memory clinic was lost and the family only found out when they chased it four months later.'],
      ['b2', 1, 'Our housing benefit was stopped without a letter and we only learned of it when the rent arrears notice came.'],
      ['c2', 2, 'The care home did not tell us about a fall for two days, although my grandfather had bruising to his face.'],
      ['a3', 0, 'The pharmacy gave the wrong strength of blood thinner and the surgery did not notice at the review.'],
      ['b3', 1, 'Bins on our street were missed for seven weeks despite eleven reports made through the online form.'],
      ['c3', 2, 'The agency changed the care visit times without asking and cut the evening call to fifteen minutes.'],
    ];
    const remediesOf = [['apology'], ['financial', 'explanation'], ['apology', 'staff-training']];
    for (const [key, body, summary] of letters) {
      const { org, sector } = bodies[body];
      const remedies = remediesOf[body];
      // Noon UTC, one to three days ago: London is UTC+0 or UTC+1, so at noon UTC its calendar
      // day is the UTC one, e.g. 2026-12-03T12:00:00Z is London's 3 December (13:00 in summer).
      const receivedAt = new Date(`${new Date(Date.now() - (1 + body) * 86_400_000).toISOString().slice(0, 10)}T12:00:00Z`);
      const record = complaintRecord({ summary, remedies, receivedAt: receivedAt.toISOString(), closedAt: undefined, outcome: body === 1 ? 'not-upheld' : 'upheld' });
      const [complaintId] = await submitComplaints(api, org.apiKey, [record]);
      posted.set(key, { key, id: complaintId, org, sector, day: receivedAt.toISOString().slice(0, 10), remedies });
    }
    await settled();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('starts with no cross-body relations among unrelated letters', async () => {
    const { rows } = await stack.db.query(`SELECT count(*)::int AS n FROM complaint_link`);
    expect(rows[0].n).toBe(0);
    expect(await check()).toEqual({});
  });

  it('forms two clusters, grows one into a chain, then merges them with one new link', async () => {
    await relate([['a1', 'b1'], ['a2', 'b2']]);
    expect(await check()).toEqual({ a1: smallest('a1', 'b1'), b1: smallest('a1', 'b1'), a2: smallest('a2', 'b2'), b2: smallest('a2', 'b2') });

    await relate([['b2', 'c2']]);
    const chain = smallest('a2', 'b2', 'c2');
    expect(await check()).toEqual({ a1: smallest('a1', 'b1'), b1: smallest('a1', 'b1'), a2: chain, b2: chain, c2: chain });

    // One new link, stamped on one side only: the other cluster is reached through it.
    await relate([['c2', 'b1']]);
    const merged = smallest('a1', 'b1', 'a2', 'b2', 'c2');
    expect(await check()).toEqual({ a1: merged, b1: merged, a2: merged, b2: merged, c2: merged });

    // A complaint joining from the other end of the chain, and a separate pair.
    await relate([['a1', 'c3'], ['a3', 'b3']]);
    const all = smallest('a1', 'b1', 'a2', 'b2', 'c2', 'c3');
    expect(await check()).toEqual({ a1: all, b1: all, a2: all, b2: all, c2: all, c3: all, a3: smallest('a3', 'b3'), b3: smallest('a3', 'b3') });
  });

  it('splits a cluster when the complaint joining its halves stops counting, and joins it again when it is back', async () => {
    await stack.db.query(`UPDATE complaint SET status = 'failed', status_changed_at = now() WHERE id = $1`, [id('c2')]);
    await settled();
    const left = smallest('a1', 'b1', 'c3');
    const right = smallest('a2', 'b2');
    expect(await check()).toEqual({ a1: left, b1: left, c3: left, a2: right, b2: right, a3: smallest('a3', 'b3'), b3: smallest('a3', 'b3') });

    await stack.db.query(`UPDATE complaint SET status = 'processed', status_changed_at = now() WHERE id = $1`, [id('c2')]);
    await settled();
    const all = smallest('a1', 'b1', 'a2', 'b2', 'c2', 'c3');
    expect(await check()).toEqual({ a1: all, b1: all, a2: all, b2: all, c2: all, c3: all, a3: smallest('a3', 'b3'), b3: smallest('a3', 'b3') });
  });

  it('gives the same clusters and figures after rebuilding everything', async () => {
    const before = await check();
    const rollup = stack.worker?.get(LearningRollupRefreshRepository);
    expect(await rollup?.rebuildAll()).toMatchObject({ ran: true, changed: posted.size });
    expect(await check()).toEqual(before);
  });
});
