// Loss-function mismatch (paper §3.1): v improved on ℓ_v, but its output now carries less of what w needs.
import { evaluationLosses, fmt, signed, type DiagnoseContext } from './context.js';
import type { InformationLoss } from './information-loss.js';
import { explainedShare, mean } from './stats.js';
import type { Evidence } from './types.js';

/** "the output of 'u'", "w's fields x1 and the outputs of 'u', 'v'". */
function describeInputs(fields: readonly string[], parents: readonly string[]): string {
  const outs = parents.length === 1 ? `the output of '${parents[0]}'` : `the outputs of ${parents.map((p) => `'${p}'`).join(', ')}`;
  return fields.length === 0 ? outs : `w's fields ${fields.join(', ')} and ${outs}`;
}

/**
 * Score = clamp01(ΔI_marginal / Δℓ_w): the rise of the best achievable ℓ_w from w's own fields and the changed
 * parents' outputs, as a share of w's deterioration — information the updated upstream no longer passes on.
 */
export function lossMismatchEvidence(ctx: DiagnoseContext, w: string, info: InformationLoss | string): Evidence {
  const v = ctx.evaluation.model;
  const vLoss = evaluationLosses(ctx.evaluation, v, ctx.evaluation.seeds);
  const dv = mean(vLoss.updated) - mean(vLoss.baseline);
  if (typeof info === 'string') {
    return { kind: 'loss-mismatch', applicable: false, score: 0, explanation: `Not measured: ${info}.`, statistics: { vDifference: dv } };
  }
  const wLoss = evaluationLosses(ctx.evaluation, w, ctx.pairs.map((p) => p.seed));
  const harm = mean(wLoss.updated) - mean(wLoss.baseline);
  const before = mean(info.marginal.before), after = mean(info.marginal.after);
  const score = dv < 0 ? explainedShare(after - before, harm) : 0;
  const what = describeInputs(ctx.baseline.model(w).inputs, info.changed);
  const lossKind = ctx.baseline.model(w).loss.kind;
  const probe = info.method === 'bayes-table' ? 'the Bayes table' : `a ${ctx.probe.neighbours}-NN probe`;
  const explanation = score > 0
    ? `'${v}' improved its own loss (Δ${ctx.baseline.model(v).loss.kind} = ${signed(dv)}), but the best ${lossKind} any downstream model can reach from ${what} ` +
      `rose from ${fmt(before)} to ${fmt(after)} (${probe}): the update removed information w needs, accounting for ${Math.round(score * 100)}% of w's deterioration (${signed(harm)}).`
    : `The best ${lossKind} reachable from ${what} did not rise enough to explain w's deterioration (${fmt(before)} → ${fmt(after)} with ${probe}, against Δ = ${signed(harm)}).`;
  return {
    kind: 'loss-mismatch',
    applicable: true,
    score,
    explanation,
    statistics: {
      method: info.method, vDifference: dv, wDifference: harm, proxyBefore: before, proxyAfter: after,
      proxyBeforePerSeed: info.marginal.before, proxyAfterPerSeed: info.marginal.after, parents: info.changed,
    },
  };
}
