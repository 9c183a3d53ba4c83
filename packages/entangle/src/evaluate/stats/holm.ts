// Holm's step-down adjustment of p-values (Holm 1979), controlling the family-wise error rate.

/**
 * Adjusted p-values in the input order: with p₍₁₎ ≤ … ≤ p₍ₘ₎,
 * p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) · p₍ⱼ₎). Null entries (no test possible) stay null and do not count in m.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues.map((p, i) => ({ p, i })).filter((e): e is { p: number; i: number } => e.p !== null);
  tested.sort((a, b) => a.p - b.p || a.i - b.i);
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  tested.forEach((entry, j) => {
    running = Math.max(running, Math.min(1, (m - j) * entry.p));
    adjusted[entry.i] = running;
  });
  return adjusted;
}
