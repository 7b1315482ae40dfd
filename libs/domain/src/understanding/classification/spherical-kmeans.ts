import { seededRandom } from '../../model/seeded-random';

/**
 * Spherical k-means (cosine similarity to unit-length centroids) with k-means++ seeding from a
 * seeded PRNG; ties go to the lowest index, so the same input always gives the same clusters.
 * Used at build time only, by `scripts/build-word-clusters.ts`; nothing calls it at run time.
 */
export interface KMeansOptions {
  readonly clusters: number;
  readonly seed: number;
  /** Upper bound; stops earlier when no point changes cluster. */
  readonly iterations: number;
  readonly log?: (line: string) => void;
}

function dot(a: Float64Array, i: number, b: Float64Array, j: number, dimensions: number): number {
  let s = 0;
  const ai = i * dimensions;
  const bj = j * dimensions;
  for (let d = 0; d < dimensions; d += 1) s += a[ai + d] * b[bj + d];
  return s;
}

/**
 * `vectors`: n rows of `dimensions` values, row-major, each of unit length.
 * Returns each row's cluster (0 … clusters − 1). An emptied cluster is re-seeded with the row
 * farthest from its centroid (so a cluster can only stay empty if the iteration limit hits first).
 */
export function sphericalKMeans(vectors: Float64Array, dimensions: number, options: KMeansOptions): Int32Array {
  const n = Math.floor(vectors.length / dimensions);
  const k = options.clusters;
  if (k < 1 || k > n) throw new Error(`sphericalKMeans: ${k} clusters for ${n} points`);
  const random = seededRandom(options.seed);
  const centroids = new Float64Array(k * dimensions);
  const copy = (point: number, c: number): void => centroids.set(vectors.subarray(point * dimensions, (point + 1) * dimensions), c * dimensions);
  // k-means++ on the cosine distance 1 − cos.
  copy(Math.floor(random() * n), 0);
  const nearest = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c += 1) {
    let total = 0;
    for (let i = 0; i < n; i += 1) {
      const distance = Math.max(0, 1 - dot(vectors, i, centroids, c - 1, dimensions));
      if (distance < nearest[i]) nearest[i] = distance;
      total += nearest[i] * nearest[i];
    }
    let target = random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i += 1) {
      target -= nearest[i] * nearest[i];
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    copy(pick, c);
  }
  const assignment = new Int32Array(n).fill(-1);
  const similarity = new Float64Array(n);
  for (let iteration = 0; iteration < options.iterations; iteration += 1) {
    let changed = 0;
    for (let i = 0; i < n; i += 1) {
      let best = 0;
      let bestSimilarity = -Infinity;
      for (let c = 0; c < k; c += 1) {
        const s = dot(vectors, i, centroids, c, dimensions);
        if (s > bestSimilarity) {
          bestSimilarity = s;
          best = c;
        }
      }
      similarity[i] = bestSimilarity;
      if (assignment[i] !== best) changed += 1;
      assignment[i] = best;
    }
    centroids.fill(0);
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i += 1) {
      const c = assignment[i];
      sizes[c] += 1;
      for (let d = 0; d < dimensions; d += 1) centroids[c * dimensions + d] += vectors[i * dimensions + d];
    }
    // An empty cluster takes the point worst served by its own centroid.
    for (let c = 0; c < k; c += 1) {
      if (sizes[c] > 0) continue;
      let worst = 0;
      for (let i = 1; i < n; i += 1) if (similarity[i] < similarity[worst]) worst = i;
      similarity[worst] = Infinity;
      copy(worst, c);
      changed += 1;
    }
    for (let c = 0; c < k; c += 1) {
      let norm = 0;
      for (let d = 0; d < dimensions; d += 1) norm += centroids[c * dimensions + d] ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let d = 0; d < dimensions; d += 1) centroids[c * dimensions + d] *= scale;
    }
    let sum = 0;
    for (let i = 0; i < n; i += 1) if (Number.isFinite(similarity[i])) sum += similarity[i];
    options.log?.(`iteration ${iteration + 1}: ${changed} reassigned, mean cosine to centroid ${(sum / n).toFixed(4)}`);
    if (changed === 0) break;
  }
  return assignment;
}
