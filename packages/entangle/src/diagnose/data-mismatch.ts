// Data-distribution mismatch (paper §3.1): v's improvement lies on parts of the data w does not use.
import type { JsonObject } from '../core/types.js';
import { getLoss } from '../registry/registry.js';
import { evaluationLosses, fmt, signed, type DiagnoseContext } from './context.js';
import { mean, sliceShortfall } from './stats.js';
import type { Evidence } from './types.js';

/**
 * Score = sliceShortfall(Δℓ_v on v's test set, Δℓ_v on w's test examples): how much of v's improvement is missing
 * on the examples w is tested on. ℓ_v on w's examples is v's own test loss applied to v's stored outputs on w's
 * test set, against v's test target read from that set.
 */
export function dataMismatchEvidence(ctx: DiagnoseContext, w: string): Evidence {
  const v = ctx.evaluation.model;
  const vSpec = ctx.baseline.model(v);
  const wTest = ctx.baseline.model(w).test;
  const seeds = ctx.pairs.map((p) => p.seed);
  const overall = evaluationLosses(ctx.evaluation, v, seeds);
  const dAll = mean(overall.updated) - mean(overall.baseline);
  const target = vSpec.testTarget ?? vSpec.target;
  if (wTest === vSpec.test) {
    return {
      kind: 'data-mismatch', applicable: true, score: 0,
      explanation: `'${w}' and '${v}' share the test set '${wTest}', so v's improvement (Δ${vSpec.loss.kind} = ${signed(dAll)}) cannot lie on examples w does not use.`,
      statistics: { vTest: vSpec.test, wTest, overallDifference: dAll, sliceDifference: dAll },
    };
  }
  if (ctx.baseline.dataset(wTest).fields[target] === undefined) {
    return {
      kind: 'data-mismatch', applicable: false, score: 0,
      explanation: `Not measured: w's test set '${wTest}' has no field '${target}' (v's test target), so v's loss cannot be computed on w's examples.`,
      statistics: { vTest: vSpec.test, wTest, overallDifference: dAll },
    };
  }
  const loss = getLoss(vSpec.loss.kind);
  const args = (vSpec.loss.args ?? {}) as JsonObject;
  const before: number[] = [], after: number[] = [];
  for (const { base, upd } of ctx.pairs) {
    before.push(loss.evaluate(base.output(v, wTest), ctx.baseline.dataset(wTest), target, args));
    after.push(loss.evaluate(upd.output(v, wTest), ctx.baseline.dataset(wTest), target, args));
  }
  const dSlice = mean(after) - mean(before);
  const score = sliceShortfall(dAll, dSlice);
  const explanation = score > 0
    ? `'${v}' improved on its own test set (Δ${vSpec.loss.kind} = ${signed(dAll)}) but on w's test examples only by ${signed(dSlice)} ` +
      `(${fmt(mean(before))} → ${fmt(mean(after))}): ${Math.round(score * 100)}% of the improvement lies on data w does not use.`
    : `'${v}' improved on w's test examples (Δ${vSpec.loss.kind} = ${signed(dSlice)}) at least as much as on its own test set (${signed(dAll)}).`;
  return {
    kind: 'data-mismatch', applicable: true, score, explanation,
    statistics: { vTest: vSpec.test, wTest, overallDifference: dAll, sliceDifference: dSlice, sliceBefore: mean(before), sliceAfter: mean(after), sliceBeforePerSeed: before, sliceAfterPerSeed: after },
  };
}
