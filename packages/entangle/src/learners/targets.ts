// How learners read their training targets: class indices or real values, from a dense Field.
import { ContractError } from '../core/errors.js';
import type { Field, Records, TrainSet } from '../core/types.js';

function denseTarget(target: Field | Records, n: number, where: string): Field {
  if ((target as Records).kind === 'records') throw new ContractError(`${where}: the target holds records; this learner needs a dense numeric target field (class labels or values).`);
  const field = target as Field;
  if (field.shape[0] !== n) throw new ContractError(`${where}: the target has ${field.shape[0]} rows but the inputs have ${n}; both come from the same training set, so check the dataset's fields.`);
  return field;
}

/**
 * Class labels from a target of shape [n] or [n, 1] holding non-negative integers.
 * The number of classes is `classes` when given (every label must be below it), else max label + 1.
 */
export function classTargets(train: TrainSet, where: string, classes: number | null): { labels: Int32Array; classes: number } {
  const n = train.inputs.size;
  const field = denseTarget(train.target, n, where);
  const per = field.shape.slice(1).reduce((a, b) => a * b, 1);
  if (per !== 1) throw new ContractError(`${where}: a classifier needs one class label per example; the target has shape [${field.shape.join(', ')}]. Use output 'value' for a regression target.`);
  const labels = new Int32Array(n);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const v = field.data[i];
    if (!Number.isInteger(v) || v < 0) throw new ContractError(`${where}: class labels must be non-negative integers; target row ${i} is ${v}. Map the labels to 0..K-1, or use output 'value' for regression.`);
    labels[i] = v;
    if (v > max) max = v;
  }
  const k = classes ?? max + 1;
  if (max >= k) throw new ContractError(`${where}: target row ${labels.indexOf(max)} has label ${max} but arg classes is ${k}; labels must be in 0..${k - 1}.`);
  if (k < 2) throw new ContractError(`${where}: a classifier needs at least 2 classes; the target only has label 0. Set arg classes, or check the training data.`);
  return { labels, classes: k };
}

/** Real-valued targets as [n, d] (row-major) plus the per-example shape, e.g. [] for a target of shape [n]. */
export function valueTargets(train: TrainSet, where: string): { values: Float32Array; dim: number; exampleShape: number[] } {
  const n = train.inputs.size;
  const field = denseTarget(train.target, n, where);
  const exampleShape = field.shape.slice(1);
  const dim = exampleShape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < field.data.length; i++) {
    if (!Number.isFinite(field.data[i])) throw new ContractError(`${where}: target value ${i} is ${field.data[i]}; regression targets must be finite numbers.`);
  }
  return { values: field.data, dim, exampleShape };
}
