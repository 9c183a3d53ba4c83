// The plain-data result of a diagnosis: per offending descendant, evidence for each entanglement type (paper §3).
import type { Json } from '../core/types.js';

/** The paper's entanglement types: §3.1 loss-function, data-distribution and hypothesis-space mismatch; §3.2 anti-correlated errors. */
export type EntanglementKind = 'loss-mismatch' | 'data-mismatch' | 'hypothesis-mismatch' | 'anti-correlated';

/** Fixed order used to break ties between equal scores (and to list kinds in docs). */
export const ENTANGLEMENT_KINDS: readonly EntanglementKind[] = ['anti-correlated', 'hypothesis-mismatch', 'loss-mismatch', 'data-mismatch'];

/** What one statistic says about one entanglement type for one descendant. */
export interface Evidence {
  kind: EntanglementKind;
  /** False when the statistic cannot be computed for this model (the explanation says why); the score is then 0. */
  applicable: boolean;
  /** In [0, 1]: the share of w's deterioration this kind accounts for (formulas in docs/diagnose.md). */
  score: number;
  /** One or two sentences for people, with the numbers behind the score. */
  explanation: string;
  /** The numbers behind the score (means over seeds, and per-seed values where they exist). */
  statistics: Record<string, Json>;
}

/** How much the descendant w deteriorated (from the evaluation being diagnosed). */
export interface Deterioration {
  /** Kind of ℓ_w. */
  loss: string;
  baseline: number;
  updated: number;
  /** Mean of Δ = ℓ_w(w′) − ℓ_w(w) over the evaluation's seeds. */
  difference: number;
  ci: [number, number] | null;
}

export interface DescendantDiagnosis {
  /** The offending descendant w. */
  model: string;
  deterioration: Deterioration;
  /** Every kind, highest score first (ties in ENTANGLEMENT_KINDS order; inapplicable kinds last). */
  ranked: EntanglementKind[];
  /** ranked[0] when its score reaches the threshold, else null ("no type explains the harm clearly"). */
  primary: EntanglementKind | null;
  /** One entry per kind, in `ranked` order. */
  evidence: Evidence[];
  summary: string;
}

export interface Diagnosis {
  system: string;
  /** The update's name. */
  update: string;
  /** The updated model v. */
  model: string;
  /** 'nothing-to-diagnose' when the evaluation is not a self-defeating improvement. */
  status: 'diagnosed' | 'nothing-to-diagnose';
  /** The evaluation's kind (self-defeating, improvement, regression, no evidence). */
  evaluationKind: string;
  /** Seeds whose stored outputs were read. */
  seeds: number[];
  /** Seeds on which the richer downstream learner was trained (hypothesis-space check). */
  refitSeeds: number[];
  /** Score a kind needs to become `primary`. */
  threshold: number;
  /** One entry per offending descendant, in topological order. */
  descendants: DescendantDiagnosis[];
  /** Jobs the diagnosis had to train (the richer refits, or anything missing from the store). */
  trainedJobs: number;
  summary: string;
}
