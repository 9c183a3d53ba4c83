// Hypothesis-space mismatch (paper §3.1): the information w needs is still there, but w's hypothesis set cannot
// use it. Checked by refitting w with a richer learner on the updated upstream outputs (this trains).
import { trainSystem } from '../evaluate/train-system.js';
import { applyUpdate } from '../system/update.js';
import { evaluationLosses, fmt, type DiagnoseContext } from './context.js';
import { mean, recovery } from './stats.js';
import type { Evidence } from './types.js';
import { widenLearner } from './widen.js';

/**
 * Score = recovery(mean ℓ(w), mean ℓ(w′), mean ℓ(w′_rich)) over the refit seeds: the share of w's deterioration
 * that w′_rich — w's richer learner (widenLearner) trained on the updated upstream outputs — wins back.
 */
export async function hypothesisEvidence(ctx: DiagnoseContext, w: string): Promise<Evidence> {
  const spec = ctx.updated.model(w);
  const widened = widenLearner(spec.learner, ctx.widen);
  if ('reason' in widened) {
    return { kind: 'hypothesis-mismatch', applicable: false, score: 0, explanation: `Not measured: ${widened.reason}.`, statistics: { learner: spec.learner.kind } };
  }
  const richer = applyUpdate(ctx.updated, { name: `diagnose: richer '${w}' (${widened.learner.kind})`, model: w, learner: widened.learner });
  const rich: number[] = [];
  for (const seed of ctx.refitSeeds) {
    const trained = await trainSystem(richer, { seed, store: ctx.store, executor: ctx.executor, onProgress: ctx.onProgress, signal: ctx.signal });
    for (const m of Object.values(trained.models)) if (!m.cached) ctx.trained.jobs++;
    rich.push(trained.models[w].testLoss);
  }
  const { baseline, updated } = evaluationLosses(ctx.evaluation, w, ctx.refitSeeds);
  const [b, u, r] = [mean(baseline), mean(updated), mean(rich)];
  const score = recovery(b, u, r);
  const loss = spec.loss.kind;
  const seeds = `${ctx.refitSeeds.length} seed${ctx.refitSeeds.length === 1 ? '' : 's'}`;
  const explanation = score >= 1
    ? `A richer '${w}' (${widened.learner.kind}) trained on the updated upstream outputs reaches ${loss} ${fmt(r)}, no worse than the baseline's ${fmt(b)} (retrained '${w}': ${fmt(u)}; ${seeds}): ` +
      `the information is still there, but '${spec.learner.kind}' cannot use it.`
    : score > 0
      ? `A richer '${w}' (${widened.learner.kind}) on the updated upstream outputs reaches ${loss} ${fmt(r)} against ${fmt(u)} for the retrained '${w}' and ${fmt(b)} for the baseline (${seeds}): ` +
        `it wins back ${Math.round(score * 100)}% of the deterioration.`
      : `A richer '${w}' (${widened.learner.kind}) does no better on the updated upstream outputs (${loss} ${fmt(r)} against ${fmt(u)}; baseline ${fmt(b)}; ${seeds}), so w's hypothesis set is not what limits it.`;
  return {
    kind: 'hypothesis-mismatch',
    applicable: true,
    score,
    explanation,
    statistics: {
      learner: spec.learner.kind, richerLearner: widened.learner.kind, richerArgs: widened.learner.args,
      seeds: ctx.refitSeeds, baseline: b, updated: u, richer: r, richerPerSeed: rich, richerMinusBaseline: r - b,
      wDifference: u - b,
    },
  };
}
