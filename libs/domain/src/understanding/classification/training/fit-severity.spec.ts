import { SEVERITIES } from '../../../model/taxonomy';
import { predictSeverityIndex, SEVERITY_FEATURES } from '../runtime/severity-features';
import { fitSeverityStacker } from './fit-severity';

/** A feature row whose only signal is feature `f` (the others are noise around zero). */
function rowWith(f: number, value: number, k: number): Float64Array {
  const x = Float64Array.from({ length: SEVERITY_FEATURES }, (_, i) => (i === 0 ? 1 : Math.sin(k * (i + 3)) * 0.1));
  x[f] = value;
  return x;
}

describe('severity stacker', () => {
  it('learns which signal marks which level, deterministically', () => {
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    for (let k = 0; k < 400; k += 1) {
      const level = k % 4;
      // Level 3 (serious) carries feature 5, level 2 feature 6, level 1 feature 7; level 0 none.
      rows.push(rowWith(8 - level, level === 0 ? 0 : 1, k));
      labels.push(level);
    }
    const a = fitSeverityStacker(rows, labels);
    const b = fitSeverityStacker(rows, labels);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const predicted = [5, 6, 7].map((f) => SEVERITIES[predictSeverityIndex(a, rowWith(f, 1, 9999))]);
    expect(predicted).toEqual(['serious', 'high', 'medium']);
    expect(SEVERITIES[predictSeverityIndex(a, rowWith(5, 0, 9999))]).toBe('low');
  });
});
