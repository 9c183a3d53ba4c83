// Eigen-decomposition of a small symmetric matrix in float64 by the cyclic Jacobi method, for ZCA whitening.

export interface SymmetricEigen {
  /** Eigenvalues, in the order of `vectors`' columns (not sorted). */
  values: Float64Array;
  /** Row-major d×d matrix whose columns are orthonormal eigenvectors. */
  vectors: Float64Array;
}

/**
 * Cyclic Jacobi rotations (Jacobi 1846; Golub & Van Loan, Matrix Computations, §8.5; Numerical Recipes §11.1):
 * for each off-diagonal a_pq, θ = (a_qq − a_pp)/(2a_pq), t = sgn(θ)/(|θ| + √(θ² + 1)), c = 1/√(t² + 1), s = t·c,
 * and A ← JᵀAJ, V ← VJ with the rotation J in the (p, q) plane, until the off-diagonal mass is below
 * 1e-24 of the total (or 100 sweeps). `a` is row-major d×d and symmetric; it is not modified.
 */
export function symmetricEigen(a: Float64Array, d: number): SymmetricEigen {
  if (a.length !== d * d) throw new RangeError(`symmetricEigen: expected a ${d}×${d} matrix (${d * d} values), got ${a.length} values.`);
  const m = Float64Array.from(a);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let total = 0;
  for (let i = 0; i < d * d; i++) total += m[i] * m[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += 2 * m[p * d + q] ** 2;
    if (off <= 1e-24 * total || off === 0) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q];
        if (apq === 0) continue;
        const theta = (m[q * d + q] - m[p * d + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const kp = m[k * d + p], kq = m[k * d + q];
          m[k * d + p] = c * kp - s * kq;
          m[k * d + q] = s * kp + c * kq;
        }
        for (let k = 0; k < d; k++) {
          const pk = m[p * d + k], qk = m[q * d + k];
          m[p * d + k] = c * pk - s * qk;
          m[q * d + k] = s * pk + c * qk;
        }
        m[p * d + q] = 0;
        m[q * d + p] = 0;
        for (let k = 0; k < d; k++) {
          const kp = v[k * d + p], kq = v[k * d + q];
          v[k * d + p] = c * kp - s * kq;
          v[k * d + q] = s * kp + c * kq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = m[i * d + i];
  return { values, vectors: v };
}
