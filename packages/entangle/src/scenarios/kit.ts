// Shared pieces of scenario runs: paired comparisons with job accounting, verdict tables and findings.
import type { JsonObject } from '../core/types.js';
import type { EvaluationEvent } from '../evaluate/events.js';
import { compareSystems, evaluateUpdate, type UpdateEvaluation } from '../evaluate/evaluate-update.js';
import type { Table } from '../report/table.js';
import type { Update } from '../system/spec.js';
import type { System } from '../system/system.js';
import type { Comparison, FigureOut, Finding, PresetName, Scenario, ScenarioContext, ScenarioResult } from './scenario.js';

/** Counts jobs trained vs taken from the store while forwarding progress events. */
export class JobCounter {
  trained = 0;
  reused = 0;
  constructor(private readonly forward?: (event: EvaluationEvent) => void) {}
  readonly onProgress = (event: EvaluationEvent): void => {
    if (event.type === 'job-done') this.trained++;
    if (event.type === 'job-cached') this.reused++;
    this.forward?.(event);
  };
}

/** Seeds 0..n−1, where n is the context's override or the preset's `seeds` param. */
export function seedsFor(params: JsonObject, ctx: ScenarioContext): number[] {
  const n = ctx.seeds ?? Number(params.seeds ?? 5);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`seeds must be a positive integer, got ${String(params.seeds ?? ctx.seeds)}.`);
  return Array.from({ length: n }, (_, i) => i);
}

type Judge = { label: string; expected: Comparison['expected'] };

/** Evaluates `update` on `system` over `seeds` (paired) and wraps it as a Comparison. */
export async function judgeUpdate(system: System, update: Update, seeds: number[], ctx: ScenarioContext, counter: JobCounter, judge: Judge): Promise<Comparison> {
  const evaluation = await evaluateUpdate(system, update, {
    seeds, store: ctx.store, executor: ctx.executor, onProgress: counter.onProgress, signal: ctx.signal, name: judge.label,
  });
  const comparison: Comparison = { ...judge, evaluation };
  Object.defineProperty(comparison, 'subject', { value: { system, update }, enumerable: false });
  return comparison;
}

/** Compares two systems (e.g. the ends of a sweep) over `seeds` (paired), judging the change of `model`. */
export async function judgeSystems(a: System, b: System, model: string, seeds: number[], ctx: ScenarioContext, counter: JobCounter, judge: Judge): Promise<Comparison> {
  const evaluation = await compareSystems(a, b, {
    seeds, model, store: ctx.store, executor: ctx.executor, onProgress: counter.onProgress, signal: ctx.signal, name: judge.label,
  });
  return { ...judge, evaluation };
}

const ci = (c: [number, number] | null): string => (c === null ? 'n/a' : `[${c[0].toPrecision(3)}, ${c[1].toPrecision(3)}]`);

/** The per-model verdict table of one evaluation (mean ± sd of each variant, Δ with its interval, Holm p). */
export function verdictTable(evaluation: UpdateEvaluation, caption: string): Table {
  return {
    caption,
    columns: ['model', 'role', 'loss', 'baseline mean', 'baseline sd', 'updated mean', 'updated sd', 'Δ mean', `Δ ${Math.round((1 - evaluation.alpha) * 100)}% CI`, 'p (Holm)', 'verdict'],
    rows: evaluation.models.map((m) => [
      m.model, m.role, m.loss, m.baseline.mean, m.baseline.sd, m.updated.mean, m.updated.sd, m.difference.mean,
      ci(m.difference.ci), m.difference.pAdjusted ?? m.difference.p, m.verdict,
    ]),
  };
}

/** Does the comparison's Definition 2.1 outcome match what the paper expects? */
export function expectationFinding(c: Comparison): Finding {
  const got = c.evaluation.kind;
  return {
    claim: `${c.label}: ${c.expected === 'no evidence' ? 'no evidence of a change' : `a${c.expected === 'improvement' ? 'n' : ''} ${c.expected}${c.expected === 'self-defeating' ? ' improvement' : ''}`}`,
    holds: got === c.expected,
    detail: c.evaluation.summary,
  };
}

/** Assembles a ScenarioResult from a run's pieces. */
export function scenarioResult(
  scenario: Scenario,
  preset: PresetName,
  params: JsonObject,
  seeds: number[],
  started: number,
  counter: JobCounter,
  parts: { comparisons: Comparison[]; tables?: Table[]; figures?: FigureOut[]; findings?: Finding[] },
): ScenarioResult {
  const findings = [...parts.comparisons.map(expectationFinding), ...(parts.findings ?? [])];
  const tables = [...parts.comparisons.map((c) => verdictTable(c.evaluation, c.label)), ...(parts.tables ?? [])];
  return {
    scenario: scenario.name, title: scenario.title, paper: scenario.paper, preset, params, seeds,
    comparisons: parts.comparisons, tables, figures: parts.figures ?? [], findings,
    selfDefeating: parts.comparisons.some((c) => c.evaluation.selfDefeating),
    jobs: { trained: counter.trained, reused: counter.reused },
    seconds: (Date.now() - started) / 1000,
  };
}

/** Merges a preset's params with user overrides; unknown keys are an error naming the known ones. */
export function resolveParams(scenario: Scenario, preset: PresetName, overrides: JsonObject = {}): JsonObject {
  const base = scenario.presets[preset];
  if (base === undefined) throw new RangeError(`Scenario '${scenario.name}' has no preset '${preset}'. Presets: ${Object.keys(scenario.presets).join(', ')}.`);
  for (const key of Object.keys(overrides)) {
    if (!(key in base)) throw new RangeError(`Scenario '${scenario.name}' has no parameter '${key}'. Parameters: ${Object.keys(base).join(', ')}.`);
  }
  return { ...base, ...overrides };
}
