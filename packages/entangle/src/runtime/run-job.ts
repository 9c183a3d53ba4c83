// Executes one job: fit (or load) the model, predict on the datasets its descendants and its loss need,
// store artifacts, compute the test loss. Nothing is backpropagated between models (paper §2).
import { ContractError, JobError } from '../core/errors.js';
import type { Dataset, Field, FittedModel, InputDescription, Learner, Outputs, Records, TrainSet } from '../core/types.js';
import { getLearner, getLoss } from '../registry/index.js';
import { decodeOutputs, encodeOutputs } from '../store/codec.js';
import type { ArtifactStore } from '../store/artifacts.js';
import type { JobMetrics } from '../store/store.js';
import { assembleInputs, outputRows } from '../system/inputs.js';
import { modelSeed } from '../system/job-key.js';
import type { ModelSpec } from '../system/spec.js';
import type { System } from '../system/system.js';
import type { Job, JobProgress, JobResult } from './job.js';
import { OutputsCache } from './outputs-cache.js';

export interface RunJobContext {
  signal?: AbortSignal;
  onProgress?: (e: JobProgress) => void;
  cache?: OutputsCache;
}

/** The training target: a dense field, or a records column wrapped as Records. */
function targetOf(dataset: Dataset, name: string): Field | Records {
  const dense = dataset.fields[name];
  if (dense !== undefined) return dense;
  return { kind: 'records', items: dataset.records![name] };
}

/** Checks outputs against the contract: one row per example, consistent data, the shape the learner described. */
function checkOutputs(spec: ModelSpec, learner: Learner, value: Outputs, dataset: Dataset, datasetName: string, inputs: InputDescription[]): void {
  const rows = outputRows(value);
  const who = `Learner '${learner.kind}' of model '${spec.id}'`;
  if (rows !== dataset.size) throw new ContractError(`${who} predicted ${rows} rows on dataset '${datasetName}', expected one per example (${dataset.size}).`);
  if ('data' in value) {
    const count = value.shape.reduce((a, b) => a * b, 1);
    if (count !== value.data.length) throw new ContractError(`${who} returned a block of shape [${value.shape.join(', ')}] holding ${value.data.length} values, expected ${count}.`);
  }
  if (learner.describeOutput === undefined) return;
  const described = learner.describeOutput(spec.learner.args, inputs.map((i) => (Array.isArray(i.shape) ? i.shape : [])), inputs);
  const got = 'data' in value ? value.shape.slice(1) : 'records';
  const expected = described.shape;
  if (expected === 'unknown') return;
  const same = Array.isArray(expected) && Array.isArray(got) ? expected.join(',') === got.join(',') : expected === got;
  if (!same) {
    throw new ContractError(`${who} described its output as ${Array.isArray(expected) ? `[${expected.join(', ')}]` : expected} per example but produced ${Array.isArray(got) ? `[${got.join(', ')}]` : got} on dataset '${datasetName}'. Fix describeOutput or predict.`);
  }
}

function describeBlocks(blocks: { name: string; kind: string; value: Outputs }[]): InputDescription[] {
  return blocks.map((b) => ({ name: b.name, kind: b.kind, shape: 'data' in b.value ? b.value.shape.slice(1) : 'records' }));
}

/** Runs one job against `system`; throws JobError naming the model and seed when anything fails. */
export async function runJob(job: Job, system: System, artifacts: ArtifactStore, ctx: RunJobContext = {}): Promise<JobResult> {
  try {
    return await execute(job, system, artifacts, ctx);
  } catch (e) {
    if (e instanceof JobError || (e as Error)?.name === 'AbortError') throw e;
    throw new JobError(job.model, job.seed, job.key, e);
  }
}

async function execute(job: Job, system: System, artifacts: ArtifactStore, ctx: RunJobContext): Promise<JobResult> {
  ctx.signal?.throwIfAborted();
  const cache = ctx.cache ?? new OutputsCache();
  const spec = system.model(job.model);
  const learner = getLearner(spec.learner.kind);
  const read = (hash: string): Outputs => {
    const hit = cache.get(hash);
    if (hit !== undefined) return hit;
    const value = decodeOutputs(artifacts.get(hash), `artifact ${hash.slice(0, 12)}`);
    cache.set(hash, value);
    return value;
  };
  const parentOutputsOn = (datasetName: string): Map<string, { kind: string; value: Outputs }> =>
    new Map(spec.parents.map((p) => {
      const hash = job.parents[p]?.[datasetName];
      if (hash === undefined) throw new ContractError(`Job for model '${spec.id}' lacks the outputs of parent '${p}' on dataset '${datasetName}'.`);
      return [p, { kind: system.model(p).output, value: read(hash) }];
    }));

  const outputs: Record<string, string> = { ...(job.existing?.outputs ?? {}) };
  const missing = job.datasets.filter((d) => outputs[d] === undefined);
  let artifact = job.existing?.artifact;
  let model: FittedModel | undefined;
  let fitMs = 0;
  let predictMs = 0;
  try {
    if (artifact === undefined) {
      const train = system.dataset(spec.train);
      const trainSet: TrainSet = { inputs: assembleInputs(spec, train, spec.train, parentOutputsOn(spec.train)), target: targetOf(train, spec.target) };
      if (train.records !== undefined) trainSet.records = train.records;
      const started = performance.now();
      model = await learner.fit(trainSet, spec.learner.args, {
        seed: modelSeed(job.seed, spec.id, spec.seedSalt),
        model: spec.id,
        ...(job.threads !== undefined ? { threads: job.threads } : {}),
        ...(ctx.onProgress ? { onProgress: (e) => ctx.onProgress!({ ...e, key: job.key, seed: job.seed }) } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      fitMs = performance.now() - started;
      artifact = artifacts.put(model.save());
    } else if (missing.length > 0) {
      model = learner.load(artifacts.get(artifact), spec.learner.args);
    }
    for (const datasetName of missing) {
      ctx.signal?.throwIfAborted();
      const dataset = system.dataset(datasetName);
      const inputs = assembleInputs(spec, dataset, datasetName, parentOutputsOn(datasetName));
      const started = performance.now();
      const value = model!.predict(inputs);
      predictMs += performance.now() - started;
      checkOutputs(spec, learner, value, dataset, datasetName, describeBlocks(inputs.blocks));
      const hash = artifacts.put(encodeOutputs(value));
      cache.set(hash, value);
      outputs[datasetName] = hash;
    }
  } finally {
    model?.dispose();
  }

  let metrics: JobMetrics | undefined = job.existing?.metrics;
  if (metrics === undefined) {
    const loss = getLoss(spec.loss.kind);
    const testTarget = spec.testTarget ?? spec.target;
    const testLoss = loss.evaluate(read(outputs[spec.test]), system.dataset(spec.test), testTarget, spec.loss.args ?? {});
    if (typeof testLoss !== 'number' || !Number.isFinite(testLoss)) {
      throw new ContractError(`Loss '${spec.loss.kind}' of model '${spec.id}' returned ${testLoss} on test set '${spec.test}', expected a finite number.`);
    }
    metrics = { loss: spec.loss.kind, testLoss, fitMs, predictMs };
  }
  return { key: job.key, model: job.model, seed: job.seed, artifact: artifact!, outputs, metrics, fitted: job.existing === undefined };
}
