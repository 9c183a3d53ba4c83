// How well the best downstream model could do from a set of inputs: a model-free proxy of the Bayes rate,
// measured with w's own test loss (docs/diagnose.md, "Information proxy").
import type { Block, Field, Inputs, JsonObject } from '../core/types.js';
import { flatInputs } from '../learners/inputs.js';
import { getLearner, getLoss } from '../registry/registry.js';
import type { ModelSpec } from '../system/spec.js';
import type { System } from '../system/system.js';
import { isBlock } from './outputs.js';
import { collisionRate } from './stats.js';

export interface ProbeOptions {
  /** k of the k-NN probe used for continuous inputs; default 5. */
  neighbours: number;
  /** Inputs count as discrete when the training set has at most this many distinct tuples (and ≥ 5 examples per tuple on average); default 1024. */
  maxTuples: number;
}

export interface ProbeResult {
  /** 'bayes-table': the empirical Bayes rule on discrete input tuples; 'knn': k-NN on standardized inputs. */
  method: 'bayes-table' | 'knn';
  /** ℓ_w of the probe's predictions on w's test set. */
  loss: number;
  /** Discrete inputs only: in-sample Bayes error of w's test target given the input tuple (collisionRate). */
  collisionRate: number | null;
}

/** 'classification' or 'regression' from what w emits; null when the probe cannot imitate w. */
export function taskOf(w: ModelSpec): 'classification' | 'regression' | null {
  if (w.output === 'label' || w.output === 'probabilities' || w.output === 'logits') return 'classification';
  if (w.output === 'value') return 'regression';
  return null;
}

/** Why the probe cannot run for `w`, or null when it can. */
export function probeUnavailable(w: ModelSpec, system: System): string | null {
  const task = taskOf(w);
  if (task === null) return `w emits '${w.output}', and the probe only imitates classifiers (label/probabilities/logits) and regressors (value)`;
  const loss = getLoss(w.loss.kind);
  const needs = task === 'classification' ? 'label' : 'value';
  if (loss.accepts !== undefined && !loss.accepts.includes(needs)) return `w's test loss '${w.loss.kind}' does not score '${needs}' predictions`;
  if (system.dataset(w.train).fields[w.target] === undefined) return `w's training target '${w.target}' is not a dense field`;
  return null;
}

function tupleKeys(data: Float32Array, n: number, dim: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) keys.push(Array.from(data.subarray(i * dim, (i + 1) * dim)).join(','));
  return keys;
}

/** Column-wise z-scores with the training rows' mean and sd (a constant column is only centred). */
function standardize(train: { data: Float32Array; n: number; dim: number }, test: { data: Float32Array; n: number; dim: number }): [Block, Block] {
  const { dim } = train;
  const mu = new Float64Array(dim), sd = new Float64Array(dim);
  for (let i = 0; i < train.n; i++) for (let j = 0; j < dim; j++) mu[j] += train.data[i * dim + j] / train.n;
  for (let i = 0; i < train.n; i++) for (let j = 0; j < dim; j++) sd[j] += (train.data[i * dim + j] - mu[j]) ** 2 / train.n;
  for (let j = 0; j < dim; j++) sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1;
  const apply = (x: { data: Float32Array; n: number }): Block => {
    const out = new Float32Array(x.n * dim);
    for (let i = 0; i < x.n; i++) for (let j = 0; j < dim; j++) out[i * dim + j] = (x.data[i * dim + j] - mu[j]) / sd[j];
    return { shape: [x.n, dim], data: out };
  };
  return [apply(train), apply(test)];
}

const single = (block: Block): Inputs => ({ size: block.shape[0], blocks: [{ name: 'standardized', kind: 'features', value: block }] });

/**
 * Fits the probe on w's training inputs `train` (w's training target) and scores its predictions on `test` with
 * ℓ_w against w's test target. Discrete classification inputs use the empirical Bayes table; everything else a
 * k-NN on standardized inputs. Call probeUnavailable first.
 */
export async function informationProbe(w: ModelSpec, system: System, train: Inputs, test: Inputs, options: ProbeOptions): Promise<ProbeResult> {
  const where = `diagnosis probe of model '${w.id}'`;
  const task = taskOf(w)!;
  const target = system.dataset(w.train).fields[w.target] as Field;
  const testSet = system.dataset(w.test);
  const testTarget = w.testTarget ?? w.target;
  for (const b of [...train.blocks, ...test.blocks]) if (!isBlock(b.value)) throw new RangeError(`${where}: input block '${b.name}' holds records; the probe reads dense blocks only.`);
  const tr = flatInputs(train, where);
  const te = flatInputs(test, where, tr.layout);
  const ctx = { seed: 0, model: `${w.id} (diagnosis probe)` };
  const loss = getLoss(w.loss.kind);
  const score = (pred: Block): number => loss.evaluate(pred, testSet, testTarget, (w.loss.args ?? {}) as JsonObject);

  if (task === 'classification') {
    const trainKeys = tupleKeys(tr.data, tr.n, tr.dim);
    const distinct = new Set(trainKeys).size;
    if (distinct <= options.maxTuples && distinct * 5 <= tr.n) {
      const model = await getLearner('bayes-optimal').fit({ inputs: train, target }, { output: 'label' }, ctx);
      try {
        const pred = model.predict(test) as Block;
        const testClasses = testSet.fields[testTarget]?.data;
        const collisions = testClasses === undefined ? null : collisionRate(tupleKeys(te.data, te.n, te.dim), testClasses);
        return { method: 'bayes-table', loss: score(pred), collisionRate: collisions };
      } finally {
        model.dispose();
      }
    }
  }
  const [trainStd, testStd] = standardize(tr, te);
  const args: JsonObject = { k: Math.min(options.neighbours, tr.n), metric: 'euclidean', output: task === 'classification' ? 'label' : 'value' };
  const model = await getLearner('knn').fit({ inputs: single(trainStd), target }, args, ctx);
  try {
    return { method: 'knn', loss: score(model.predict(single(testStd)) as Block), collisionRate: null };
  } finally {
    model.dispose();
  }
}
