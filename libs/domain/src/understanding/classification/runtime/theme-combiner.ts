import { solveLinearSystem } from '../training/linear-solve';
import { sigmoid } from './logistic-regression';

/**
 * Per-theme stacking of the signals, learnt rather than hand-set:
 * z = a·modelLogit + b·topicSupport + c·problemSupport + d·denied + e·rival + bias.
 *
 * - `topicSupport`: lexicon phrases that name the subject ("care home", "school"). A service
 *   that is merely mentioned is not what the complaint is about, so per theme the combiner
 *   learns how far a mention can be trusted.
 * - `problemSupport`: phrases that assert something went wrong ("rude", "misdiagnosed").
 * - `denied`: problem phrases under a negation ("no delay").
 * - `rival`: the strongest problem support of any OTHER theme. When the text clearly says
 *   what went wrong elsewhere ("the care home breached her privacy"), a theme that is only
 *   mentioned is less likely to be the subject.
 *
 * Fitted on OUT-OF-FOLD model logits, so `a` reflects how far the n-gram model can be
 * trusted on text it has not seen. One shared fit over all themes first (stable), then one
 * fit per theme shrunk towards it (a theme with ~40 positives cannot stand alone).
 */
export interface CombinerWeights {
  readonly model: number;
  readonly topic: number;
  readonly problem: number;
  readonly denied: number;
  readonly rival: number;
  readonly bias: number;
}

export interface CombinerSample {
  readonly modelLogit: number;
  readonly topic: number;
  readonly problem: number;
  readonly denied: number;
  readonly rival: number;
  readonly label: 0 | 1;
}

/**
 * Floors and ceilings that keep the combination sane when a theme has few examples:
 * the lexicon always counts for something, and a denied phrase ("no delay") always
 * argues against its theme.
 */
const MIN_MODEL = 0.2;
const MIN_TOPIC = 0.3;
const MIN_PROBLEM = 0.5;
const MAX_DENIED = -3;
const MAX_RIVAL = 0;
/** Strong enough to keep weights finite when a theme's lexicon separates the corpus perfectly. */
const RIDGE = 2;
const NEWTON_STEPS = 30;
/** Damped Newton: no parameter moves more than this per step, so the fit cannot blow up. */
const MAX_STEP = 2;
const DIMENSIONS = 6;
const START: readonly number[] = [0.5, 0.5, 0.5, -1, 0, -2];

export function combine(w: CombinerWeights, modelLogit: number, topic: number, problem: number, denied: number, rival: number): number {
  return sigmoid(w.model * modelLogit + w.topic * topic + w.problem * problem + w.denied * denied + w.rival * rival + w.bias);
}

function features(s: CombinerSample): number[] {
  return [s.modelLogit, s.topic, s.problem, s.denied, s.rival, 1];
}

/**
 * Logistic regression with 6 parameters, fitted by Newton's method (exact, deterministic).
 * The ridge pulls towards `prior` (zero for the shared fit, the shared weights for a theme).
 */
export function fitCombiner(samples: readonly CombinerSample[], positiveWeight: number, prior?: CombinerWeights, ridge = RIDGE): CombinerWeights {
  const centre = prior === undefined ? [0, 0, 0, 0, 0, 0] : toArray(prior);
  const beta = prior === undefined ? [...START] : toArray(prior);
  for (let step = 0; step < NEWTON_STEPS; step += 1) {
    const gradient = new Array<number>(DIMENSIONS).fill(0);
    const hessian = Array.from({ length: DIMENSIONS }, () => new Array<number>(DIMENSIONS).fill(0));
    for (const s of samples) {
      const x = features(s);
      let z = 0;
      for (let i = 0; i < DIMENSIONS; i += 1) z += x[i] * beta[i];
      const p = sigmoid(z);
      const weight = s.label === 1 ? positiveWeight : 1;
      for (let i = 0; i < DIMENSIONS; i += 1) {
        gradient[i] += weight * (p - s.label) * x[i];
        for (let j = 0; j < DIMENSIONS; j += 1) hessian[i][j] += weight * p * (1 - p) * x[i] * x[j];
      }
    }
    // The bias is only lightly tied to the prior; the slopes are held close to it.
    for (let i = 0; i < DIMENSIONS; i += 1) {
      const strength = i === DIMENSIONS - 1 ? (prior === undefined ? 1e-6 : ridge / 4) : ridge;
      gradient[i] += strength * (beta[i] - centre[i]);
      hessian[i][i] += strength;
    }
    const delta = solveLinearSystem(hessian, gradient);
    for (let i = 0; i < DIMENSIONS; i += 1) beta[i] -= Math.max(-MAX_STEP, Math.min(MAX_STEP, delta[i]));
  }
  return {
    model: Math.max(beta[0], MIN_MODEL),
    topic: Math.max(beta[1], MIN_TOPIC),
    problem: Math.max(beta[2], MIN_PROBLEM),
    denied: Math.min(beta[3], MAX_DENIED),
    rival: Math.min(beta[4], MAX_RIVAL),
    bias: beta[5],
  };
}

function toArray(w: CombinerWeights): number[] {
  return [w.model, w.topic, w.problem, w.denied, w.rival, w.bias];
}

