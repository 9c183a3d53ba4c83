// Tensors stored in full or as evenly spaced samples plus exact sums (make_fixtures.sampled), and their comparison.
import type * as torch from '../../src/index.js';

/** A tensor stored in full (indices = all) or as evenly spaced samples, with exact sums (make_fixtures.sampled). */
export interface Sampled {
  dtype: string;
  shape: number[];
  indices: number[];
  values: number[];
  sum: number;
  sumAbs: number;
  maxAbs: number;
}

/** |got - want| <= rtol |want| + atolRel * max(max|want|, floor); sums within rtol * sum|want| + the same atol. */
export interface SampledTolerance {
  rtol: number;
  atolRel: number;
}

export function compareSampled(got: torch.Tensor | null, want: Sampled, what: string, tol: SampledTolerance, floor: number): string | null {
  if (!got) return `${what}: missing (null)`;
  if (got.dtype !== want.dtype) return `${what}: dtype ${got.dtype}, expected ${want.dtype}`;
  if (got.shape.join(',') !== want.shape.join(',')) return `${what}: shape [${got.shape}], expected [${want.shape}]`;
  const data = Array.from(got.toTypedArray() as ArrayLike<number | bigint>, Number);
  const atol = tol.atolRel * Math.max(want.maxAbs, floor);
  for (let k = 0; k < want.indices.length; k++) {
    const i = want.indices[k];
    const err = Math.abs(data[i] - want.values[k]);
    if (!(err <= atol + tol.rtol * Math.abs(want.values[k]))) {
      return `${what}: [${i}] got ${data[i]}, expected ${want.values[k]} (|diff| ${err} > ${atol + tol.rtol * Math.abs(want.values[k])})`;
    }
  }
  const sum = data.reduce((a, b) => a + b, 0);
  const sumTol = tol.rtol * want.sumAbs + atol;
  if (!(Math.abs(sum - want.sum) <= sumTol)) return `${what}: sum ${sum}, expected ${want.sum} (tolerance ${sumTol})`;
  return null;
}
