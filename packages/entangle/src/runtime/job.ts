// A job: train (or reuse) one model of one system for one seed and predict where its descendants need it.
// Jobs and results are plain JSON so they can cross threads, processes and machines.
import type { SystemSource } from '../system/spec.js';
import type { JobMetrics } from '../store/store.js';
import type { ProgressEvent } from '../core/types.js';

/** Which system a job belongs to: `fingerprint` identifies it, `source` rebuilds it elsewhere. */
export interface SystemRef {
  name: string;
  fingerprint: string;
  source?: SystemSource;
}

export interface Job {
  /** The job key (systems/job-key.ts): identifies the fitted model. */
  key: string;
  system: SystemRef;
  model: string;
  /** The run seed (the learner gets modelSeed(seed, model)). */
  seed: number;
  /** Dataset names on which the model's outputs must exist when the job is done. */
  datasets: string[];
  /** Parents' outputs: parent id → dataset name → artifact hash (every dataset this job reads). */
  parents: Record<string, Record<string, string>>;
  /** What the store already holds for this key: the job then only predicts on the datasets still missing. */
  existing?: { artifact: string; outputs: Record<string, string>; metrics: JobMetrics };
  /** Directory of the content-addressed artifacts. */
  artifactsDir: string;
  /** Threads the learner may use. */
  threads?: number;
}

export interface JobResult {
  key: string;
  model: string;
  seed: number;
  /** Hash of the fitted model's bytes. */
  artifact: string;
  /** Dataset name → hash of the model's outputs on it. */
  outputs: Record<string, string>;
  metrics: JobMetrics;
  /** True when the model was fitted by this job (false: loaded from the store to predict on more datasets). */
  fitted: boolean;
}

/** A learner's progress, tagged with the job. */
export interface JobProgress extends ProgressEvent {
  key: string;
}
