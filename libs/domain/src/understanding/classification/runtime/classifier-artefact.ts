import { Classifier, CLASSIFIER_VERSION, type TrainedParts } from './classifier';
import { FeatureSpace } from './feature-space';
import type { LinearModel } from './logistic-regression';

/**
 * A trained classifier as plain JSON (numbers as base64 of their Float64 bytes), so a
 * process can load in milliseconds what takes seconds to train. Loading it gives a
 * classifier that answers exactly as the one it was taken from.
 */
export interface ClassifierArtefact {
  /** The code version that made it (CLASSIFIER_VERSION): the features and scoring it assumes. */
  readonly version: string;
  /** A retrained model's own version; absent for the built-in model. */
  readonly modelVersion?: string;
  readonly space: { stems: string[]; keys: number[]; idf: string };
  readonly themeModel: SerialisedModel;
  readonly combiners: TrainedParts['combiners'];
  readonly thresholds: string;
  readonly severityModel: SerialisedModel;
  readonly severityStacker: { weights: string; mean: string; scale: string };
}

interface SerialisedModel {
  outputs: number;
  dimensions: number;
  weights: string;
  bias: string;
}

const encode = (values: Float64Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');

function decode(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  // Copy into an aligned buffer: a Buffer's offset in its pool need not be a multiple of 8.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

const encodeModel = (m: LinearModel): SerialisedModel => ({ outputs: m.outputs, dimensions: m.dimensions, weights: encode(m.weights), bias: encode(m.bias) });
const decodeModel = (m: SerialisedModel): LinearModel => ({ outputs: m.outputs, dimensions: m.dimensions, weights: decode(m.weights), bias: decode(m.bias) });

export function toArtefact(classifier: Classifier): ClassifierArtefact {
  const { space, themeModel, combiners, thresholds, severityModel, severityStacker } = classifier.parts;
  const spaceParts = space.toParts();
  return {
    version: CLASSIFIER_VERSION,
    ...(classifier.version === CLASSIFIER_VERSION ? {} : { modelVersion: classifier.version }),
    space: { stems: [...spaceParts.stems], keys: [...spaceParts.keys], idf: encode(spaceParts.idf) },
    themeModel: encodeModel(themeModel),
    combiners,
    thresholds: encode(thresholds.perTheme),
    severityModel: encodeModel(severityModel),
    severityStacker: { weights: encode(severityStacker.weights), mean: encode(severityStacker.mean), scale: encode(severityStacker.scale) },
  };
}

/** Throws when the artefact was made by another classifier version. */
export function fromArtefact(artefact: ClassifierArtefact): Classifier {
  if (artefact.version !== CLASSIFIER_VERSION) throw new Error(`classifier artefact is ${artefact.version}, this code is ${CLASSIFIER_VERSION}`);
  return new Classifier(
    {
      space: FeatureSpace.fromParts({ stems: artefact.space.stems, keys: artefact.space.keys, idf: decode(artefact.space.idf) }),
      themeModel: decodeModel(artefact.themeModel),
      combiners: artefact.combiners,
      thresholds: { perTheme: decode(artefact.thresholds) },
      severityModel: decodeModel(artefact.severityModel),
      severityStacker: { weights: decode(artefact.severityStacker.weights), mean: decode(artefact.severityStacker.mean), scale: decode(artefact.severityStacker.scale) },
    },
    artefact.modelVersion ?? CLASSIFIER_VERSION,
  );
}
