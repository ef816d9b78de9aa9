/**
 * Dense Cholesky factor and triangular solves for the Gaussian process. Hand-written on purpose:
 * the matrices hold at most a few hundred trials, so O(n³) plain loops take milliseconds and
 * spare Kiln a numerical dependency in its pure core.
 */

/**
 * Lower-triangular L with L·Lᵀ = A (row-major arrays), or null when A is not positive definite.
 *
 * cholesky([[4, 2], [2, 2]]) // → [[2, 0], [1, 1]]
 */
export function cholesky(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  return l;
}

/**
 * Solves L·x = b for lower-triangular L (forward substitution).
 *
 * solveLower([[2, 0], [1, 1]], [2, 3]) // → [1, 2]
 */
export function solveLower(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const x = new Array<number>(b.length);
  for (let i = 0; i < b.length; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i][k] * x[k];
    x[i] = sum / l[i][i];
  }
  return x;
}

/**
 * Solves Lᵀ·x = b for lower-triangular L (back substitution).
 *
 * solveUpperTransposed([[2, 0], [1, 1]], [4, 2]) // → [1, 2]
 */
export function solveUpperTransposed(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= l[k][i] * x[k];
    x[i] = sum / l[i][i];
  }
  return x;
}
