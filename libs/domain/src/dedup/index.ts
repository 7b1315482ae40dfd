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
export { lshBands, lshCandidateProbability, sharesBand, DEFAULT_LSH_BANDS, DEFAULT_LSH_ROWS } from './lsh';
export { signatureToBuffer, signatureFromBuffer, shinglesToBuffer, shinglesFromBuffer } from './serialise';
export { complainantHash, normaliseComplainantId } from './complainant-hash';
export { dedupFingerprint, DEDUP_SIGNATURE_VERSION, type DedupFingerprint } from './fingerprint';
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
