/**
 * Union-find over nodes numbered 1..size, for the learning rollup's cross-body clusters.
 * Union by size with path halving: near-linear in nodes + edges, memory three Int32Arrays.
 * Each set also keeps its smallest node number, so the rollup can number nodes in id order
 * and read a cluster's smallest id (its id) straight off.
 */
export class DisjointSets {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  private readonly smallest: Int32Array;

  constructor(readonly nodes: number) {
    if (!Number.isInteger(nodes) || nodes < 0) throw new RangeError(`nodes must be a non-negative integer, not ${nodes}`);
    this.parent = new Int32Array(nodes + 1);
    this.size = new Int32Array(nodes + 1).fill(1);
    this.smallest = new Int32Array(nodes + 1);
    for (let n = 0; n <= nodes; n += 1) {
      this.parent[n] = n;
      this.smallest[n] = n;
    }
  }

  /** Joins the sets of `a` and `b` (1..nodes). */
  union(a: number, b: number): void {
    let x = this.find(a);
    let y = this.find(b);
    if (x === y) return;
    if (this.size[x] < this.size[y]) [x, y] = [y, x];
    this.parent[y] = x;
    this.size[x] += this.size[y];
    if (this.smallest[y] < this.smallest[x]) this.smallest[x] = this.smallest[y];
  }

  /** The smallest node of `n`'s set. */
  smallestOf(n: number): number {
    return this.smallest[this.find(n)];
  }

  /** How many nodes `n`'s set has. */
  sizeOf(n: number): number {
    return this.size[this.find(n)];
  }

  private find(n: number): number {
    if (!(n >= 1 && n <= this.nodes)) throw new RangeError(`node ${n} is outside 1..${this.nodes}`);
    let x = n;
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
}

/**
 * Connected components of nodes 1..nodes: for every node in a component of two or more,
 * [node, smallest node of its component], in node order. Singletons are left out.
 */
export function componentLabels(nodes: number, edges: Iterable<readonly [number, number]>): Array<[number, number]> {
  const sets = new DisjointSets(nodes);
  for (const [a, b] of edges) sets.union(a, b);
  const labels: Array<[number, number]> = [];
  for (let n = 1; n <= nodes; n += 1) if (sets.sizeOf(n) > 1) labels.push([n, sets.smallestOf(n)]);
  return labels;
}
