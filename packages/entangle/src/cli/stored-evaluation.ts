// Rebuilds a run's evaluation from the store's per-seed losses (no training), for runs without a saved evaluation.
import type { Json } from '../core/types.js';
import { judgedEvaluation, roleOf, type UpdateEvaluation } from '../evaluate/evaluate-update.js';
import type { PairedLosses } from '../evaluate/judge.js';
import type { RunRecord, Store } from '../store/store.js';
import { childrenOf, reachable, topologicalOrder } from '../system/graph.js';
import type { ModelSpec, Update } from '../system/spec.js';

/** The parts of a run's config (written by evaluateUpdate/compareSystems) this module reads. */
interface RunConfig {
  name?: string;
  model?: string;
  seeds?: number[];
  alpha?: number;
  update?: Update;
  baseline?: { name?: string; models?: ModelSpec[] };
}

function asConfig(config: Json): RunConfig | undefined {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return undefined;
  const c = config as unknown as RunConfig;
  if (typeof c.model !== 'string' || !Array.isArray(c.seeds) || !Array.isArray(c.baseline?.models)) return undefined;
  return c;
}

const kindText: Record<UpdateEvaluation['kind'], string> = {
  'self-defeating': 'Self-defeating improvement',
  improvement: 'Improvement',
  regression: 'Regression',
  'no evidence': 'No evidence of a change',
};

/**
 * The evaluation of `run` recomputed with the same statistics as evaluateUpdate (paired t interval, Holm over
 * descendants, Definition 2.1) from the losses the store recorded; undefined when the run is unknown, was not an
 * update evaluation, or has no loss for some (seed, variant, model) because it did not finish.
 */
export function evaluationFromStore(store: Store, run: string | RunRecord): UpdateEvaluation | undefined {
  const record = typeof run === 'string' ? store.run(run) : run;
  if (record === undefined) return undefined;
  const config = asConfig(record.config);
  if (config === undefined) return undefined;
  const alpha = config.alpha ?? 0.05;
  const seeds = config.seeds!;
  const specs = config.baseline!.models!;
  const order = topologicalOrder(specs);
  const children = childrenOf(specs);
  const found = reachable(config.model!, (m) => children.get(m) ?? []);
  const descendants = order.filter((m) => found.has(m));
  const losses = store.losses(record.id);
  const value = (variant: string, model: string, seed: number): number | undefined =>
    losses.find((l) => l.variant === variant && l.model === model && l.seed === seed)?.value;
  const paired: PairedLosses[] = [];
  for (const model of order) {
    const base = seeds.map((s) => value('baseline', model, s));
    const upd = seeds.map((s) => value('updated', model, s));
    if (base.some((v) => v === undefined) || upd.some((v) => v === undefined)) return undefined;
    paired.push({ model, role: roleOf(model, config.model!, descendants), loss: specs.find((m) => m.id === model)!.loss.kind, baseline: base as number[], updated: upd as number[] });
  }
  const evaluation = judgedEvaluation({
    run: record.id, name: record.name, system: config.baseline!.name ?? '?', update: config.update, model: config.model!, descendants, seeds, alpha,
  }, paired);
  const v = evaluation.models.find((m) => m.role === 'updated');
  if (v === undefined) return undefined;
  const worse = evaluation.offending.length > 0 ? `; deteriorated: ${evaluation.offending.map((m) => `'${m}'`).join(', ')}` : '';
  return { ...evaluation, summary: `${kindText[evaluation.kind]}: '${config.model}' ${v.verdict}${worse} (recomputed from the store's per-seed losses).` };
}
