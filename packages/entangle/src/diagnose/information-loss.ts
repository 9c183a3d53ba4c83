// The information proxy of w's inputs before and after the update: all of w's inputs (joint) and only its own
// fields with the changed parents (marginal). Shared by the loss-mismatch and anti-correlated evidence.
import { changedParents, type DiagnoseContext } from './context.js';
import { informationProbe, probeUnavailable } from './information.js';
import { isBlock } from './outputs.js';

export interface InformationLoss {
  method: 'bayes-table' | 'knn';
  changed: string[];
  /** Parents of w the update did not touch. */
  unchanged: string[];
  /** Per seed: probe loss from all of w's inputs, before and after the update. */
  joint: { before: number[]; after: number[] };
  /** Per seed: probe loss from w's own fields and the changed parents only (equal to joint when every parent changed). */
  marginal: { before: number[]; after: number[] };
  /** Per seed, discrete inputs only: in-sample Bayes error of w's test target given its whole input tuple. */
  collisions: { before: number[]; after: number[] } | null;
}

/** Runs the probes on every seed; returns a reason string when they cannot run. */
export async function informationLoss(ctx: DiagnoseContext, w: string): Promise<InformationLoss | string> {
  const spec = ctx.baseline.model(w);
  const reason = probeUnavailable(spec, ctx.baseline);
  if (reason !== null) return reason;
  const first = ctx.pairs[0].base.inputs(w, spec.test);
  const records = first.blocks.filter((b) => !isBlock(b.value)).map((b) => `'${b.name}'`);
  if (records.length > 0) return `w's input blocks ${records.join(', ')} hold records (boxes, points), which the probe cannot read`;
  const changed = changedParents(ctx, w);
  const unchanged = spec.parents.filter((p) => !changed.includes(p));
  const result: InformationLoss = {
    method: 'knn', changed, unchanged,
    joint: { before: [], after: [] }, marginal: { before: [], after: [] }, collisions: { before: [], after: [] },
  };
  for (const { base, upd } of ctx.pairs) {
    for (const [side, outputs] of [['before', base], ['after', upd]] as const) {
      const joint = await informationProbe(spec, ctx.baseline, outputs.inputs(w, spec.train), outputs.inputs(w, spec.test), ctx.probe);
      result.method = joint.method;
      result.joint[side].push(joint.loss);
      if (joint.collisionRate === null) result.collisions = null;
      else result.collisions?.[side].push(joint.collisionRate);
      const marginal = unchanged.length === 0
        ? joint
        : await informationProbe(spec, ctx.baseline, outputs.inputs(w, spec.train, changed), outputs.inputs(w, spec.test, changed), ctx.probe);
      result.marginal[side].push(marginal.loss);
    }
  }
  return result;
}
