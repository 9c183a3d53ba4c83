// Depth and disparity errors of a predicted depth map, overall and by ground-truth range (paper Table 3).

/** Table 3's ranges of ground-truth depth (m): [lo, hi). The last one is capped by the evaluation mask. */
export const TABLE3_RANGES: readonly [number, number][] = [[0, 10], [10, 20], [20, 30], [30, 40], [40, Infinity]];

/** Ground-truth depths that are evaluated: minDepth ≤ z < maxDepth (Pseudo-LiDAR++ masks 1–80 m). */
export interface DepthMask { minDepth: number; maxDepth: number }
export const EVALUATION_MASK: DepthMask = { minDepth: 1, maxDepth: 80 };

export interface RangeMae {
  lo: number;
  hi: number;
  /** Mean |ẑ − z| (m) over the range's evaluated pixels; NaN when there are none. */
  mae: number;
  count: number;
}

/**
 * Depth MAE (1/M) Σ |ẑ − z| over pixels with minDepth ≤ z < maxDepth (paper §5, following You et al. 2019),
 * and the same restricted to each range lo ≤ z < hi. A NaN prediction makes the MAE NaN, so it cannot go unnoticed.
 */
export function depthErrorByRange(pred: Float32Array, truth: Float32Array, ranges: readonly [number, number][] = TABLE3_RANGES, mask: DepthMask = EVALUATION_MASK): { overall: number; count: number; ranges: RangeMae[] } {
  if (pred.length !== truth.length) throw new RangeError(`depthErrorByRange: ${pred.length} predictions for ${truth.length} ground-truth values.`);
  const sums = new Float64Array(ranges.length), counts = new Float64Array(ranges.length);
  let sum = 0, count = 0;
  for (let i = 0; i < truth.length; i++) {
    const z = truth[i];
    if (!(z >= mask.minDepth && z < mask.maxDepth)) continue;
    const e = Math.abs(pred[i] - z);
    sum += e;
    count++;
    for (let r = 0; r < ranges.length; r++) {
      if (z >= ranges[r][0] && z < ranges[r][1]) {
        sums[r] += e;
        counts[r]++;
        break;
      }
    }
  }
  return {
    overall: count > 0 ? sum / count : Number.NaN,
    count,
    ranges: ranges.map(([lo, hi], r) => ({ lo, hi, mae: counts[r] > 0 ? sums[r] / counts[r] : Number.NaN, count: counts[r] })),
  };
}

/**
 * Disparity MAE (1/M) Σ |fB/ẑ − fB/z| (image px at the world's scale) over pixels with minDepth ≤ z < maxDepth
 * (paper App. A: ℓ_u = (1/M) Σ ‖g(d̂) − g(y)‖₁ with g(z) = C/z). A prediction ẑ ≤ 0 or NaN counts as disparity 0.
 */
export function disparityMae(pred: Float32Array, truth: Float32Array, fb: number, mask: DepthMask = EVALUATION_MASK): number {
  if (pred.length !== truth.length) throw new RangeError(`disparityMae: ${pred.length} predictions for ${truth.length} ground-truth values.`);
  let sum = 0, count = 0;
  for (let i = 0; i < truth.length; i++) {
    const z = truth[i];
    if (!(z >= mask.minDepth && z < mask.maxDepth)) continue;
    const zh = pred[i];
    const dh = zh > 0 && zh < Infinity ? fb / zh : 0;
    sum += Math.abs(dh - fb / z);
    count++;
  }
  return count > 0 ? sum / count : Number.NaN;
}
