// Plain-number statistics behind the diagnosis scores (formulas and sources: docs/diagnose.md).

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** x clipped to [0, 1]; NaN becomes 0 (no evidence). */
export function clamp01(x: number): number {
  return Number.isNaN(x) ? 0 : Math.min(1, Math.max(0, x));
}

/**
 * Pearson correlation of two equally long samples, in float64. When either sample has zero variance (e.g. a
 * parent that makes no errors) there is nothing to correlate and the result is 0.
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`pearson needs samples of equal length, got ${n} and ${b.length}.`);
  if (n < 2) return 0;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma, db = b[i] - mb;
    sab += da * db; saa += da * da; sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return 0;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * In-sample Bayes error of predicting `classes` from discrete input tuples (their string keys): the share of
 * examples that any function of the tuple must get wrong, (1/n) Σ_t (n_t − max_c n_{t,c}). It is 0 exactly when
 * no tuple occurs with two different classes.
 */
export function collisionRate(keys: readonly string[], classes: ArrayLike<number>): number {
  if (keys.length !== classes.length) throw new RangeError(`collisionRate needs one class per tuple, got ${keys.length} tuples and ${classes.length} classes.`);
  if (keys.length === 0) return NaN;
  const counts = new Map<string, Map<number, number>>();
  keys.forEach((k, i) => {
    let byClass = counts.get(k);
    if (byClass === undefined) counts.set(k, (byClass = new Map()));
    byClass.set(classes[i], (byClass.get(classes[i]) ?? 0) + 1);
  });
  let wrong = 0;
  for (const byClass of counts.values()) {
    let total = 0, most = 0;
    for (const c of byClass.values()) { total += c; most = Math.max(most, c); }
    wrong += total - most;
  }
  return wrong / keys.length;
}

/**
 * Share of w's deterioration (`harm` = mean Δℓ_w > 0) that a change of some other quantity measured in the same
 * loss (`delta`) accounts for: clamp01(delta / harm). 0 when there is no harm to explain.
 */
export function explainedShare(delta: number, harm: number): number {
  return harm > 0 ? clamp01(delta / harm) : 0;
}

/**
 * How much of an error cancellation the update removed: clamp01(min(ρ_after, 0) − min(ρ_before, 0)). Only the
 * negative part of a correlation cancels in a downstream model, so a pair that was not anti-correlated scores 0.
 */
export function cancellationLost(rhoBefore: number, rhoAfter: number): number {
  return clamp01(Math.min(rhoAfter, 0) - Math.min(rhoBefore, 0));
}

/**
 * Share of w's deterioration a richer downstream learner wins back: clamp01((ℓ(w′) − ℓ(w′_rich)) / (ℓ(w′) − ℓ(w))).
 * 1 when the richer w′ is no worse than the baseline w; 0 when it is no better than w′ (or there is no harm).
 */
export function recovery(baseline: number, updated: number, richer: number): number {
  const harm = updated - baseline;
  return harm > 0 ? clamp01((updated - richer) / harm) : 0;
}

/**
 * How much of v's overall improvement (Δ_all < 0) is missing on w's test examples (Δ_slice):
 * clamp01((Δ_slice − Δ_all) / |Δ_all|). 0 when w's examples improved as much as v's test set, 1 when they did not
 * improve at all or got worse; 0 when v did not improve overall.
 */
export function sliceShortfall(overall: number, slice: number): number {
  return overall < 0 ? clamp01((slice - overall) / -overall) : 0;
}
