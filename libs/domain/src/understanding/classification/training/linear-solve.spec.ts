import { solveLinearSystem } from './linear-solve';

describe('solveLinearSystem', () => {
  it('solves a system that needs pivoting', () => {
    // 0·x + 2y = 4; 3x + y = 5  →  x = 1, y = 2
    const [x, y] = solveLinearSystem([[0, 2], [3, 1]], [4, 5]);
    expect(x).toBeCloseTo(1, 12);
    expect(y).toBeCloseTo(2, 12);
  });

  it('accepts typed arrays', () => {
    const solution = solveLinearSystem([Float64Array.of(2, 0, 0), Float64Array.of(0, 4, 0), Float64Array.of(0, 0, 8)], Float64Array.of(2, 2, 2));
    expect(solution).toEqual([1, 0.5, 0.25]);
  });
});
