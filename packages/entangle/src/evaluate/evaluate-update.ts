// Evaluating an update (or any two points of a sweep): paired training of baseline and updated systems over
// seeds, per-model statistics, and the Definition 2.1 verdict.
import { canonicalJson, sha256 } from '../core/canonical-json.js';
import { UpdateError } from '../core/errors.js';
import { listNames } from '../core/suggest.js';
import type { Json } from '../core/types.js';
import type { Executor } from '../runtime/executor.js';
import type { LossRecord, Store } from '../store/store.js';
import { jobKeys } from '../system/job-key.js';
import type { Update } from '../system/spec.js';
import type { System } from '../system/system.js';
import { applyUpdate } from '../system/update.js';
import type { EvaluationEvent } from './events.js';
import { planJobs, plannedId } from './plan.js';
import { runPlan } from './run-plan.js';
import type { PairedDifference, Summary } from './stats/paired.js';
import { judgeModels, type PairedLosses } from './judge.js';
import type { ModelVerdict, UpdateKind } from './verdict.js';

export interface EvaluateOptions {
  /** Seeds to pair over: a count n (seeds 0..n−1) or an explicit list. */
  seeds: number | readonly number[];
  store: Store;
  /** Default: a new InlineExecutor. */
  executor?: Executor;
  onProgress?: (event: EvaluationEvent) => void;
  signal?: AbortSignal;
  /** Significance level of intervals and tests; default 0.05 (95% intervals). */
  alpha?: number;
  /** Name of the run in the store. */
  name?: string;
}

export interface CompareOptions extends EvaluateOptions {
  /** The model whose change is being judged (v); found automatically when exactly one model changed at its root. */
  model?: string;
}

export interface ModelEvaluation {
  model: string;
  /** 'updated' is v; 'descendant' is in C_v; 'other' models are neither (upstream or unrelated). */
  role: 'updated' | 'descendant' | 'other';
  /** Kind of the fixed test loss ℓ. */
  loss: string;
  baseline: Summary & { values: number[] };
  updated: Summary & { values: number[] };
  /** Δ = ℓ(updated) − ℓ(baseline) per seed and its paired statistics; pAdjusted is Holm over descendants (null otherwise). */
  difference: PairedDifference & { values: number[]; pAdjusted: number | null };
  verdict: ModelVerdict;
}

export interface UpdateEvaluation {
  /** Run id in the store (same inputs → same id, so a rerun resumes it). */
  run: string;
  name: string;
  system: string;
  update?: Update;
  /** The updated model v. */
  model: string;
  /** C_v, in topological order. */
  descendants: string[];
  seeds: number[];
  alpha: number;
  /** Every model, in topological order. */
  models: ModelEvaluation[];
  /** Definition 2.1: v improved and some descendant deteriorated. */
  selfDefeating: boolean;
  /** Descendants that deteriorated. */
  offending: string[];
  kind: UpdateKind;
  /** One sentence for people. */
  summary: string;
}

/** What an evaluation is about: its run, the system, the update (if any), v with its descendants, the seeds and α. */
export interface EvaluationSubject {
  run: string;
  name: string;
  system: string;
  update?: Update | undefined;
  model: string;
  descendants: string[];
  seeds: number[];
  alpha: number;
}

/** A model's role when v = `focus` is judged. */
export function roleOf(model: string, focus: string, descendants: readonly string[]): ModelEvaluation['role'] {
  return model === focus ? 'updated' : descendants.includes(model) ? 'descendant' : 'other';
}

/** The evaluation of `subject` without its summary: judgeModels over the per-model paired losses, in that order. */
export function judgedEvaluation(subject: EvaluationSubject, paired: readonly PairedLosses[]): Omit<UpdateEvaluation, 'summary'> {
  const { run, name, system, update, model, descendants, seeds, alpha } = subject;
  const { models, offending, kind } = judgeModels(paired, alpha);
  return {
    run,
    name,
    system,
    ...(update !== undefined ? { update } : {}),
    model,
    descendants,
    seeds,
    alpha,
    models,
    selfDefeating: kind === 'self-defeating',
    offending,
    kind,
  };
}

/** A model's paired per-seed values under another test loss (same seeds, same order). */
export interface ReplacedLoss {
  loss: string;
  baseline: number[];
  updated: number[];
}

/**
 * The same runs judged again with other test losses for some models (e.g. the second metric a paper reports for a
 * detector): Holm, verdicts and summary are recomputed; the other models keep their losses.
 */
export function withLosses(e: UpdateEvaluation, name: string, replaced: ReadonlyMap<string, ReplacedLoss>): UpdateEvaluation {
  for (const [model, r] of replaced) {
    if (!e.models.some((m) => m.model === model)) throw new UpdateError(`withLosses: '${model}' is not a model of the evaluation (models: ${e.models.map((m) => m.model).join(', ')}).`);
    if (r.baseline.length !== e.seeds.length || r.updated.length !== e.seeds.length) {
      throw new UpdateError(`withLosses: '${model}' needs one value per seed (${e.seeds.length}), got ${r.baseline.length} baseline and ${r.updated.length} updated.`);
    }
  }
  const paired: PairedLosses[] = e.models.map((m) => {
    const r = replaced.get(m.model);
    return { model: m.model, role: m.role, loss: r?.loss ?? m.loss, baseline: r?.baseline ?? m.baseline.values, updated: r?.updated ?? m.updated.values };
  });
  const { summary: _summary, ...subject } = e;
  const evaluation = judgedEvaluation({ ...subject, name }, paired);
  return { ...evaluation, summary: summarizeEvaluation(evaluation) };
}

function normalizeSeeds(seeds: number | readonly number[]): number[] {
  const list = typeof seeds === 'number' ? Array.from({ length: seeds }, (_, i) => i) : [...seeds];
  if (list.length === 0) throw new RangeError('At least one seed is needed; use 5 or more for a meaningful interval.');
  for (const s of list) if (!Number.isSafeInteger(s)) throw new RangeError(`Seeds must be integers, got ${s}.`);
  if (new Set(list).size !== list.length) throw new RangeError(`Seeds must be distinct, got ${list.join(', ')}.`);
  return list;
}

/** Both systems must have the same models, edges, test sets and test losses (ℓ_v and D̄_v are fixed, paper §2). */
function checkComparable(a: System, b: System): void {
  const ids = (s: System): string => s.topoOrder().slice().sort().join(', ');
  if (ids(a) !== ids(b)) throw new UpdateError(`Cannot compare systems with different models: ${ids(a)} vs ${ids(b)}. An update changes one model, not the graph.`);
  for (const id of a.topoOrder()) {
    const x = a.model(id);
    const y = b.model(id);
    if (x.parents.join(',') !== y.parents.join(',')) throw new UpdateError(`Model '${id}' has parents [${x.parents.join(', ')}] in one system and [${y.parents.join(', ')}] in the other; compare systems with the same graph.`);
    if (canonicalJson(x.loss) !== canonicalJson(y.loss)) throw new UpdateError(`Model '${id}' has test loss ${canonicalJson(x.loss)} in one system and ${canonicalJson(y.loss)} in the other; the test loss is fixed (paper §2).`);
    if (a.dataset(x.test).version !== b.dataset(y.test).version || (x.testTarget ?? x.target) !== (y.testTarget ?? y.target)) {
      throw new UpdateError(`Model '${id}' is tested on different data in the two systems; the test set is fixed (paper §2).`);
    }
  }
}

/** Models whose key changed while all their parents' keys stayed the same: where the change was made. */
function changedRoots(a: System, b: System): string[] {
  const ka = jobKeys(a, 0);
  const kb = jobKeys(b, 0);
  return a.topoOrder().filter((id) => ka.get(id) !== kb.get(id) && a.model(id).parents.every((p) => ka.get(p) === kb.get(p)));
}

const fmt = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3));
const signed = (x: number): string => (x > 0 ? `+${fmt(x)}` : fmt(x));

function describeDiff(m: ModelEvaluation, level: number): string {
  const ci = m.difference.degenerate === 'single-seed'
    ? 'one seed, no interval'
    : m.difference.degenerate === 'identical-differences'
      ? `the same on all ${m.difference.n} seeds`
      : `${level}% CI [${fmt(m.difference.ci![0])}, ${fmt(m.difference.ci![1])}]`;
  const holm = m.difference.pAdjusted !== null ? `, Holm p = ${fmt(m.difference.pAdjusted)}` : '';
  return `Δ${m.loss} = ${signed(m.difference.mean)}, ${ci}${holm}`;
}

function summarizeEvaluation(e: Omit<UpdateEvaluation, 'summary'>): string {
  const level = Math.round((1 - e.alpha) * 1000) / 10;
  const v = e.models.find((m) => m.model === e.model)!;
  const worse = e.models.filter((m) => e.offending.includes(m.model));
  const better = e.models.filter((m) => m.role === 'descendant' && m.verdict === 'improved');
  const list = (ms: ModelEvaluation[]): string => ms.map((m) => `'${m.model}' (${describeDiff(m, level)})`).join(', ');
  switch (e.kind) {
    case 'self-defeating':
      return `Self-defeating improvement: '${e.model}' improved (${describeDiff(v, level)}) but ${list(worse)} deteriorated after retraining.`;
    case 'improvement':
      return `Improvement: '${e.model}' ${v.verdict === 'improved' ? `improved (${describeDiff(v, level)})` : `did not change measurably (${describeDiff(v, level)})`}` +
        `${better.length > 0 ? `; ${list(better)} improved` : ''}; no descendant deteriorated.`;
    case 'regression':
      return `Regression: ${v.verdict === 'deteriorated' ? `'${e.model}' deteriorated (${describeDiff(v, level)})` : `'${e.model}' did not improve measurably (${describeDiff(v, level)})`}` +
        `${worse.length > 0 ? `; ${list(worse)} deteriorated` : ''}.`;
    default:
      return `No evidence of a change in '${e.model}' (${describeDiff(v, level)}) or its descendants over ${e.seeds.length} seed${e.seeds.length === 1 ? '' : 's'}.${e.seeds.length < 5 ? ' Try more seeds.' : ''}`;
  }
}

/**
 * Trains `baseline` and `candidate` with the same seeds (paired), reusing every job the store holds, and judges
 * the change of one model (v) by Definition 2.1. Models upstream of or unrelated to v are shared between both.
 */
export async function compareSystems(baseline: System, candidate: System, options: CompareOptions): Promise<UpdateEvaluation> {
  return evaluate(baseline, candidate, options, undefined);
}

/** Applies `update` to `system` and evaluates it: see compareSystems. */
export async function evaluateUpdate(system: System, update: Update, options: EvaluateOptions): Promise<UpdateEvaluation> {
  return evaluate(system, applyUpdate(system, update), { ...options, model: update.model, name: options.name ?? update.name }, update);
}

async function evaluate(a: System, b: System, options: CompareOptions, update: Update | undefined): Promise<UpdateEvaluation> {
  const seeds = normalizeSeeds(options.seeds);
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}.`);
  checkComparable(a, b);
  let focus = options.model;
  if (focus === undefined) {
    const roots = changedRoots(a, b);
    if (roots.length === 0) throw new UpdateError(`The two versions of system '${a.name}' train identical models; there is no change to evaluate.`);
    if (roots.length > 1) throw new UpdateError(`Several models changed between the two systems (${listNames(roots)}); pass { model } to say which update to judge.`);
    focus = roots[0];
  }
  a.model(focus);
  const descendants = b.descendants(focus);
  const name = options.name ?? `${a.name}: ${focus}`;
  const config = {
    kind: update === undefined ? 'compare' : 'update',
    name,
    model: focus,
    seeds,
    alpha,
    ...(update !== undefined ? { update } : {}),
    baseline: a.describe(),
    updated: b.describe(),
  } as unknown as Json;
  const run = sha256(canonicalJson({ baseline: a.fingerprint(), updated: b.fingerprint(), model: focus, seeds, alpha })).slice(0, 16);
  const store = options.store;
  store.openRun(run, name, config);
  let done;
  try {
    done = await runPlan(planJobs([{ label: 'baseline', system: a }, { label: 'updated', system: b }], seeds), options);
  } catch (e) {
    store.setRunStatus(run, (e as Error)?.name === 'AbortError' ? 'aborted' : 'failed');
    throw e;
  }

  const rows: LossRecord[] = [];
  const valuesOf = (label: string, model: string): number[] =>
    seeds.map((seed) => {
      const { result } = done.get(plannedId(label, seed, model))!;
      rows.push({ run, seed, variant: label, model, loss: result.metrics.loss, value: result.metrics.testLoss, job: result.key });
      return result.metrics.testLoss;
    });
  const order = a.topoOrder();
  const paired: PairedLosses[] = order.map((model) => ({
    model,
    role: roleOf(model, focus, descendants),
    loss: a.model(model).loss.kind,
    baseline: valuesOf('baseline', model),
    updated: valuesOf('updated', model),
  }));
  store.recordLosses(rows);
  const evaluation = judgedEvaluation({ run, name, system: a.name, update, model: focus, descendants, seeds, alpha }, paired);
  const result: UpdateEvaluation = { ...evaluation, summary: summarizeEvaluation(evaluation) };
  store.finishRun(run, result as unknown as Json);
  return result;
}
