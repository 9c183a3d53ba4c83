// Training a whole system for one seed: every model in topological order, reusing whatever the store holds.
import type { Store } from '../store/store.js';
import type { Executor } from '../runtime/executor.js';
import type { System } from '../system/system.js';
import type { EvaluationEvent } from './events.js';
import { planJobs, plannedId } from './plan.js';
import { runPlan } from './run-plan.js';

export interface TrainedModel {
  key: string;
  /** Hash of the fitted model's bytes in the store's artifacts. */
  artifact: string;
  /** Dataset name → hash of the model's outputs on it. */
  outputs: Record<string, string>;
  /** Kind of the test loss. */
  loss: string;
  testLoss: number;
  /** True when this call computed nothing for the model. */
  cached: boolean;
}

export interface TrainedSystem {
  system: string;
  fingerprint: string;
  seed: number;
  /** By model id, in topological order. */
  models: Record<string, TrainedModel>;
}

export interface TrainSystemOptions {
  seed: number;
  store: Store;
  executor?: Executor;
  onProgress?: (event: EvaluationEvent) => void;
  signal?: AbortSignal;
}

/** Trains (or loads) every model of `system` for one seed and evaluates each test loss. */
export async function trainSystem(system: System, options: TrainSystemOptions): Promise<TrainedSystem> {
  const plan = planJobs([{ label: 'system', system }], [options.seed]);
  const done = await runPlan(plan, options);
  const models: Record<string, TrainedModel> = {};
  for (const id of system.topoOrder()) {
    const { result, cached } = done.get(plannedId('system', options.seed, id))!;
    models[id] = { key: result.key, artifact: result.artifact, outputs: result.outputs, loss: result.metrics.loss, testLoss: result.metrics.testLoss, cached };
  }
  return { system: system.name, fingerprint: system.fingerprint(), seed: options.seed, models };
}
