// What every piece of evidence needs: both systems, the evaluation, and per seed the stored outputs of both.
import type { UpdateEvaluation } from '../evaluate/evaluate-update.js';
import type { Update } from '../system/spec.js';
import type { Store } from '../store/store.js';
import type { Executor } from '../runtime/executor.js';
import type { System } from '../system/system.js';
import type { StoredOutputs } from './outputs.js';
import type { ProbeOptions } from './information.js';
import type { WidenOption } from './widen.js';
import type { EvaluationEvent } from '../evaluate/events.js';

/** The baseline and updated system trained with one seed (the paired design of docs/statistics.md). */
export interface SeedPair {
  seed: number;
  base: StoredOutputs;
  upd: StoredOutputs;
}

export interface DiagnoseContext {
  baseline: System;
  updated: System;
  update: Update;
  evaluation: UpdateEvaluation;
  store: Store;
  executor?: Executor;
  onProgress?: (event: EvaluationEvent) => void;
  signal?: AbortSignal;
  pairs: SeedPair[];
  refitSeeds: number[];
  probe: ProbeOptions;
  widen?: WidenOption;
  /** Incremented by every job the diagnosis trains. */
  trained: { jobs: number };
}

/** Per-seed test losses of `model` in the evaluation, for the listed seeds. */
export function evaluationLosses(evaluation: UpdateEvaluation, model: string, seeds: readonly number[]): { baseline: number[]; updated: number[] } {
  const m = evaluation.models.find((x) => x.model === model);
  if (m === undefined) throw new RangeError(`The evaluation has no model '${model}' (it has ${evaluation.models.map((x) => x.model).join(', ')}).`);
  const at = (seed: number): number => {
    const i = evaluation.seeds.indexOf(seed);
    if (i < 0) throw new RangeError(`Seed ${seed} is not one of the evaluation's seeds (${evaluation.seeds.join(', ')}).`);
    return i;
  };
  return { baseline: seeds.map((s) => m.baseline.values[at(s)]), updated: seeds.map((s) => m.updated.values[at(s)]) };
}

/** Parents of `w` whose fitted model differs between the baseline and the updated system (v or its descendants). */
export function changedParents(ctx: DiagnoseContext, w: string): string[] {
  const pair = ctx.pairs[0];
  return ctx.baseline.model(w).parents.filter((p) => pair.base.key(p) !== pair.upd.key(p));
}

/** Numbers in explanations: 3 significant digits, small values in exponent form. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  if (x === 0) return '0';
  return Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3);
}

export function signed(x: number): string {
  return x > 0 ? `+${fmt(x)}` : fmt(x);
}
