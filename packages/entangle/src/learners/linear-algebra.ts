// Small dense linear algebra in float64 JS, for closed-form least squares (d up to a few thousand).

/**
 * Solves A X = B for symmetric positive-definite A (m×m, row-major) and B (m×k) by Cholesky factorization
 * A = L Lᵀ, then forward and back substitution. Returns X (m×k) or null when A is not positive definite.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, m: number, k: number): Float64Array | null {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j];
      for (let p = 0; p < j; p++) s -= l[i * m + p] * l[j * m + p];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * m + i] = Math.sqrt(s);
      } else l[i * m + j] = s / l[j * m + j];
    }
  }
  const x = new Float64Array(m * k);
  for (let c = 0; c < k; c++) {
    const z = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = b[i * k + c];
      for (let p = 0; p < i; p++) s -= l[i * m + p] * z[p];
      z[i] = s / l[i * m + i];
    }
    for (let i = m - 1; i >= 0; i--) {
      let s = z[i];
      for (let p = i + 1; p < m; p++) s -= l[p * m + i] * x[p * k + c];
      x[i * k + c] = s / l[i * m + i];
    }
  }
  return x;
}
