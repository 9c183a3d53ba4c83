// Paired comparison of per-seed losses: Δᵢ = ℓᵢ(updated) − ℓᵢ(baseline), paired t interval and test.
import { studentTQuantile, studentTTwoSided } from './student-t.js';

export interface Summary {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
  sd: number;
  n: number;
}

export interface PairedDifference extends Summary {
  /** Standard error sd/√n; 0 when every difference is identical. */
  se: number;
  /** 1 − α confidence interval of the mean difference; null with fewer than two seeds. */
  ci: [number, number] | null;
  /** Two-sided paired t-test p-value for mean Δ = 0; null with fewer than two seeds. */
  p: number | null;
  /** Set when the t machinery does not apply: one seed, or all differences identical (sd = 0). */
  degenerate?: 'single-seed' | 'identical-differences';
}

/** Mean and sample standard deviation. */
export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) throw new RangeError('Cannot summarize zero values.');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}

/**
 * Paired t statistics of updated − baseline (same seeds, same order). With n ≥ 2 and not all Δ equal:
 * t = mean/(sd/√n), df = n − 1, CI = mean ± t_{1−α/2, n−1} · sd/√n, p = P(|T_{n−1}| ≥ |t|).
 * All Δ equal to d: the interval is [d, d] and p is 0 (d ≠ 0) or 1 (d = 0), since there is no spread to test against.
 */
export function pairedDifference(baseline: readonly number[], updated: readonly number[], alpha = 0.05): PairedDifference {
  if (baseline.length !== updated.length) throw new RangeError(`Paired samples need equal lengths, got ${baseline.length} and ${updated.length}.`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}.`);
  const diffs = updated.map((u, i) => u - baseline[i]);
  const { mean, sd, n } = summarize(diffs);
  if (n < 2) return { mean, sd: 0, n, se: 0, ci: null, p: null, degenerate: 'single-seed' };
  if (diffs.every((d) => d === diffs[0])) {
    const d = diffs[0];
    return { mean: d, sd: 0, n, se: 0, ci: [d, d], p: d === 0 ? 1 : 0, degenerate: 'identical-differences' };
  }
  const se = sd / Math.sqrt(n);
  const half = studentTQuantile(1 - alpha / 2, n - 1) * se;
  return { mean, sd, n, se, ci: [mean - half, mean + half], p: studentTTwoSided(mean / se, n - 1) };
}
