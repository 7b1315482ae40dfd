import { componentLabels, DisjointSets } from './connected-components';

/** Components by breadth-first search, to compare against. */
function reference(nodes: number, edges: Array<[number, number]>): Array<[number, number]> {
  const neighbours = Array.from({ length: nodes + 1 }, () => [] as number[]);
  for (const [a, b] of edges) {
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  const label = new Array<number>(nodes + 1).fill(0);
  const size = new Array<number>(nodes + 1).fill(0);
  for (let start = 1; start <= nodes; start += 1) {
    if (label[start] !== 0) continue;
    const members = [start];
    label[start] = start;
    for (let i = 0; i < members.length; i += 1) {
      for (const next of neighbours[members[i]]) {
        if (label[next] === 0) {
          label[next] = start;
          members.push(next);
        }
      }
    }
    for (const m of members) size[m] = members.length;
  }
  const out: Array<[number, number]> = [];
  for (let n = 1; n <= nodes; n += 1) if (size[n] > 1) out.push([n, label[n]]);
  return out;
}

describe('componentLabels (cross-body clusters)', () => {
  it('labels each node of a component of two or more with its smallest node, leaving singletons out', () => {
    expect(componentLabels(6, [[2, 5], [5, 3], [6, 4]])).toEqual([[2, 2], [3, 2], [4, 4], [5, 2], [6, 4]]);
  });

  it('ignores self-links and repeated or reversed edges', () => {
    expect(componentLabels(3, [[1, 1], [3, 3], [2, 3], [3, 2], [2, 3]])).toEqual([[2, 2], [3, 2]]);
  });

  it('handles no nodes and no edges', () => {
    expect(componentLabels(0, [])).toEqual([]);
    expect(componentLabels(4, [])).toEqual([]);
  });

  it('takes the smallest node when a link joins two components (either way round)', () => {
    const sets = new DisjointSets(8);
    for (const [a, b] of [[7, 8], [6, 7], [2, 4], [4, 5]] as const) sets.union(a, b);
    expect([sets.smallestOf(8), sets.smallestOf(5)]).toEqual([6, 2]);
    sets.union(8, 5);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => sets.smallestOf(n))).toEqual([1, 2, 3, 2, 2, 2, 2, 2]);
    expect(sets.sizeOf(6)).toBe(6);
  });

  it('is linear on a long chain (no recursion, no quadratic walk)', () => {
    const nodes = 1_000_000;
    const edges: Array<[number, number]> = [];
    for (let n = nodes; n > 1; n -= 1) edges.push([n, n - 1]);
    const started = performance.now();
    const labels = componentLabels(nodes, edges);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(labels).toHaveLength(nodes);
    expect(labels.every(([, label]) => label === 1)).toBe(true);
  });

  it('matches breadth-first search on random graphs', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 200; round += 1) {
      const nodes = 1 + Math.floor(random() * 60);
      const edges: Array<[number, number]> = Array.from({ length: Math.floor(random() * nodes * 1.2) }, () => [
        1 + Math.floor(random() * nodes),
        1 + Math.floor(random() * nodes),
      ]);
      expect(componentLabels(nodes, edges)).toEqual(reference(nodes, edges));
    }
  });

  it('rejects node numbers outside 1..nodes', () => {
    expect(() => componentLabels(3, [[1, 4]])).toThrow(RangeError);
    expect(() => new DisjointSets(-1)).toThrow(RangeError);
  });
});
