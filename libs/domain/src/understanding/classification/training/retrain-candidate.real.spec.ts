import { join } from 'node:path';
import { toArtefact } from '../runtime/classifier-artefact';
import { loadCorpusFile, trainingCorpus } from './corpus';
import { parametersHash, trainCandidate } from './retrain-candidate';
import { createDefaultClassifier } from './train-classifier';

/** The real corpus, once (~20 s): with no reviews, retraining rebuilds exactly the shipped model and its published figures. */
describe('trainCandidate on the shipped corpus', () => {
  jest.setTimeout(180_000);

  it('reproduces the built-in model and its documented figures when there are no reviews', () => {
    const independent = loadCorpusFile(join(__dirname, '..', '..', '..', '..', '..', '..', 'eval', 'independent-themes.jsonl'));
    const candidate = trainCandidate({ corpus: trainingCorpus(), reviews: [], independent });
    expect(candidate.artefactHash).toBe(parametersHash(toArtefact(createDefaultClassifier())));
    expect(candidate.counts).toEqual({ corpus: 4139, reviewsTrained: 0, reviewsHeldOut: 0, corpusHeldOut: 838, independent: 310 });
    // docs/classifier.md §4, clf-1.5.0: independent micro-F1 0.737, held-out (all) 0.747.
    expect(candidate.evaluation.independent.microF1).toBeCloseTo(0.737, 3);
    expect(candidate.evaluation.heldOut.microF1).toBeCloseTo(0.747, 3);
    expect(candidate.evaluation.reviews.n).toBe(0);
  });
});
