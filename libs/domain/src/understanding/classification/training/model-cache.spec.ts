import { fromArtefact, toArtefact } from '../runtime/classifier-artefact';
import { trainingCorpus } from './corpus';
import { cachedClassifier } from './model-cache';
import { createDefaultClassifier, trainClassifier } from './train-classifier';

const SAMPLES = [
  'My father was sent home at night without his tablets and nobody told us. The trust took four months to answer my complaint.',
  'The council has not repaired the damp in my flat for a year and my son has asthma.',
  'The assessor was rude and my PIP was stopped without any reason given.',
];

describe('classifier artefact and model cache', () => {
  it('an artefact, through JSON, answers exactly as the classifier it was taken from', () => {
    const trained = trainClassifier(trainingCorpus().filter((_, i) => i % 8 === 0));
    const loaded = fromArtefact(JSON.parse(JSON.stringify(toArtefact(trained))));
    for (const summary of SAMPLES) {
      expect(Array.from(loaded.scoreThemes({ summary }))).toEqual(Array.from(trained.scoreThemes({ summary })));
      expect(loaded.classify({ summary })).toEqual(trained.classify({ summary }));
    }
  });

  it('refuses an artefact of another classifier version', () => {
    const artefact = { ...toArtefact(trainClassifier(trainingCorpus().filter((_, i) => i % 20 === 0))), version: 'clf-0.0.1' };
    expect(() => fromArtefact(artefact)).toThrow('classifier artefact is clf-0.0.1');
  });

  it('trains at most once for an unchanged tree, then loads the same model', () => {
    const model = createDefaultClassifier();
    const train = jest.fn(() => model);
    const first = cachedClassifier(train);
    const second = cachedClassifier(train);
    expect(train.mock.calls.length).toBeLessThanOrEqual(1);
    expect(second.classify({ summary: SAMPLES[0] })).toEqual(model.classify({ summary: SAMPLES[0] }));
    expect(first.classify({ summary: SAMPLES[1] })).toEqual(second.classify({ summary: SAMPLES[1] }));
  });
});
