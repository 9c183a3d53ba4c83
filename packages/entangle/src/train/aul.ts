// Area under each example's training-loss curve (AUL), for the paper's 4.2 difficulty ranking (Arazo et al., 2019).

/**
 * AUL_i = Σ_e ℓ_{e,i}: the sum over epochs of example i's training loss (rectangle rule, one unit per epoch).
 * `exampleLosses[e][i]` comes from TrainReport.exampleLosses; examples that are NaN in any epoch (held out) get NaN.
 */
export function areaUnderLossCurve(exampleLosses: readonly Float32Array[]): Float64Array {
  if (exampleLosses.length === 0) throw new Error('areaUnderLossCurve: no epochs recorded; train with train.recordExampleLosses = true.');
  const n = exampleLosses[0].length;
  const area = new Float64Array(n);
  for (const epoch of exampleLosses) {
    if (epoch.length !== n) throw new Error(`areaUnderLossCurve: epochs disagree on the number of examples (${n} vs ${epoch.length}).`);
    for (let i = 0; i < n; i++) area[i] += epoch[i];
  }
  return area;
}

/**
 * Example indices in decreasing order of difficulty (largest AUL first; ties: smaller index first), restricted to
 * `among` when given (e.g. the examples of classes 1 and 7). Examples with a NaN area are left out.
 */
export function rankByAreaUnderLoss(exampleLosses: readonly Float32Array[], among?: ArrayLike<number>): number[] {
  const area = areaUnderLossCurve(exampleLosses);
  const candidates = among ? Array.from(among) : Array.from({ length: area.length }, (_, i) => i);
  return candidates.filter((i) => !Number.isNaN(area[i])).sort((a, b) => area[b] - area[a] || a - b);
}
