import { SEVERITIES } from '../../../model/taxonomy';
import { sigmoid } from '../runtime/logistic-regression';
import { SEVERITY_FEATURES, standardise, type SeverityStacker } from '../runtime/severity-features';
import { solveLinearSystem } from './linear-solve';

const NEWTON_STEPS = 10;
/** Keeps the weights finite when a signal separates a level perfectly (e.g. "died" → serious). */
const RIDGE = 1;

/**
 * One logistic regression per severity level (one against the rest) over standardised
 * features, fitted by Newton's method: exact, deterministic, and ~0.1 s for thousands of
 * examples, since each has only SEVERITY_FEATURES parameters. Fitted on out-of-fold n-gram
 * logits, so it learns how far that model can be trusted on unseen text.
 */
export function fitSeverityStacker(raw: readonly Float64Array[], labels: readonly number[]): SeverityStacker {
  const { mean, scale } = moments(raw);
  const rows = raw.map((x) => standardise({ mean, scale }, Float64Array.from(x)));
  const weights = new Float64Array(SEVERITIES.length * SEVERITY_FEATURES);
  for (let s = 0; s < SEVERITIES.length; s += 1) {
    const beta = newtonLogistic(rows, labels.map((label) => (label === s ? 1 : 0)));
    weights.set(beta, s * SEVERITY_FEATURES);
  }
  return { weights, mean, scale };
}

function newtonLogistic(rows: readonly Float64Array[], targets: readonly number[]): Float64Array {
  const n = SEVERITY_FEATURES;
  const beta = new Float64Array(n);
  for (let step = 0; step < NEWTON_STEPS; step += 1) {
    const gradient = new Array<number>(n).fill(0);
    const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let k = 0; k < rows.length; k += 1) {
      const x = rows[k];
      let z = 0;
      for (let f = 0; f < n; f += 1) z += x[f] * beta[f];
      const p = sigmoid(z);
      const w = p * (1 - p);
      for (let i = 0; i < n; i += 1) {
        gradient[i] += (p - targets[k]) * x[i];
        for (let j = 0; j < n; j += 1) hessian[i][j] += w * x[i] * x[j];
      }
    }
    for (let f = 1; f < n; f += 1) {
      gradient[f] += RIDGE * beta[f];
      hessian[f][f] += RIDGE;
    }
    hessian[0][0] += 1e-6;
    const delta = solveLinearSystem(hessian, gradient);
    for (let f = 0; f < n; f += 1) beta[f] -= delta[f];
  }
  return beta;
}

function moments(rows: readonly Float64Array[]): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(SEVERITY_FEATURES);
  const scale = new Float64Array(SEVERITY_FEATURES).fill(1);
  for (let f = 1; f < SEVERITY_FEATURES; f += 1) {
    let sum = 0;
    for (const x of rows) sum += x[f];
    mean[f] = sum / rows.length;
    let variance = 0;
    for (const x of rows) variance += (x[f] - mean[f]) ** 2;
    scale[f] = Math.sqrt(variance / rows.length) + 1e-6;
  }
  return { mean, scale };
}
