// Compares tensor values against golden data with dtype-dependent tolerances (docs/golden-tests.md).
import { decodeNumber, type TensorData } from './fixture.js';

/** |got - want| <= atol + rtol * |want|, per dtype. Integer and bool dtypes must match exactly. */
export const TOLERANCE: Record<string, { rtol: number; atol: number }> = {
  float64: { rtol: 1e-9, atol: 1e-12 },
  float32: { rtol: 1e-5, atol: 1e-5 },
  int64: { rtol: 0, atol: 0 },
  bool: { rtol: 0, atol: 0 },
  uint8: { rtol: 0, atol: 0 },
};

/** What the TS side produced, already copied out of the tensor. */
export interface Observed {
  dtype: string;
  shape: number[];
  data: ArrayLike<number | bigint>;
}

function fmtShape(shape: number[]): string {
  return `[${shape.join(',')}]`;
}

/** Returns null when equal within tolerance, else a message with the first and the largest difference. */
export function diffTensor(got: Observed, want: TensorData, what: string, tol = TOLERANCE[want.dtype]): string | null {
  if (got.dtype !== want.dtype) return `${what}: dtype ${got.dtype}, expected ${want.dtype}`;
  if (fmtShape(got.shape) !== fmtShape(want.shape)) {
    return `${what}: shape ${fmtShape(got.shape)}, expected ${fmtShape(want.shape)}`;
  }
  if (got.data.length !== want.data.length) {
    return `${what}: ${got.data.length} values, expected ${want.data.length} for shape ${fmtShape(want.shape)}`;
  }
  let bad = 0;
  let first = -1;
  let worst = -1;
  let worstErr = -1;
  for (let i = 0; i < want.data.length; i++) {
    const w = decodeNumber(want.data[i]);
    const g = Number(got.data[i]);
    let ok: boolean;
    let err: number;
    if (Number.isNaN(w) || !Number.isFinite(w)) {
      ok = Object.is(g, w) || (Number.isNaN(w) && Number.isNaN(g));
      err = ok ? 0 : Infinity;
    } else {
      err = Math.abs(g - w);
      ok = err <= tol.atol + tol.rtol * Math.abs(w);
      if (Number.isNaN(g)) { ok = false; err = Infinity; }
    }
    if (!ok) {
      bad++;
      if (first < 0) first = i;
      if (err > worstErr) { worstErr = err; worst = i; }
    }
  }
  if (bad === 0) return null;
  const at = (i: number) => `[${i}] got ${Number(got.data[i])}, expected ${decodeNumber(want.data[i])}`;
  return `${what}: ${bad}/${want.data.length} values differ beyond rtol=${tol.rtol}, atol=${tol.atol} ` +
    `(${want.dtype}${fmtShape(want.shape)}); first ${at(first)}; largest ${at(worst)} (|diff|=${worstErr})`;
}
