// Per-model statistics and the Definition 2.1 judgement from paired per-seed losses (shared by evaluation and the CLI's stored runs).
import type { ModelEvaluation } from './evaluate-update.js';
import { holmAdjust } from './stats/holm.js';
import { pairedDifference, summarize, type PairedDifference } from './stats/paired.js';
import { modelVerdict, updateKind, type UpdateKind } from './verdict.js';

export interface PairedLosses {
  model: string;
  role: ModelEvaluation['role'];
  loss: string;
  baseline: number[];
  updated: number[];
}

/** Δᵢ = 0 in every seed: nothing changed, so there is nothing to test. */
function unchanged(d: PairedDifference): boolean {
  return d.degenerate === 'identical-differences' && d.mean === 0;
}

/** Paired differences, Holm over the descendants, per-model verdicts, offending descendants and the update's kind. */
export function judgeModels(rows: readonly PairedLosses[], alpha: number): { models: ModelEvaluation[]; offending: string[]; kind: UpdateKind } {
  const diffs = rows.map((m) => pairedDifference(m.baseline, m.updated, alpha));
  const descendantIndex = rows.map((m, i) => (m.role === 'descendant' ? i : -1)).filter((i) => i >= 0);
  // A descendant whose loss did not move in any seed (e.g. a not-learned model) is no test: it stays out of Holm's m.
  const adjusted = holmAdjust(descendantIndex.map((i) => (unchanged(diffs[i]) ? null : diffs[i].p)));
  const pAdjusted = new Map(descendantIndex.map((i, j) => [i, adjusted[j]]));
  const models: ModelEvaluation[] = rows.map((m, i) => {
    const adj = pAdjusted.get(i) ?? null;
    return {
      model: m.model,
      role: m.role,
      loss: m.loss,
      baseline: { ...summarize(m.baseline), values: m.baseline },
      updated: { ...summarize(m.updated), values: m.updated },
      difference: { ...diffs[i], values: m.updated.map((u, k) => u - m.baseline[k]), pAdjusted: adj },
      verdict: modelVerdict(diffs[i], alpha, m.role === 'descendant' ? adj : undefined),
    };
  });
  const descendants = models.filter((m) => m.role === 'descendant');
  const offending = descendants.filter((m) => m.verdict === 'deteriorated').map((m) => m.model);
  const updated = models.find((m) => m.role === 'updated');
  const kind = updateKind(updated?.verdict ?? 'no evidence', descendants.map((m) => m.verdict));
  return { models, offending, kind };
}
