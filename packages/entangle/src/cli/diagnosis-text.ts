// Diagnoses and remedy outcomes as terminal text: ranked entanglement types with scores, before/after tables.
import type { Diagnosis, DescendantDiagnosis } from '../diagnose/types.js';
import type { MitigationOutcome, MitigationResult, ModelMitigation } from '../mitigate/mitigate.js';
import { formatSigned, formatStat, seedsText } from '../report/run-report.js';
import { tableToMarkdown } from '../report/table.js';

/** Names of the entanglement kinds as the paper calls them (the same words as diagnose's KIND_NAMES). */
const KIND_TEXT: Record<string, string> = {
  'anti-correlated': 'anti-correlated errors (§3.2)',
  'hypothesis-mismatch': 'hypothesis-space mismatch (§3.1)',
  'loss-mismatch': 'loss-function mismatch (§3.1)',
  'data-mismatch': 'data-distribution mismatch (§3.1)',
};

const interval = (ci: [number, number] | null): string => (ci === null ? 'no interval' : `[${formatSigned(ci[0])}, ${formatSigned(ci[1])}]`);

/** One offending descendant: its deterioration, then every kind ranked with its score and explanation. */
function descendantText(d: DescendantDiagnosis): string {
  const h = d.deterioration;
  const lines = [
    `'${d.model}' deteriorated: Δ${h.loss} ${formatSigned(h.difference)} ${interval(h.ci)} (${formatStat(h.baseline)} → ${formatStat(h.updated)}); ` +
      (d.primary !== null ? `primary cause: ${KIND_TEXT[d.primary]}.` : 'no entanglement type explains it clearly.'),
  ];
  const width = Math.max(...d.evidence.map((e) => KIND_TEXT[e.kind].length));
  d.evidence.forEach((e, i) => {
    const score = e.applicable ? e.score.toFixed(2) : 'n/a';
    const mark = e.kind === d.primary ? '  ← primary' : '';
    lines.push(`  ${i + 1}. ${KIND_TEXT[e.kind].padEnd(width)}  score ${score}${mark}`, `     ${e.explanation}`);
  });
  return lines.join('\n');
}

/** A diagnosis for the terminal: its summary, then each offending descendant. */
export function diagnosisText(d: Diagnosis): string {
  if (d.status === 'nothing-to-diagnose') return d.summary;
  return [
    `Diagnosis: ${d.summary}`,
    ...d.descendants.map(descendantText),
    `(stored outputs of seed${d.seeds.length === 1 ? '' : 's'} ${seedsText(d.seeds)}; richer downstream refit on seed${d.refitSeeds.length === 1 ? '' : 's'} ${seedsText(d.refitSeeds)}; ${d.trainedJobs} job${d.trainedJobs === 1 ? '' : 's'} trained by the diagnosis; primary needs a score ≥ ${d.threshold})`,
  ].join('\n');
}

const OUTCOME_TEXT: Record<MitigationOutcome, string> = {
  removed: 'REMOVED',
  costly: 'REMOVED AT A COST',
  reduced: 'REDUCED',
  persists: 'PERSISTS',
  'improvement-lost': 'IMPROVEMENT LOST',
  'not-self-defeating': 'NOTHING TO REMOVE',
  'not-applicable': 'NOT APPLICABLE',
};

const difference = (d: { difference: number; ci: [number, number] | null } | null): string => (d === null ? '—' : `${formatSigned(d.difference)} ${interval(d.ci)}`);

function mitigationRow(m: ModelMitigation): (string | number)[] {
  return [
    m.model, m.role, m.loss,
    `${difference(m.before)} ${m.before.verdict}${m.before.harmed ? ', harmed' : ''}`,
    m.after === null ? '—' : `${difference(m.after)} ${m.after.verdict}${m.after.harmed ? ', harmed' : ''}`,
    m.harmReduction === null ? '—' : m.harmReduction.toFixed(2),
    m.shipped === null ? '—' : `${difference(m.shipped)}${m.shipped.worse ? ' worse' : ''}`,
  ];
}

/** A remedy's outcome: what it changed, Δ before and after per model with intervals, and the outcome. */
export function mitigationText(r: MitigationResult): string {
  const level = Math.round((1 - r.alpha) * 1000) / 10;
  if (r.outcome === 'not-applicable') return `Outcome: ${OUTCOME_TEXT[r.outcome]}. ${r.summary}`;
  const lines: string[] = [];
  if (r.changes.length > 0) lines.push(`Remedy '${r.remedy}': ${r.changes.join('; ')}.`);
  lines.push(tableToMarkdown({
    columns: ['model', 'role', 'loss', `Δ before [${level}% CI]`, `Δ with the remedy [${level}% CI]`, 'harm reduction', `shipped vs original [${level}% CI]`],
    rows: r.models.map(mitigationRow),
  }));
  if (r.inserted.length > 0) lines.push(`Inserted and not judged: ${r.inserted.map((m) => `'${m}'`).join(', ')}.`);
  lines.push('', `Outcome: ${OUTCOME_TEXT[r.outcome]}. ${r.summary}`);
  return lines.join('\n');
}

/** Whether a self-defeating improvement remains after the remedy (the remedy reduced it, changed nothing, or does not apply). */
export function harmRemains(r: Pick<MitigationResult, 'outcome' | 'before'>): boolean {
  return r.outcome === 'reduced' || r.outcome === 'persists' || (r.outcome === 'not-applicable' && r.before.selfDefeating);
}
