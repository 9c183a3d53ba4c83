// diagnose(): why an update is a self-defeating improvement — evidence for each entanglement type of paper §3,
// computed from the outputs the evaluation stored (plus a few refits of a richer downstream model).
import { canonicalJson } from '../core/canonical-json.js';
import { UpdateError } from '../core/errors.js';
import type { UpdateEvaluation } from '../evaluate/evaluate-update.js';
import type { EvaluationEvent } from '../evaluate/events.js';
import { trainSystem } from '../evaluate/train-system.js';
import '../learners/index.js';
import '../losses/index.js';
import type { Executor } from '../runtime/executor.js';
import type { Store } from '../store/store.js';
import type { Update } from '../system/spec.js';
import type { System } from '../system/system.js';
import { applyUpdate } from '../system/update.js';
import { antiCorrelatedEvidence } from './anti-correlated.js';
import { fmt, signed, type DiagnoseContext, type SeedPair } from './context.js';
import { dataMismatchEvidence } from './data-mismatch.js';
import { hypothesisEvidence } from './hypothesis.js';
import { informationLoss } from './information-loss.js';
import { lossMismatchEvidence } from './loss-mismatch.js';
import { StoredOutputs } from './outputs.js';
import { ENTANGLEMENT_KINDS, type DescendantDiagnosis, type Diagnosis, type EntanglementKind, type Evidence } from './types.js';
import type { WidenOption } from './widen.js';

export interface DiagnoseOptions {
  /** The store the evaluation wrote to; its outputs are read back, nothing is retrained except the richer refits. */
  store: Store;
  executor?: Executor;
  onProgress?: (event: EvaluationEvent) => void;
  signal?: AbortSignal;
  /** Seeds on which w's richer learner is trained: a count (the first evaluation seeds) or a list; default 3. */
  refitSeeds?: number | readonly number[];
  /** k of the k-NN information probe; default 5. */
  neighbours?: number;
  /** Most distinct input tuples for which the probe uses the exact Bayes table; default 1024. */
  maxTuples?: number;
  /** Richer learner for the hypothesis-space check (default: the rules of widenLearner). */
  widen?: WidenOption;
  /** Score a kind needs to be named the primary cause; default 0.5. */
  threshold?: number;
}

/** Paper names of the kinds, for sentences. */
export const KIND_NAMES: Record<EntanglementKind, string> = {
  'anti-correlated': 'anti-correlated errors (§3.2)',
  'hypothesis-mismatch': 'hypothesis-space mismatch (§3.1)',
  'loss-mismatch': 'loss-function mismatch (§3.1)',
  'data-mismatch': 'data-distribution mismatch (§3.1)',
};

function checkEvaluation(system: System, update: Update, evaluation: UpdateEvaluation): void {
  const fix = 'Pass the evaluation that evaluateUpdate(system, update, ...) returned for this very update.';
  if (evaluation.system !== system.name) throw new UpdateError(`diagnose: the evaluation is of system '${evaluation.system}', not '${system.name}'. ${fix}`);
  if (evaluation.model !== update.model) throw new UpdateError(`diagnose: the evaluation judges an update of '${evaluation.model}', but update '${update.name}' changes '${update.model}'. ${fix}`);
  if (evaluation.update !== undefined && canonicalJson(evaluation.update) !== canonicalJson(update)) {
    throw new UpdateError(`diagnose: the evaluation is of update '${evaluation.update.name}' (${canonicalJson(evaluation.update)}), not of '${update.name}' (${canonicalJson(update)}). ${fix}`);
  }
}

function pickSeeds(seeds: readonly number[], option: number | readonly number[] | undefined): number[] {
  if (option === undefined) return seeds.slice(0, 3);
  if (typeof option === 'number') {
    if (!Number.isInteger(option) || option < 1) throw new RangeError(`diagnose: refitSeeds must be a positive integer or a list of the evaluation's seeds, got ${option}.`);
    return seeds.slice(0, option);
  }
  for (const s of option) if (!seeds.includes(s)) throw new RangeError(`diagnose: refit seed ${s} is not one of the evaluation's seeds (${seeds.join(', ')}); the refit is compared with them.`);
  return [...option];
}

/** Highest score first; ties: applicable before not, then ENTANGLEMENT_KINDS order. */
export function rankEvidence(evidence: readonly Evidence[]): Evidence[] {
  return [...evidence].sort((a, b) => b.score - a.score || Number(b.applicable) - Number(a.applicable) || ENTANGLEMENT_KINDS.indexOf(a.kind) - ENTANGLEMENT_KINDS.indexOf(b.kind));
}

async function diagnoseDescendant(ctx: DiagnoseContext, w: string, threshold: number): Promise<DescendantDiagnosis> {
  const info = await informationLoss(ctx, w);
  const evidence = rankEvidence([
    antiCorrelatedEvidence(ctx, w, info),
    await hypothesisEvidence(ctx, w),
    lossMismatchEvidence(ctx, w, info),
    dataMismatchEvidence(ctx, w),
  ]);
  const m = ctx.evaluation.models.find((x) => x.model === w)!;
  const deterioration = { loss: m.loss, baseline: m.baseline.mean, updated: m.updated.mean, difference: m.difference.mean, ci: m.difference.ci };
  const top = evidence[0];
  const primary = top.score >= threshold ? top.kind : null;
  const harm = `'${w}' deteriorated (Δ${m.loss} = ${signed(m.difference.mean)})`;
  const summary = primary !== null
    ? `${harm}: ${KIND_NAMES[primary]}, score ${fmt(top.score)}. ${top.explanation}`
    : `${harm}, but no entanglement type explains it clearly (best: ${KIND_NAMES[top.kind]}, score ${fmt(top.score)} < ${threshold}). ${top.explanation}`;
  return { model: w, deterioration, ranked: evidence.map((e) => e.kind), primary, evidence, summary };
}

/**
 * Diagnoses a self-defeating improvement found by `evaluation` (= evaluateUpdate(system, update, ...)). For each
 * offending descendant w it scores the four entanglement types of paper §3 and ranks them (docs/diagnose.md).
 * When the evaluation is not self-defeating, the result says there is nothing to diagnose.
 */
export async function diagnose(system: System, update: Update, evaluation: UpdateEvaluation, options: DiagnoseOptions): Promise<Diagnosis> {
  checkEvaluation(system, update, evaluation);
  const threshold = options.threshold ?? 0.5;
  const refitSeeds = pickSeeds(evaluation.seeds, options.refitSeeds);
  const head = { system: system.name, update: update.name, model: update.model, evaluationKind: evaluation.kind, seeds: [...evaluation.seeds], threshold };
  if (!evaluation.selfDefeating) {
    return {
      ...head, status: 'nothing-to-diagnose', refitSeeds: [], descendants: [], trainedJobs: 0,
      summary: `Nothing to diagnose: the evaluation of '${update.name}' is '${evaluation.kind}', not a self-defeating improvement (Definition 2.1 needs '${update.model}' to improve and a descendant to deteriorate).`,
    };
  }
  const updated = applyUpdate(system, update);
  const trained = { jobs: 0 };
  const pairs: SeedPair[] = [];
  for (const seed of evaluation.seeds) {
    const run = async (s: System): Promise<StoredOutputs> => {
      const t = await trainSystem(s, { seed, store: options.store, executor: options.executor, onProgress: options.onProgress, signal: options.signal });
      for (const m of Object.values(t.models)) if (!m.cached) trained.jobs++;
      return new StoredOutputs(options.store, s, t);
    };
    pairs.push({ seed, base: await run(system), upd: await run(updated) });
  }
  const ctx: DiagnoseContext = {
    baseline: system, updated, update, evaluation, store: options.store, executor: options.executor, onProgress: options.onProgress, signal: options.signal,
    pairs, refitSeeds, probe: { neighbours: options.neighbours ?? 5, maxTuples: options.maxTuples ?? 1024 }, widen: options.widen, trained,
  };
  const descendants: DescendantDiagnosis[] = [];
  for (const w of evaluation.offending) descendants.push(await diagnoseDescendant(ctx, w, threshold));
  return {
    ...head, status: 'diagnosed', refitSeeds, descendants, trainedJobs: trained.jobs,
    summary: `Self-defeating improvement '${update.name}': ${descendants.map((d) => d.primary !== null ? `'${d.model}' — ${KIND_NAMES[d.primary]}` : `'${d.model}' — unclear`).join('; ')}.`,
  };
}
