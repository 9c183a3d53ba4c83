// `entangle report`: one self-contained HTML report of every scenario result and evaluation saved in the store.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderHtmlReport } from '../../report/html.js';
import { runReport } from '../../report/run-report.js';
import { CommandFailure, EXIT, UsageError } from '../exit-codes.js';
import { listEvaluations, listScenarioResults } from '../results.js';
import { out, storeDir, storeExists, type CommonOptions } from './common.js';

export interface ReportOptions extends CommonOptions {
  out: string;
}

/** The HTML of the store's report: scenario results, then evaluations made with `entangle evaluate`. */
export function storeReportHtml(dir: string, generatedAt: string): { html: string; results: number; evaluations: number } {
  const results = listScenarioResults(dir).map((s) => s.result);
  const evaluations = listEvaluations(dir).filter((e) => e.origin.command === 'evaluate').map((e) => e.evaluation);
  const html = renderHtmlReport(runReport(results, { evaluations, generatedAt, subtitle: `Results saved in ${dir}` }));
  return { html, results: results.length, evaluations: evaluations.length };
}

export function reportCommand(options: ReportOptions): number {
  const dir = storeDir(options);
  if (!storeExists(dir)) throw new CommandFailure(new UsageError(`There is no store in ${dir}: nothing to report. Run 'entangle run <scenario>' first, or pass --store DIR.`), 'input');
  const { html, results, evaluations } = storeReportHtml(dir, new Date().toISOString());
  const path = resolve(options.out);
  writeFileSync(path, html);
  if (options.json) out(JSON.stringify({ file: path, results, evaluations }));
  else out(`Wrote ${path}: ${results} scenario result${results === 1 ? '' : 's'}, ${evaluations} evaluation${evaluations === 1 ? '' : 's'}.`);
  return EXIT.ok;
}
