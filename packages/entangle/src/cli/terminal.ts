// Results as terminal text: verdict tables (aligned Markdown), verdict lines, findings and job counts.
import type { UpdateEvaluation } from '../evaluate/evaluate-update.js';
import { evaluationTable, extraTables, meetsExpectation, seedsText } from '../report/run-report.js';
import { tableToMarkdown } from '../report/table.js';
import type { ScenarioResult } from '../scenarios/scenario.js';
import type { JobCounts } from './progress.js';

const KIND_LABEL: Record<UpdateEvaluation['kind'], string> = {
  'self-defeating': 'SELF-DEFEATING IMPROVEMENT',
  improvement: 'IMPROVEMENT',
  regression: 'REGRESSION',
  'no evidence': 'NO EVIDENCE',
};

/** "N jobs trained, M from the store", noting when nothing had to be trained. */
export function jobsLine(jobs: JobCounts): string {
  const all = jobs.trained === 0 && jobs.reused > 0 ? ' (every job came from the store)' : '';
  return `${jobs.trained} job${jobs.trained === 1 ? '' : 's'} trained, ${jobs.reused} from the store${all}.`;
}

/** An evaluation's verdict table followed by its overall kind and one-line summary. */
export function evaluationText(evaluation: UpdateEvaluation): string {
  return [
    tableToMarkdown(evaluationTable(evaluation)),
    '',
    `Verdict: ${KIND_LABEL[evaluation.kind]}. ${evaluation.summary}`,
  ].join('\n');
}

/** Everything a scenario run has to say in the terminal (figures are only in the HTML report and the dashboard). */
export function scenarioText(result: ScenarioResult, savedAs?: string): string {
  const lines: string[] = [
    `== ${result.scenario}: ${result.title} (${result.paper})`,
    `preset ${result.preset}, ${result.seeds.length} seed${result.seeds.length === 1 ? '' : 's'} (${seedsText(result.seeds)}), ${result.seconds.toFixed(1)} s`,
  ];
  for (const c of result.comparisons) {
    lines.push('', `-- ${c.label}`, evaluationText(c.evaluation));
    lines.push(meetsExpectation(c) ? `As the paper expects (${c.expected}).` : `Differs from the paper's expectation: expected ${c.expected}, got ${c.evaluation.kind}.`);
  }
  for (const table of extraTables(result)) lines.push('', tableToMarkdown(table));
  if (result.findings.length > 0) {
    lines.push('', 'Findings:');
    for (const f of result.findings) lines.push(`  ${f.holds ? '✓' : '✗'} ${f.claim}: ${f.detail}`);
  }
  if (result.figures.length > 0) {
    lines.push('', `${result.figures.length} figure${result.figures.length === 1 ? '' : 's'} (${result.figures.map((f) => f.name).join(', ')}): see --report FILE, 'entangle report' or 'entangle serve'.`);
  }
  lines.push('', `Overall: ${result.selfDefeating ? 'a self-defeating improvement was found' : 'no self-defeating improvement found'}. ${jobsLine(result.jobs)}`);
  if (savedAs !== undefined) lines.push(`Saved as result '${savedAs}'.`);
  return lines.join('\n');
}
