// The job graph of training one or more systems (variants) for several seeds.
import { jobKeys } from '../system/job-key.js';
import type { System } from '../system/system.js';

export interface Variant {
  /** 'baseline', 'updated', or any label. */
  label: string;
  system: System;
}

export interface PlannedJob {
  /** Unique within the plan: "<label>/<seed>/<model>". */
  id: string;
  variant: string;
  system: System;
  model: string;
  seed: number;
  key: string;
  /** Datasets (names in `system`) on which this model's outputs are needed. */
  datasets: string[];
  /** Plan ids of the parents' jobs, in `parents` order. */
  parents: string[];
}

export function plannedId(label: string, seed: number, model: string): string {
  return `${label}/${seed}/${model}`;
}

/** One job per (variant, seed, model), in topological order within each variant and seed. */
export function planJobs(variants: readonly Variant[], seeds: readonly number[]): PlannedJob[] {
  const jobs: PlannedJob[] = [];
  for (const { label, system } of variants) {
    for (const seed of seeds) {
      const keys = jobKeys(system, seed);
      for (const model of system.topoOrder()) {
        jobs.push({
          id: plannedId(label, seed, model),
          variant: label,
          system,
          model,
          seed,
          key: keys.get(model)!,
          datasets: system.predictionSets(model),
          parents: system.parents(model).map((p) => plannedId(label, seed, p)),
        });
      }
    }
  }
  return jobs;
}
