import { seededRandom } from '../../../model/seeded-random';

/**
 * One-vs-rest logistic regression over sparse vectors, trained by SGD with L2 and a
 * seeded shuffle. Small and dependency-free on purpose: ~1,000 examples × ~60 active
 * features train in well under a second, and the same seed always gives the same model.
 */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

export interface TrainingSample {
  readonly x: SparseVector;
  /** One 0/1 label per output. */
  readonly y: Uint8Array;
}

export interface LinearModel {
  readonly outputs: number;
  readonly dimensions: number;
  /** Row-major by feature: weights[f * outputs + k]. Keeps one feature's weights together. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Weight of positive examples relative to negatives: each label is rare (≈5%). */
  readonly positiveWeight: number;
  readonly seed: number;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}


function shuffledOrder(length: number, random: () => number): Int32Array {
  const order = new Int32Array(length);
  for (let i = 0; i < length; i += 1) order[i] = i;
  for (let i = length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

/** Raw scores (logits) for every output, written into `out`. */
export function logits(model: LinearModel, x: SparseVector, out: Float64Array): Float64Array {
  const k = model.outputs;
  for (let o = 0; o < k; o += 1) out[o] = model.bias[o];
  for (let n = 0; n < x.indices.length; n += 1) {
    const base = x.indices[n] * k;
    const v = x.values[n];
    for (let o = 0; o < k; o += 1) out[o] += v * model.weights[base + o];
  }
  return out;
}

export function trainLogisticRegression(samples: readonly TrainingSample[], dimensions: number, outputs: number, options: TrainOptions): LinearModel {
  const model: LinearModel = {
    outputs,
    dimensions,
    weights: new Float64Array(dimensions * outputs),
    bias: new Float64Array(outputs),
  };
  const random = seededRandom(options.seed);
  const z = new Float64Array(outputs);
  const gradient = new Float64Array(outputs);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    // Decaying step: large early moves, then settle.
    const rate = options.learningRate / (1 + epoch * 0.15);
    const order = shuffledOrder(samples.length, random);
    for (const index of order) {
      stepOnSample(model, samples[index], rate, options, z, gradient);
    }
  }
  return model;
}

function stepOnSample(model: LinearModel, sample: TrainingSample, rate: number, options: TrainOptions, z: Float64Array, gradient: Float64Array): void {
  const k = model.outputs;
  logits(model, sample.x, z);
  for (let o = 0; o < k; o += 1) {
    const y = sample.y[o];
    const weight = y === 1 ? options.positiveWeight : 1;
    gradient[o] = (sigmoid(z[o]) - y) * weight;
    model.bias[o] -= rate * gradient[o];
  }
  // L2 only on the features this sample touches (lazy regularisation): keeps a step O(active).
  for (let n = 0; n < sample.x.indices.length; n += 1) {
    const base = sample.x.indices[n] * k;
    const v = sample.x.values[n];
    for (let o = 0; o < k; o += 1) {
      const w = model.weights[base + o];
      model.weights[base + o] = w - rate * (gradient[o] * v + options.l2 * w);
    }
  }
}
