import { sigmoid } from './logistic-regression';

/**
 * Per-theme stacking of the two signals, learnt rather than hand-set:
 * z = a·modelLogit + b·lexiconSupport + c·lexiconDenied + d.
 *
 * It is fitted on OUT-OF-FOLD model logits, so `a` reflects how far the n-gram model can
 * be trusted on text it has not seen, and `b` how far the lexicon can.
 */
export interface CombinerWeights {
  readonly model: number;
  readonly support: number;
  readonly denied: number;
  readonly bias: number;
}

export interface CombinerSample {
  readonly modelLogit: number;
  readonly support: number;
  readonly denied: number;
  readonly label: 0 | 1;
}

/**
 * Floors and ceilings that keep the combination sane when a theme has few examples:
 * the lexicon always counts for something, and a denied phrase ("no delay") always
 * argues against its theme.
 */
const MIN_MODEL = 0.2;
const MIN_SUPPORT = 0.5;
const MAX_DENIED = -3;
/** Strong enough to keep weights finite when a theme's lexicon separates the corpus perfectly. */
const RIDGE = 2;
const NEWTON_STEPS = 30;
/** Damped Newton: no parameter moves more than this per step, so the fit cannot blow up. */
const MAX_STEP = 2;

export function combine(w: CombinerWeights, modelLogit: number, support: number, denied: number): number {
  return sigmoid(w.model * modelLogit + w.support * support + w.denied * denied + w.bias);
}

/** Logistic regression with 4 parameters, fitted by Newton's method (exact, deterministic). */
export function fitCombiner(samples: readonly CombinerSample[], positiveWeight: number): CombinerWeights {
  const beta = [0.5, 0.5, -1, -2];
  for (let step = 0; step < NEWTON_STEPS; step += 1) {
    const gradient = [0, 0, 0, 0];
    const hessian = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
    for (const s of samples) {
      const x = [s.modelLogit, s.support, s.denied, 1];
      const p = sigmoid(x[0] * beta[0] + x[1] * beta[1] + x[2] * beta[2] + x[3] * beta[3]);
      const weight = s.label === 1 ? positiveWeight : 1;
      for (let i = 0; i < 4; i += 1) {
        gradient[i] += weight * (p - s.label) * x[i];
        for (let j = 0; j < 4; j += 1) hessian[i][j] += weight * p * (1 - p) * x[i] * x[j];
      }
    }
    for (let i = 0; i < 3; i += 1) {
      gradient[i] += RIDGE * beta[i];
      hessian[i][i] += RIDGE;
    }
    hessian[3][3] += 1e-6;
    const delta = solve4(hessian, gradient);
    for (let i = 0; i < 4; i += 1) beta[i] -= Math.max(-MAX_STEP, Math.min(MAX_STEP, delta[i]));
  }
  return {
    model: Math.max(beta[0], MIN_MODEL),
    support: Math.max(beta[1], MIN_SUPPORT),
    denied: Math.min(beta[2], MAX_DENIED),
    bias: beta[3],
  };
}

/** Gaussian elimination with partial pivoting for the 4×4 Newton system. */
function solve4(matrix: number[][], vector: number[]): number[] {
  const a = matrix.map((row, i) => [...row, vector[i]]);
  const n = 4;
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const diagonal = a[col][col] === 0 ? 1e-12 : a[col][col];
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const factor = a[r][col] / diagonal;
      for (let c = col; c <= n; c += 1) a[r][c] -= factor * a[col][c];
    }
  }
  return a.map((row, i) => row[n] / (a[i][i] === 0 ? 1e-12 : a[i][i]));
}
