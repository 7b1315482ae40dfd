/**
 * Solves A·x = b by Gaussian elimination with partial pivoting: the Newton steps of the small
 * logistic fits (a dozen unknowns) need nothing more. A zero pivot is nudged to 1e-12, so a
 * singular system gives a huge step rather than NaN; the callers' ridge term keeps it away.
 */
export function solveLinearSystem(matrix: ReadonlyArray<ArrayLike<number>>, vector: ArrayLike<number>): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...Array.from(row), vector[i]]);
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
