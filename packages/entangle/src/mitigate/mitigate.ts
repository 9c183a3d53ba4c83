// mitigate(): re-evaluates an update with a remedy applied to both the baseline and the updated system (a fair,
// paired comparison) and reports whether the self-defeating improvement disappears (paper §7).
import { canonicalJson } from '../core/canonical-json.js';
import { UpdateError } from '../core/errors.js';
import { fmt } from '../diagnose/context.js';
import { compareSystems, evaluateUpdate, type ModelEvaluation, type UpdateEvaluation } from '../evaluate/evaluate-update.js';
import type { EvaluationEvent } from '../evaluate/events.js';
import { pairedDifference } from '../evaluate/stats/paired.js';
import type { ModelVerdict } from '../evaluate/verdict.js';
import '../learners/index.js';
import '../losses/index.js';
import type { Executor } from '../runtime/executor.js';
import type { Store } from '../store/store.js';
import type { Update } from '../system/spec.js';
import type { System } from '../system/system.js';
import { applyUpdate } from '../system/update.js';
import { applyRemedy, resolveRemedy, type RemedyKind, type RemedyRequest, type ResolvedRemedy } from './remedies.js';

export interface MitigateOptions {
  /** Seeds to pair over (count or list); default: the given evaluation's seeds, else 5. */
  seeds?: number | readonly number[];
  store: Store;
  executor?: Executor;
  onProgress?: (event: EvaluationEvent) => void;
  signal?: AbortSignal;
  alpha?: number;
  /** The unremedied evaluation of `update`, when already computed (else it is computed; cached jobs are reused). */
  evaluation?: UpdateEvaluation;
  /**
   * Smallest deterioration of a descendant that counts, in its loss's units (default 0 = Definition 2.1): a
   * descendant is harmed when its verdict is 'deteriorated' and the lower end of its interval exceeds the margin.
   */
  margin?: number;
}

/**
 * 'removed': with the remedy v still improves, no descendant is harmed, and no descendant of the remedied updated
 * system is worse than in the original baseline; 'costly': no longer self-defeating, but only because the remedy
 * made some descendant worse than it originally was; 'reduced': still harmed, but every harm at most half of what
 * it was; 'persists': otherwise; 'improvement-lost': with the remedy v no longer improves; 'not-self-defeating':
 * there was no harm to remove; 'not-applicable': the remedy does not fit this system (see `reason`).
 */
export type MitigationOutcome = 'removed' | 'costly' | 'reduced' | 'persists' | 'improvement-lost' | 'not-self-defeating' | 'not-applicable';

/** One model's paired difference under one variant of the comparison. */
export interface DifferenceDigest {
  baseline: number;
  updated: number;
  /** Mean Δ = ℓ(updated) − ℓ(baseline). */
  difference: number;
  ci: [number, number] | null;
  pAdjusted: number | null;
  verdict: ModelVerdict;
  /** Descendants: verdict 'deteriorated' and interval above the margin. */
  harmed: boolean;
}

export interface ModelMitigation {
  model: string;
  role: ModelEvaluation['role'];
  loss: string;
  before: DifferenceDigest;
  /** Null when the remedy was not applied. */
  after: DifferenceDigest | null;
  /** Descendants harmed before: 1 − Δ_after / Δ_before (1 = the harm is gone, 0 = unchanged, < 0 = worse). */
  harmReduction: number | null;
  /**
   * What shipping the update with the remedy does, against the original baseline: paired over seeds,
   * ℓ(remedied updated) − ℓ(original baseline); `worse` when the interval lies above the margin. Null without a remedy.
   */
  shipped: { difference: number; ci: [number, number] | null; worse: boolean } | null;
}

export interface MitigationResult {
  system: string;
  update: string;
  /** The updated model v. */
  model: string;
  remedy: RemedyKind;
  /** Every choice of the remedy (models, learners, args); null when it does not apply. */
  resolved: ResolvedRemedy | null;
  /** Why the remedy does not apply (outcome 'not-applicable'). */
  reason?: string;
  /** What the remedy changed, identically in the baseline and the updated system. */
  changes: string[];
  /** Models the remedy inserted (whiten nodes): reported, not judged. */
  inserted: string[];
  seeds: number[];
  alpha: number;
  margin: number;
  outcome: MitigationOutcome;
  before: { run: string; kind: string; selfDefeating: boolean; harmed: string[]; summary: string };
  after: { run: string; kind: string; selfDefeating: boolean; harmed: string[]; summary: string } | null;
  /** The models of the original system, in topological order. */
  models: ModelMitigation[];
  summary: string;
}

function digest(m: ModelEvaluation, margin: number): DifferenceDigest {
  const ci = m.difference.ci;
  const harmed = m.role === 'descendant' && m.verdict === 'deteriorated' && ci !== null && ci[0] > margin;
  return { baseline: m.baseline.mean, updated: m.updated.mean, difference: m.difference.mean, ci, pAdjusted: m.difference.pAdjusted, verdict: m.verdict, harmed };
}

/** Definition 2.1 with the margin, judged on the original models only (inserted nodes are left out). */
function judge(e: UpdateEvaluation, original: readonly string[], margin: number): { selfDefeating: boolean; harmed: string[]; vImproved: boolean } {
  const vImproved = e.models.find((m) => m.model === e.model)!.verdict === 'improved';
  const harmed = e.models.filter((m) => original.includes(m.model) && digest(m, margin).harmed).map((m) => m.model);
  return { selfDefeating: vImproved && harmed.length > 0, harmed, vImproved };
}

const interval = (d: DifferenceDigest): string => (d.ci === null ? 'no interval' : `[${fmt(d.ci[0])}, ${fmt(d.ci[1])}]`);

function shippedDifference(before: ModelEvaluation, after: ModelEvaluation, alpha: number, margin: number): ModelMitigation['shipped'] {
  const d = pairedDifference(before.baseline.values, after.updated.values, alpha);
  return { difference: d.mean, ci: d.ci, worse: before.role === 'descendant' && d.ci !== null && d.ci[0] > margin };
}

function outcomeOf(beforeSd: boolean, after: ReturnType<typeof judge>, models: ModelMitigation[]): MitigationOutcome {
  if (!beforeSd) return 'not-self-defeating';
  if (!after.vImproved) return 'improvement-lost';
  if (after.harmed.length === 0) return models.some((m) => m.shipped?.worse) ? 'costly' : 'removed';
  const halved = after.harmed.every((w) => (models.find((m) => m.model === w)?.harmReduction ?? 0) >= 0.5);
  return halved ? 'reduced' : 'persists';
}

function summarize(r: Omit<MitigationResult, 'summary'>): string {
  const name = `Remedy '${r.remedy}' for '${r.update}'`;
  if (r.outcome === 'not-applicable') return `${name}: not applicable — ${r.reason}.`;
  const harmedBefore = r.models.filter((m) => m.before.harmed);
  const parts = harmedBefore.map((m) => `'${m.model}' Δ${m.loss} ${fmt(m.before.difference)} ${interval(m.before)} → ${fmt(m.after!.difference)} ${interval(m.after!)}`);
  const margin = r.margin > 0 ? ` (harm counted above a margin of ${fmt(r.margin)})` : '';
  switch (r.outcome) {
    case 'removed': return `${name}: the self-defeating improvement disappears${margin}: ${parts.join('; ')}; '${r.model}' still improves.`;
    case 'costly': {
      const worse = r.models.filter((m) => m.shipped?.worse).map((m) => `'${m.model}' ${fmt(m.before.baseline)} → ${fmt(m.after!.updated)}`);
      return `${name}: no longer self-defeating${margin} (${parts.join('; ')}), but only at a cost: shipping the update with the remedy is worse than the original system (${worse.join(', ')}).`;
    }
    case 'reduced': return `${name}: the harm shrinks by at least half but remains${margin}: ${parts.join('; ')}.`;
    case 'persists': return `${name}: the self-defeating improvement persists${margin}: ${parts.join('; ')}.`;
    case 'improvement-lost': return `${name}: with the remedy '${r.model}' no longer improves measurably, so the update is no longer an improvement to defend.`;
    default: return `${name}: the update was not a self-defeating improvement to begin with (${r.before.kind})${margin}; with the remedy it is '${r.after?.kind}'.`;
  }
}

/**
 * Compares the unremedied evaluation `before` with the remedied one `after` (same seeds) on the models of the
 * original system (`original`; inserted nodes are left out) and names the outcome.
 */
export function judgeMitigation(before: UpdateEvaluation, after: UpdateEvaluation, original: readonly string[], margin: number): {
  outcome: MitigationOutcome; models: ModelMitigation[]; before: ReturnType<typeof judge>; after: ReturnType<typeof judge>;
} {
  const models: ModelMitigation[] = before.models.filter((m) => original.includes(m.model)).map((m) => {
    const remedied = after.models.find((x) => x.model === m.model);
    if (remedied === undefined) throw new RangeError(`judgeMitigation: the remedied evaluation has no model '${m.model}'.`);
    const b = digest(m, margin);
    const a = digest(remedied, margin);
    return { model: m.model, role: m.role, loss: m.loss, before: b, after: a, harmReduction: b.harmed ? 1 - a.difference / b.difference : null, shipped: shippedDifference(m, remedied, before.alpha, margin) };
  });
  const judgedBefore = judge(before, original, margin);
  const judgedAfter = judge(after, original, margin);
  return { outcome: outcomeOf(judgedBefore.selfDefeating, judgedAfter, models), models, before: judgedBefore, after: judgedAfter };
}

/**
 * Evaluates `update` without and with `remedy` (applied to both the baseline and the updated system, same seeds),
 * and says whether the self-defeating improvement disappears. Jobs the store holds are reused: a remedy that
 * only changes w retrains only w (docs/diagnose.md, "Remedies").
 */
export async function mitigate(system: System, update: Update, remedy: RemedyKind | RemedyRequest, options: MitigateOptions): Promise<MitigationResult> {
  const request: RemedyRequest = typeof remedy === 'string' ? { kind: remedy } : remedy;
  const margin = options.margin ?? 0;
  if (!(margin >= 0)) throw new RangeError(`mitigate: margin must be ≥ 0 (in the descendant's loss units), got ${margin}.`);
  const seeds = options.seeds ?? options.evaluation?.seeds ?? 5;
  const evalOptions = { seeds, store: options.store, executor: options.executor, onProgress: options.onProgress, signal: options.signal, alpha: options.alpha };
  const given = options.evaluation;
  if (given !== undefined && (given.system !== system.name || given.model !== update.model || (given.update !== undefined && canonicalJson(given.update) !== canonicalJson(update)))) {
    throw new UpdateError(`mitigate: options.evaluation is of '${given.update?.name ?? given.name}' (model '${given.model}' of system '${given.system}'), not of update '${update.name}' of '${update.model}' in '${system.name}'. Pass the evaluation of this update, or leave it out.`);
  }
  const before = given ?? (await evaluateUpdate(system, update, evalOptions));
  const original = system.topoOrder();
  const beforeJudged = judge(before, original, margin);
  const downstream = beforeJudged.harmed.length > 0 ? beforeJudged.harmed : system.descendants(update.model);
  const resolved = resolveRemedy(system, update.model, downstream, request);
  const head = {
    system: system.name, update: update.name, model: update.model, remedy: request.kind,
    seeds: [...before.seeds], alpha: before.alpha, margin,
    before: { run: before.run, kind: before.kind, selfDefeating: beforeJudged.selfDefeating, harmed: beforeJudged.harmed, summary: before.summary },
  };
  if (typeof resolved === 'string') {
    const models = before.models.map((m) => ({ model: m.model, role: m.role, loss: m.loss, before: digest(m, margin), after: null, harmReduction: null, shipped: null }));
    const partial = { ...head, resolved: null, reason: resolved, changes: [], inserted: [], outcome: 'not-applicable' as const, after: null, models };
    return { ...partial, summary: summarize(partial) };
  }
  const base = applyRemedy(system, resolved);
  const upd = applyRemedy(applyUpdate(system, update), resolved);
  const after = await compareSystems(base.system, upd.system, { ...evalOptions, seeds: before.seeds, alpha: before.alpha, model: update.model, name: `${update.name} + ${request.kind}` });
  const judged = judgeMitigation(before, after, original, margin);
  const partial = {
    ...head, resolved, changes: base.changes, inserted: base.inserted, outcome: judged.outcome,
    after: { run: after.run, kind: after.kind, selfDefeating: judged.after.selfDefeating, harmed: judged.after.harmed, summary: after.summary },
    models: judged.models,
  };
  return { ...partial, summary: summarize(partial) };
}
