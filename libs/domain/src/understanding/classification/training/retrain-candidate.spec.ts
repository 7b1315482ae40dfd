import { join } from 'node:path';
import { isReviewHeldOut } from '../../../model-registry';
import { CLASSIFIER_VERSION } from '../runtime/classifier';
import { fromArtefact, toArtefact } from '../runtime/classifier-artefact';
import { loadCorpusFile, type CorpusExample } from './corpus';
import { candidateVersion, parametersHash, splitReviews, trainCandidate, type ReviewedExample } from './retrain-candidate';

// A small slice of the shipped corpus keeps these tests to a second or two; the real corpus is trained once in retrain-candidate.real.spec.ts.
const corpus: CorpusExample[] = loadCorpusFile(join(__dirname, '..', 'data', 'corpus', 'long-multi-theme.jsonl')).slice(0, 80);
const independent: CorpusExample[] = corpus.slice(0, 10);

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const reviews: ReviewedExample[] = Array.from({ length: 20 }, (_, i) => ({
  complaintId: uuid(i),
  summary: `The council left the family without heating for ${i + 2} weeks and nobody answered the repair line.`,
  learning: 'Repairs are now tracked daily.',
  serviceArea: 'Housing repairs',
  themes: ['housing', 'delay'],
  severity: 'high',
}));
const heldOutIds = reviews.map((r) => r.complaintId).filter(isReviewHeldOut);
const trainedIds = reviews.map((r) => r.complaintId).filter((id) => !isReviewHeldOut(id));

describe('trainCandidate', () => {
  const first = trainCandidate({ corpus, reviews, independent });

  it('is deterministic: the same inputs give the same artefact, hash and version, whatever order the reviews come in', () => {
    const second = trainCandidate({ corpus, reviews: [...reviews].reverse(), independent });
    expect(second.artefactHash).toBe(first.artefactHash);
    expect(JSON.stringify(second.artefact)).toBe(JSON.stringify(first.artefact));
    expect(first.classifier.version).toBe(`${CLASSIFIER_VERSION}+r${first.artefactHash.slice(0, 12)}`);
    expect(first.artefactHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never trains on the held-out fifth of the reviews, and trains on the rest', () => {
    expect(heldOutIds.length).toBeGreaterThan(0);
    const relabelHeldOut = reviews.map((r) => (r.complaintId === heldOutIds[0] ? { ...r, themes: ['education-send' as const], severity: 'low' as const } : r));
    expect(trainCandidate({ corpus, reviews: relabelHeldOut, independent }).artefactHash).toBe(first.artefactHash);
    const relabelTrained = reviews.map((r) => (r.complaintId === trainedIds[0] ? { ...r, themes: ['education-send' as const], severity: 'low' as const } : r));
    expect(trainCandidate({ corpus, reviews: relabelTrained, independent }).artefactHash).not.toBe(first.artefactHash);
  });

  it('counts and scores each of the three sets', () => {
    expect(first.counts).toEqual({ corpus: 80, reviewsTrained: trainedIds.length, reviewsHeldOut: heldOutIds.length, corpusHeldOut: expect.any(Number), independent: 10 });
    expect(first.evaluation.reviews.n).toBe(heldOutIds.length);
    expect(first.evaluation.independent.n).toBe(10);
    expect(first.evaluation.heldOut.n).toBe(first.counts.corpusHeldOut);
    // The reviews say housing; a model trained on 16 of them finds it in the other 4.
    expect(first.evaluation.reviews.perTheme.housing?.recall).toBe(1);
  });

  it('stores a model that loads back under its own version and classifies identically', () => {
    const loaded = fromArtefact(JSON.parse(JSON.stringify(first.artefact)));
    expect(loaded.version).toBe(first.classifier.version);
    expect(parametersHash(toArtefact(loaded))).toBe(first.artefactHash);
    const input = { summary: 'The repair line never answered and the boiler stayed broken for a month.' };
    expect(loaded.classify(input)).toEqual(first.classifier.classify(input));
  });
});

describe('splitReviews and candidateVersion', () => {
  it('splits by complaint id, sorted', () => {
    const { trained, heldOut } = splitReviews([...reviews].reverse());
    expect(trained.map((r) => r.complaintId)).toEqual(trainedIds);
    expect(heldOut.map((r) => r.complaintId)).toEqual(heldOutIds);
  });

  it('names the code version and the start of the hash', () => {
    expect(candidateVersion('3fa9c2d41b07aa')).toBe(`${CLASSIFIER_VERSION}+r3fa9c2d41b07`);
  });
});
