// Reading predictions and targets for test losses, with errors that say which loss and which field.
import { ContractError } from '../core/errors.js';
import type { Block, Dataset, Field, Outputs } from '../core/types.js';

/** The prediction as a dense block with one row per test example. */
export function predBlock(pred: Outputs, test: Dataset, loss: string): { block: Block; width: number } {
  const b = pred as Block;
  if (!(b.data instanceof Float32Array) || !Array.isArray(b.shape)) throw new ContractError(`Loss '${loss}': the prediction holds records; this loss scores dense blocks (labels, probabilities, values, features).`);
  if (b.shape[0] !== test.size) throw new ContractError(`Loss '${loss}': the prediction has ${b.shape[0]} rows but the test set has ${test.size} examples; predict on the whole test set.`);
  const width = b.shape.slice(1).reduce((a, c) => a * c, 1);
  if (b.data.length !== test.size * width) throw new ContractError(`Loss '${loss}': the prediction has ${b.data.length} values for shape [${b.shape.join(', ')}]; expected ${test.size * width}.`);
  return { block: b, width };
}

/** The target field of the test set, with its per-example width. */
export function targetField(test: Dataset, name: string, loss: string): { field: Field; width: number } {
  const field = test.fields[name];
  if (!field) throw new ContractError(`Loss '${loss}': the test set has no field '${name}'. Fields: ${Object.keys(test.fields).join(', ') || '(none)'}. Set the model's target to one of them.`);
  if (field.shape[0] !== test.size) throw new ContractError(`Loss '${loss}': field '${name}' has ${field.shape[0]} rows but the test set has ${test.size}.`);
  return { field, width: field.shape.slice(1).reduce((a, c) => a * c, 1) };
}

/** Class labels of the target field (shape [n] or [n, 1]). */
export function targetLabels(test: Dataset, name: string, loss: string): Float32Array {
  const { field, width } = targetField(test, name, loss);
  if (width !== 1) throw new ContractError(`Loss '${loss}': target field '${name}' has per-example shape [${field.shape.slice(1).join(', ')}]; this loss needs one class label per example.`);
  return field.data;
}

/** Predicted class per example: the value itself when the prediction has one value per example, else the argmax (first maximum). */
export function predictedLabels(block: Block, width: number, n: number): Float32Array {
  if (width === 1) return block.data;
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (block.data[i * width + c] > block.data[i * width + best]) best = c;
    labels[i] = best;
  }
  return labels;
}
