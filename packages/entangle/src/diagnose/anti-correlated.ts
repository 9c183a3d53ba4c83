// Anti-correlated errors (paper §3.2): w's parents made errors that cancelled in w; the update removed the
// cancellation, so w's input tuple now mixes classes it used to separate.
import type { Block } from '../core/types.js';
import { evaluationLosses, fmt, signed, type DiagnoseContext } from './context.js';
import type { InformationLoss } from './information-loss.js';
import { isBlock, type StoredOutputs } from './outputs.js';
import { cancellationLost, explainedShare, mean, pearson } from './stats.js';
import type { Evidence } from './types.js';

/**
 * Signed errors r_i = ŷ_i − y_i of parent `p` on w's test examples, against p's own test target read from w's test
 * set; two-class probabilities use P(class 1). Null when p's output or target is not one value per example, or p
 * emits labels of more than two classes.
 */
function residuals(outputs: StoredOutputs, p: string, w: string): Float64Array | null {
  const spec = outputs.system.model(p);
  const testName = outputs.system.model(w).test;
  const target = outputs.system.dataset(testName).fields[spec.testTarget ?? spec.target];
  const out = outputs.output(p, testName);
  if (target === undefined || !isBlock(out)) return null;
  const n = target.shape[0];
  const perTarget = target.data.length / n;
  const width = (out as Block).data.length / n;
  if (perTarget !== 1) return null;
  // A hard label is a signed error only for two classes (0/1); multi-class labels have no sign.
  if (spec.output === 'label' && target.data.some((y) => y !== 0 && y !== 1)) return null;
  const column = width === 1 ? 0 : width === 2 && spec.output === 'probabilities' ? 1 : -1;
  if (column < 0) return null;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = out.data[i * width + column] - target.data[i];
  return r;
}

interface PairCorrelation { parents: [string, string]; before: number[]; after: number[]; lost: number }

/** Correlations of signed errors for every (changed, other) parent pair, per seed; null pairs are skipped. */
function correlations(ctx: DiagnoseContext, w: string, changed: string[]): PairCorrelation[] {
  const parents = ctx.baseline.model(w).parents;
  const pairs: [string, string][] = [];
  for (const p of changed) for (const q of parents) if (q !== p && !pairs.some(([a, b]) => (a === q && b === p))) pairs.push([p, q]);
  const found: PairCorrelation[] = [];
  for (const [p, q] of pairs) {
    const before: number[] = [], after: number[] = [];
    let measurable = true;
    for (const { base, upd } of ctx.pairs) {
      const rb = [residuals(base, p, w), residuals(base, q, w)], ra = [residuals(upd, p, w), residuals(upd, q, w)];
      if (rb.some((r) => r === null) || ra.some((r) => r === null)) { measurable = false; break; }
      before.push(pearson(rb[0]!, rb[1]!));
      after.push(pearson(ra[0]!, ra[1]!));
    }
    if (measurable) found.push({ parents: [p, q], before, after, lost: cancellationLost(mean(before), mean(after)) });
  }
  return found.sort((a, b) => b.lost - a.lost);
}

/**
 * Score = clamp01((ΔI_joint − max(0, ΔI_marginal)) / Δℓ_w) · L, where the first factor is the share of w's
 * deterioration explained by information lost only in the combination of parents, and L = cancellationLost of the
 * parent pair whose error cancellation fell most (1 when no pair's errors can be measured).
 */
export function antiCorrelatedEvidence(ctx: DiagnoseContext, w: string, info: InformationLoss | string): Evidence {
  const parents = ctx.baseline.model(w).parents;
  if (parents.length < 2) {
    return { kind: 'anti-correlated', applicable: false, score: 0, explanation: `Not applicable: '${w}' has ${parents.length} parent${parents.length === 1 ? '' : 's'}; errors can only cancel between two or more upstream models.`, statistics: { parents } };
  }
  if (typeof info === 'string') {
    return { kind: 'anti-correlated', applicable: false, score: 0, explanation: `Not measured: ${info}.`, statistics: { parents } };
  }
  const wLoss = evaluationLosses(ctx.evaluation, w, ctx.pairs.map((p) => p.seed));
  const harm = mean(wLoss.updated) - mean(wLoss.baseline);
  const dJoint = mean(info.joint.after) - mean(info.joint.before);
  const dMarginal = mean(info.marginal.after) - mean(info.marginal.before);
  const excess = explainedShare(dJoint - Math.max(0, dMarginal), harm);
  const pairs = correlations(ctx, w, info.changed);
  const best = pairs[0];
  const lost = best === undefined ? 1 : best.lost;
  const score = excess * lost;
  const collisions = info.collisions === null ? null : { before: mean(info.collisions.before), after: mean(info.collisions.after) };
  const corrText = best === undefined
    ? 'the parents\' errors could not be measured on w\'s test set (their test targets are not there, or their outputs are not one value per example)'
    : `the signed errors of '${best.parents[0]}' and '${best.parents[1]}' on w's test set had correlation ${fmt(mean(best.before))} before and ${fmt(mean(best.after))} after the update`;
  const collText = collisions === null ? '' : `; w's input tuple mixes classes on ${fmt(collisions.before * 100)}% of its test examples before and ${fmt(collisions.after * 100)}% after`;
  const explanation = score > 0
    ? `Errors cancelled between upstream models: ${corrText}${collText}. The best ${ctx.baseline.model(w).loss.kind} from all of w's inputs rose by ${signed(dJoint)} while from the changed parents alone it rose by ${signed(dMarginal)}, ` +
      `so ${Math.round(excess * 100)}% of w's deterioration (${signed(harm)}) comes from the combination of parents.`
    : `No lost cancellation explains the harm: ${corrText}; the best loss from all of w's inputs changed by ${signed(dJoint)} and from the changed parents alone by ${signed(dMarginal)}${collText}.`;
  return {
    kind: 'anti-correlated',
    applicable: true,
    score,
    explanation,
    statistics: {
      method: info.method, wDifference: harm, jointBefore: mean(info.joint.before), jointAfter: mean(info.joint.after),
      marginalBefore: mean(info.marginal.before), marginalAfter: mean(info.marginal.after), excessShare: excess,
      cancellationLost: best === undefined ? null : lost,
      correlations: pairs.map((c) => ({ parents: c.parents, before: mean(c.before), after: mean(c.after), beforePerSeed: c.before, afterPerSeed: c.after, lost: c.lost })),
      collisionBefore: collisions?.before ?? null, collisionAfter: collisions?.after ?? null,
    },
  };
}
