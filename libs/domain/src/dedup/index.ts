export { normaliseForDedup, exactContentHash, EMPTY_CONTENT_HASH } from './normalise';
export { wordShingles, toShingleSet, DEFAULT_SHINGLE_SIZE, type ShingleSet } from './shingles';
export {
  minhashSignature,
  estimateJaccard,
  jaccard,
  DEFAULT_NUM_HASHES,
  DEFAULT_MINHASH_SEED,
  type MinHashSignature,
} from './minhash';
export {
  lshBands,
  lshCandidateProbability,
  sharesBand,
  DEFAULT_LSH_BANDS,
  DEFAULT_LSH_ROWS,
  WORD_LSH_BANDS,
  WORD_LSH_ROWS,
  WORD_LSH_FIRST_BAND,
  MIN_SHARED_WORD_BANDS,
  bandCandidates,
  bandsQualify,
  bandIndexOf,
  isWordBand,
} from './lsh';
export { signatureToBuffer, signatureFromBuffer, shinglesToBuffer, shinglesFromBuffer } from './serialise';
export { complainantHash, complainantKey, hashComplainantId, parseComplainantId, COMPLAINANT_SCHEMES } from './complainant-hash';
export type { ComplainantId, ComplainantIdParse, ComplainantScheme } from './complainant-hash';
export { dedupFingerprint, wordBands, DEDUP_SIGNATURE_VERSION, type DedupFingerprint } from './fingerprint';
export { contentWords, contentWordSet, lightStem, wordOverlap, type WordOverlap } from './content-words';
export { composeStoredSet, splitStoredSet, isVersion2, type SplitSet } from './stored-set';
export { pairSignals, nearDuplicateScore, NEAR_RULE, type PairSignals, type NearRule } from './similarity';
export {
  decideDuplicate,
  similarityOf,
  pairKey,
  DEFAULT_DEDUP_OPTIONS,
  type DedupRecord,
  type DedupCandidate,
  type DedupStatus,
  type DedupOptions,
  type DedupDecision,
  type OriginalDecision,
  type DuplicateDecision,
  type DuplicateRule,
  type RelatedRule,
  type RelatedLink,
} from './decide-duplicate';
export { decideBatch, type BatchSubject, type StoredCandidate } from './decide-batch';
