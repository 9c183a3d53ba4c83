// Definition 2.1 as verdicts: per-model improved / deteriorated / no evidence, and the overall kind of an update.
import type { PairedDifference } from './stats/paired.js';

export type ModelVerdict = 'improved' | 'deteriorated' | 'no evidence';
export type UpdateKind = 'self-defeating' | 'improvement' | 'regression' | 'no evidence';

/**
 * The updated model: improved when the 1 − α interval of Δ lies below 0, deteriorated when it lies above 0.
 * Descendants additionally need their Holm-adjusted p-value below α (pass `pAdjusted`), so that testing many
 * descendants does not manufacture a deterioration.
 */
export function modelVerdict(diff: PairedDifference, alpha: number, pAdjusted?: number | null): ModelVerdict {
  if (diff.ci === null) return 'no evidence';
  if (pAdjusted !== undefined && (pAdjusted === null || !(pAdjusted < alpha))) return 'no evidence';
  if (diff.ci[1] < 0) return 'improved';
  if (diff.ci[0] > 0) return 'deteriorated';
  return 'no evidence';
}

/**
 * Overall kind: 'self-defeating' when the updated model improved and some descendant deteriorated
 * (Definition 2.1); 'regression' when the updated model did not improve and something deteriorated;
 * 'improvement' when nothing deteriorated and something improved; otherwise 'no evidence'.
 */
export function updateKind(updated: ModelVerdict, descendants: readonly ModelVerdict[]): UpdateKind {
  const someDeteriorated = descendants.includes('deteriorated');
  if (updated === 'improved') return someDeteriorated ? 'self-defeating' : 'improvement';
  if (updated === 'deteriorated' || someDeteriorated) return 'regression';
  if (descendants.includes('improved')) return 'improvement';
  return 'no evidence';
}
