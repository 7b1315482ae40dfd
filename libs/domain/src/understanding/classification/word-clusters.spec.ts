import { statSync } from 'node:fs';
import { join } from 'node:path';
import { tokenise } from '../text/tokenise';
import { seededRandom } from '../../model/seeded-random';
import { sphericalKMeans } from './spherical-kmeans';
import { WORD_CLUSTERS, WordClusters } from './word-clusters';

function stemOf(word: string): string {
  return tokenise(word, { keepStopWords: false })[0].stem;
}

describe('word clusters (committed word-clusters.json)', () => {
  it('is compact and lists every stem once', () => {
    expect(statSync(join(__dirname, 'word-clusters.json')).size).toBeLessThan(1_000_000);
    expect(WORD_CLUSTERS.count).toBeGreaterThanOrEqual(300);
    expect(WORD_CLUSTERS.stems).toBeGreaterThan(15_000);
  });

  it.each([
    ['landlord', 'tenant'],
    ['racist', 'racism'],
    ['rude', 'bullying'],
    ['delay', 'postpone'],
    ['doctor', 'physician'],
    ['pupil', 'student'],
  ])('puts %s and %s in one cluster', (a, b) => {
    const cluster = WORD_CLUSTERS.of(stemOf(a));
    expect(cluster).toBeGreaterThanOrEqual(0);
    expect(WORD_CLUSTERS.of(stemOf(b))).toBe(cluster);
  });

  it('reads a cluster file: the line is the cluster id', () => {
    const clusters = new WordClusters({ stems: ['rude arrog insult', 'delay postpon'] });
    expect(clusters.count).toBe(2);
    expect(clusters.of(stemOf('arrogant'))).toBe(clusters.of(stemOf('rude')));
    expect(clusters.of(stemOf('postponed'))).toBe(1);
    expect(clusters.of('care')).toBe(-1);
  });

  it('keeps unrelated words apart and knows nothing of placeholders or made-up words', () => {
    expect(WORD_CLUSTERS.of(stemOf('landlord'))).not.toBe(WORD_CLUSTERS.of(stemOf('physician')));
    expect(WORD_CLUSTERS.of('[name]')).toBe(-1);
    expect(WORD_CLUSTERS.of('#num')).toBe(-1);
    expect(WORD_CLUSTERS.of('zzqxv')).toBe(-1);
  });
});

describe('sphericalKMeans (build time)', () => {
  /** Two obvious groups of unit vectors around (1, 0, 0) and (0, 1, 0), plus noise. */
  function points(n: number): Float64Array {
    const random = seededRandom(3);
    const out = new Float64Array(n * 3);
    for (let i = 0; i < n; i += 1) {
      const v = i % 2 === 0 ? [1, 0.1 * random(), 0.1 * random()] : [0.1 * random(), 1, 0.1 * random()];
      const norm = Math.hypot(...v);
      v.forEach((x, d) => (out[i * 3 + d] = x / norm));
    }
    return out;
  }

  it('separates the groups and is deterministic for a seed', () => {
    const data = points(40);
    const first = sphericalKMeans(data, 3, { clusters: 2, seed: 11, iterations: 20 });
    const second = sphericalKMeans(data, 3, { clusters: 2, seed: 11, iterations: 20 });
    expect([...second]).toEqual([...first]);
    for (let i = 0; i < 40; i += 1) expect(first[i] === first[0]).toBe(i % 2 === 0);
  });
});
