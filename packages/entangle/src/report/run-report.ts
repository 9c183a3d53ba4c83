// Scenario results and update evaluations as report pieces: verdict tables, badges, findings and HTML sections.
import type { ModelEvaluation, UpdateEvaluation } from '../evaluate/evaluate-update.js';
import type { Comparison, ScenarioResult } from '../scenarios/scenario.js';
import type { HtmlReport, ReportSection, Verdict } from './html.js';
import type { Table } from './table.js';

/** A number with 3 significant digits (exponent form below 1e-3 or from 1e4), '0' for zero. */
export function formatStat(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  return Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3);
}

/** formatStat with an explicit sign, so Δ columns read at a glance. */
export function formatSigned(x: number): string {
  return x > 0 ? `+${formatStat(x)}` : formatStat(x);
}

/** A p-value: below 1e-4 as '<1e-4', else 2 significant digits. */
export function formatP(p: number | null): string {
  if (p === null) return '—';
  if (p < 1e-4) return '<1e-4';
  return p.toPrecision(2);
}

/** Confidence level of an evaluation in percent, e.g. 95 for α = 0.05. */
export function confidenceLevel(evaluation: Pick<UpdateEvaluation, 'alpha'>): number {
  return Math.round((1 - evaluation.alpha) * 1000) / 10;
}

function differenceCell(m: ModelEvaluation): string {
  const d = m.difference;
  if (d.degenerate === 'single-seed') return `${formatSigned(d.mean)} (one seed)`;
  if (d.ci === null) return formatSigned(d.mean);
  return `${formatSigned(d.mean)} [${formatSigned(d.ci[0])}, ${formatSigned(d.ci[1])}]`;
}

/**
 * The verdict table of one evaluation, one row per model in topological order: baseline and updated mean ± sd
 * of the test loss over seeds, Δ = ℓ(updated) − ℓ(baseline) with its confidence interval, the p-value (Holm-
 * adjusted for descendants, unadjusted otherwise) and the model's Definition 2.1 verdict.
 */
export function evaluationTable(evaluation: UpdateEvaluation, caption?: string): Table {
  const level = confidenceLevel(evaluation);
  return {
    ...(caption !== undefined ? { caption } : {}),
    columns: ['model', 'role', 'loss', 'baseline mean ± sd', 'updated mean ± sd', `Δ [${level}% CI]`,
      { name: 'p (Holm)', align: 'right' }, 'verdict'],
    rows: evaluation.models.map((m) => [
      m.model,
      m.role,
      m.loss,
      `${formatStat(m.baseline.mean)} ± ${formatStat(m.baseline.sd)}`,
      `${formatStat(m.updated.mean)} ± ${formatStat(m.updated.sd)}`,
      differenceCell(m),
      m.role === 'descendant' ? formatP(m.difference.pAdjusted) : formatP(m.difference.p),
      m.verdict,
    ]),
  };
}

/** The overall kind of an evaluation as a report badge. */
export function evaluationVerdict(evaluation: UpdateEvaluation, subject?: string): Verdict {
  return { kind: evaluation.kind, ...(subject !== undefined ? { subject } : {}), text: evaluation.summary };
}

/** Whether a comparison came out as the paper expects. */
export function meetsExpectation(comparison: Comparison): boolean {
  return comparison.evaluation.kind === comparison.expected;
}

/** A comparison's badge: its kind, its label, and whether the paper's expectation held. */
export function comparisonVerdict(comparison: Comparison): Verdict {
  const mark = meetsExpectation(comparison) ? '✓ as expected' : `✗ expected ${comparison.expected}`;
  return { kind: comparison.evaluation.kind, subject: comparison.label, text: `${comparison.evaluation.summary} (${mark})` };
}

/** The findings (claims of the paper checked on this run) as a table with ✓/✗. */
export function findingsTable(result: Pick<ScenarioResult, 'findings'>): Table {
  return {
    caption: 'Findings: claims of the paper checked on this run',
    columns: ['', 'claim', 'detail'],
    rows: result.findings.map((f) => [f.holds ? '✓' : '✗', f.claim, f.detail]),
  };
}

/**
 * The scenario's own tables other than per-comparison verdict tables (scenarios may add those under the
 * comparison's label; the report shows evaluationTable for each comparison instead, so they would repeat).
 */
export function extraTables(result: Pick<ScenarioResult, 'tables' | 'comparisons'>): Table[] {
  const labels = new Set(result.comparisons.map((c) => c.label));
  return result.tables.filter((t) => !(t.caption !== undefined && labels.has(t.caption) && t.columns.some((c) => (typeof c === 'string' ? c : c.name) === 'verdict')));
}

/** Seeds as a short range when consecutive ("0–4"), else a list. */
export function seedsText(seeds: readonly number[]): string {
  if (seeds.length === 0) return 'none';
  const consecutive = seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  return consecutive && seeds.length > 2 ? `${seeds[0]}–${seeds[seeds.length - 1]}` : seeds.join(', ');
}

/** One scenario result as a report section: badges, provenance, figures, findings, verdict tables, other tables. */
export function scenarioSection(result: ScenarioResult): ReportSection {
  const params = Object.entries(result.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  const text = [
    `Paper: ${result.paper}. Scenario '${result.scenario}', preset '${result.preset}', ${result.seeds.length} seed${result.seeds.length === 1 ? '' : 's'} (${seedsText(result.seeds)}).`,
    params ? `Parameters: ${params}.` : '',
    `${result.jobs.trained} jobs trained, ${result.jobs.reused} from the store, ${result.seconds.toFixed(1)} s.`,
  ].filter(Boolean).join('\n');
  const held = result.findings.filter((f) => f.holds).length;
  return {
    heading: `${result.title} (${result.scenario})`,
    verdicts: result.comparisons.map(comparisonVerdict),
    text: `${text}\n\n${result.findings.length > 0 ? `${held} of ${result.findings.length} findings hold.` : 'This scenario checks no findings.'}`,
    figures: result.figures.map((f) => ({ svg: f.svg, caption: f.title })),
    tables: [
      ...(result.findings.length > 0 ? [findingsTable(result)] : []),
      ...result.comparisons.map((c) => evaluationTable(c.evaluation, `${c.label} (expected: ${c.expected})`)),
      ...extraTables(result),
    ],
  };
}

/** One evaluation (e.g. from `entangle evaluate`) as a report section. */
export function evaluationSection(evaluation: UpdateEvaluation, heading?: string): ReportSection {
  return {
    heading: heading ?? `${evaluation.name} (run ${evaluation.run})`,
    verdicts: [evaluationVerdict(evaluation, `update of '${evaluation.model}'`)],
    text: `System '${evaluation.system}', ${evaluation.seeds.length} paired seed${evaluation.seeds.length === 1 ? '' : 's'} (${seedsText(evaluation.seeds)}), α = ${evaluation.alpha}.`,
    tables: [evaluationTable(evaluation)],
  };
}

/** The summary table at the top of a report with several scenarios. */
export function summaryTable(results: readonly ScenarioResult[]): Table {
  return {
    caption: 'Summary',
    columns: ['scenario', 'preset', 'paper', 'verdicts', 'findings hold', 'self-defeating'],
    rows: results.map((r) => [
      r.scenario,
      r.preset,
      r.paper,
      r.comparisons.map((c) => `${c.evaluation.kind}${meetsExpectation(c) ? ' ✓' : ' ✗'}`).join('; '),
      `${r.findings.filter((f) => f.holds).length}/${r.findings.length}`,
      r.selfDefeating ? 'yes' : 'no',
    ]),
  };
}

export interface RunReportOptions {
  title?: string;
  subtitle?: string;
  /** Shown in the footer (pass it in: the report reads no clock). */
  generatedAt?: string;
  /** Evaluations made outside scenarios (entangle evaluate), each as its own section after the scenarios. */
  evaluations?: readonly UpdateEvaluation[];
}

/** A whole report: a summary (when there is more than one scenario), then one section per result and evaluation. */
export function runReport(results: readonly ScenarioResult[], options: RunReportOptions = {}): HtmlReport {
  const evaluations = options.evaluations ?? [];
  const sections: ReportSection[] = [];
  if (results.length > 1) sections.push({ heading: 'Summary', tables: [summaryTable(results)] });
  sections.push(...results.map(scenarioSection), ...evaluations.map((e) => evaluationSection(e)));
  if (sections.length === 0) sections.push({ heading: 'No results', text: "The store holds no scenario results yet. Run 'entangle run <scenario>' first." });
  const single = results.length === 1 && evaluations.length === 0 ? results[0] : undefined;
  return {
    title: options.title ?? (single ? `entangle: ${single.title}` : 'entangle report'),
    ...(options.subtitle !== undefined ? { subtitle: options.subtitle } : single ? { subtitle: `${single.paper} · preset ${single.preset} · seeds ${seedsText(single.seeds)}` } : {}),
    ...(options.generatedAt !== undefined ? { generatedAt: options.generatedAt } : {}),
    sections,
  };
}
