import DEFAULT_CLUSTER_FILE from './word-clusters.json';

/**
 * Stem → word-cluster id, from pretrained word vectors clustered at build time
 * (`scripts/build-word-clusters.ts`; the vectors themselves are never loaded at run time).
 * Stems of words that are used alike share a cluster ("rude", "arrogant", "insulting"), so a
 * synonym the corpus never used still lands on a feature the model has weights for.
 */
export interface WordClusterFile {
  /** One entry per cluster (its index is the cluster id): its stems, space-separated. */
  readonly stems: readonly string[];
}

export class WordClusters {
  private readonly clusterOf: ReadonlyMap<string, number>;

  constructor(file: WordClusterFile) {
    const clusterOf = new Map<string, number>();
    file.stems.forEach((line, cluster) => {
      for (const stem of line.split(' ')) if (stem !== '' && !clusterOf.has(stem)) clusterOf.set(stem, cluster);
    });
    this.clusterOf = clusterOf;
    this.count = file.stems.length;
  }

  /** Number of clusters: ids are 0 … count − 1. */
  readonly count: number;

  get stems(): number {
    return this.clusterOf.size;
  }

  /** The cluster of a classifier stem (see `text/tokenise.ts`), or -1 if it has none. */
  of(stem: string): number {
    return this.clusterOf.get(stem) ?? -1;
  }
}

/**
 * The committed clusters (`word-clusters.json`: 19,529 stems, 1,500 clusters, ~2 MB RSS once
 * loaded). Not used by the `clf-1.4.0` classifier: see "Tried in clf-1.5.0 work: word clusters"
 * in docs/classifier.md. Loaded only by modules that import this one.
 */
export const WORD_CLUSTERS = new WordClusters(DEFAULT_CLUSTER_FILE);
