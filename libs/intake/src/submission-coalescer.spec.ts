import type { ComplaintToStore, StoredVersion } from '@app/persistence';
import { CoalescedRow, CoalescerOptions, SubmissionCoalescer } from './submission-coalescer';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';

function record(reference: string, contentHash = `hash-${reference}`): ComplaintToStore {
  return {
    reference,
    receivedAt: new Date('2026-10-01T09:00:00Z'),
    serviceArea: 'Maternity',
    stage: 'local',
    summary: 'The family was not told the scan was delayed.',
    outcome: 'upheld',
    remedies: [],
    contentHash,
  };
}

/**
 * An in-memory table with the repository's semantics: (organisation, reference) is unique,
 * changed content makes a new version, unchanged content comes back with `changed: false`.
 * Writes finish only when the test releases them, so tests control what overlaps.
 */
class FakeStore {
  readonly rows = new Map<string, { id: string; version: number; contentHash: string }>();
  readonly writes: CoalescedRow[][] = [];
  readonly enqueued: StoredVersion[][] = [];
  readonly flushes: number[] = [];
  private gates: Array<() => void> = [];
  holdWrites = false;
  failWhen: (row: CoalescedRow) => boolean = () => false;
  failEnqueue = false;
  private nextId = 1;

  ports = {
    write: async (rows: CoalescedRow[]): Promise<StoredVersion[]> => {
      this.writes.push(rows);
      if (this.holdWrites) await new Promise<void>((resolve) => this.gates.push(resolve));
      const keys = rows.map((r) => `${r.organisationId} ${r.record.reference}`);
      if (new Set(keys).size !== keys.length) throw new Error('a row twice in one statement');
      if (rows.some((row) => this.failWhen(row))) throw new Error('invalid input syntax');
      return rows.map((row, i) => {
        const existing = this.rows.get(keys[i]);
        if (!existing) {
          const created = { id: `id-${this.nextId++}`, version: 1, contentHash: row.record.contentHash };
          this.rows.set(keys[i], created);
          return { id: created.id, reference: row.record.reference, version: 1, status: 'received', changed: true };
        }
        if (existing.contentHash === row.record.contentHash) {
          return { id: existing.id, reference: row.record.reference, version: existing.version, status: 'received', changed: false };
        }
        existing.version += 1;
        existing.contentHash = row.record.contentHash;
        return { id: existing.id, reference: row.record.reference, version: existing.version, status: 'received', changed: true };
      });
    },
    enqueue: async (changed: StoredVersion[]): Promise<void> => {
      if (this.failEnqueue) throw new Error('Redis is away');
      this.enqueued.push(changed);
    },
    flushed: (rows: number) => this.flushes.push(rows),
  };

  /** Lets every write waiting so far finish. */
  release(): void {
    const gates = this.gates;
    this.gates = [];
    for (const open of gates) open();
  }

  get waiting(): number {
    return this.gates.length;
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const settle = async () => {
  for (let i = 0; i < 10; i += 1) await tick();
};

function setUp(options: Partial<CoalescerOptions> = {}) {
  const store = new FakeStore();
  const coalescer = new SubmissionCoalescer(store.ports, { windowMs: 0, maxInFlight: 1, maxRows: 100, ...options });
  return { store, coalescer };
}

describe('SubmissionCoalescer', () => {
  it('writes submissions arriving together in one statement and answers each with its own row', async () => {
    const { store, coalescer } = setUp();
    const answers = await Promise.all([
      coalescer.submit(ORG_A, record('R-1')),
      coalescer.submit(ORG_A, record('R-2')),
      coalescer.submit(ORG_B, record('R-1')),
    ]);
    expect(store.writes).toHaveLength(1);
    expect(store.flushes).toEqual([3]);
    expect(answers.map((a) => a.reference)).toEqual(['R-1', 'R-2', 'R-1']);
    expect(new Set(answers.map((a) => a.id)).size).toBe(3);
    // One organisation's reference is never another's row.
    expect(store.rows.get(`${ORG_A} R-1`)?.id).toBe(answers[0].id);
    expect(store.rows.get(`${ORG_B} R-1`)?.id).toBe(answers[2].id);
    expect(store.enqueued).toEqual([answers]);
  });

  it('answers only after the write has finished', async () => {
    const { store, coalescer } = setUp();
    store.holdWrites = true;
    let answered = false;
    const answer = coalescer.submit(ORG_A, record('R-1')).then((v) => {
      answered = true;
      return v;
    });
    await settle();
    expect(store.waiting).toBe(1);
    expect(answered).toBe(false);
    store.release();
    await expect(answer).resolves.toMatchObject({ reference: 'R-1', changed: true });
  });

  it('gathers arrivals while the writers are busy into the next statement', async () => {
    const { store, coalescer } = setUp({ maxInFlight: 1 });
    store.holdWrites = true;
    const first = coalescer.submit(ORG_A, record('R-1'));
    await settle();
    const later = [2, 3, 4, 5].map((n) => coalescer.submit(ORG_A, record(`R-${n}`)));
    await settle();
    expect(store.writes.map((w) => w.length)).toEqual([1]);
    store.release();
    await first;
    await settle();
    expect(store.writes.map((w) => w.length)).toEqual([1, 4]);
    store.release();
    await Promise.all(later);
  });

  it('runs up to maxInFlight statements at once', async () => {
    const { store, coalescer } = setUp({ maxInFlight: 2 });
    store.holdWrites = true;
    const a = coalescer.submit(ORG_A, record('R-1'));
    await settle();
    const b = coalescer.submit(ORG_A, record('R-2'));
    await settle();
    const c = coalescer.submit(ORG_A, record('R-3'));
    await settle();
    expect(store.waiting).toBe(2);
    store.release();
    await Promise.all([a, b]);
    await settle();
    store.release();
    await c;
    expect(store.writes.map((w) => w.map((r) => r.record.reference))).toEqual([['R-1'], ['R-2'], ['R-3']]);
  });

  it('gives a repeat of the same content the same answer, with one row and one job', async () => {
    const { store, coalescer } = setUp();
    const answers = await Promise.all(Array.from({ length: 5 }, () => coalescer.submit(ORG_A, record('R-1'))));
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0]).toHaveLength(1);
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(store.enqueued.flat()).toHaveLength(1);
  });

  it('writes changed content of a waiting reference in a later statement, so versions follow arrival', async () => {
    const { store, coalescer } = setUp({ maxInFlight: 4 });
    const [v1, v2, v2again, v3] = await Promise.all([
      coalescer.submit(ORG_A, record('R-1', 'x')),
      coalescer.submit(ORG_A, record('R-1', 'y')),
      coalescer.submit(ORG_A, record('R-1', 'y')),
      coalescer.submit(ORG_A, record('R-1', 'x')),
    ]);
    expect([v1.version, v2.version, v2again.version, v3.version]).toEqual([1, 2, 2, 3]);
    expect(v2again).toBe(v2);
    expect(store.writes.map((w) => w.map((r) => r.record.contentHash))).toEqual([['x'], ['y'], ['x']]);
    expect(store.enqueued.flat().map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it('never writes a reference in two statements at once, even with writers free', async () => {
    const { store, coalescer } = setUp({ maxInFlight: 4 });
    store.holdWrites = true;
    const first = coalescer.submit(ORG_A, record('R-1', 'x'));
    await settle();
    const changed = coalescer.submit(ORG_A, record('R-1', 'y'));
    const other = coalescer.submit(ORG_A, record('R-2'));
    await settle();
    expect(store.writes.map((w) => w.map((r) => r.record.reference))).toEqual([['R-1'], ['R-2']]);
    store.release();
    await Promise.all([first, other]);
    await settle();
    store.release();
    await expect(changed).resolves.toMatchObject({ version: 2, changed: true });
  });

  it('isolates a row the database refuses: the others of its statement are still accepted', async () => {
    const { store, coalescer } = setUp();
    store.failWhen = (row) => row.record.reference === 'BAD';
    const answers = await Promise.allSettled([
      coalescer.submit(ORG_A, record('R-1')),
      coalescer.submit(ORG_A, record('BAD')),
      coalescer.submit(ORG_B, record('R-2')),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason).toEqual(new Error('invalid input syntax'));
    expect(store.writes.map((w) => w.length)).toEqual([3, 1, 1, 1]);
    expect(store.enqueued.flat().map((v) => v.reference).sort()).toEqual(['R-1', 'R-2']);
  });

  it('still answers accepted records when queueing fails (the re-drive queues them later)', async () => {
    const { store, coalescer } = setUp();
    store.failEnqueue = true;
    await expect(coalescer.submit(ORG_A, record('R-1'))).resolves.toMatchObject({ changed: true });
  });

  it('splits a burst larger than maxRows over several statements', async () => {
    const { store, coalescer } = setUp({ maxRows: 3, maxInFlight: 2 });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => coalescer.submit(ORG_A, record(`R-${i}`))));
    expect(answers).toHaveLength(8);
    expect(store.writes.every((w) => w.length <= 3)).toBe(true);
    expect(store.writes.flat()).toHaveLength(8);
  });

  it('waits a short window for company when idle', async () => {
    const { store, coalescer } = setUp({ windowMs: 20 });
    const first = coalescer.submit(ORG_A, record('R-1'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = coalescer.submit(ORG_A, record('R-2'));
    await Promise.all([first, second]);
    expect(store.writes.map((w) => w.length)).toEqual([2]);
  });

  it('drains everything waiting or writing', async () => {
    const { store, coalescer } = setUp({ windowMs: 10_000 });
    const answers = [coalescer.submit(ORG_A, record('R-1')), coalescer.submit(ORG_A, record('R-2'))];
    await coalescer.drain();
    expect(store.writes.flat()).toHaveLength(2);
    await expect(Promise.all(answers)).resolves.toHaveLength(2);
  });
});
