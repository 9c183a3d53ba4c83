// Assembling what a model sees, [x^(v), f_w(x) : w ∈ P_v] (paper §2), on any dataset.
import { ContractError } from '../core/errors.js';
import type { Dataset, InputBlock, InputDescription, Inputs, Outputs, OutputDescription } from '../core/types.js';
import type { ModelSpec } from './spec.js';

/** Number of examples in an Outputs value. */
export function outputRows(value: Outputs): number {
  return 'kind' in value && value.kind === 'records' ? value.items.length : (value as { shape: number[] }).shape[0];
}

/** Reads one of the model's own input fields from a dataset: dense fields first, then records columns. */
export function readField(dataset: Dataset, datasetName: string, name: string, model: string): InputBlock {
  const dense = dataset.fields[name];
  if (dense !== undefined) return { name, kind: 'field', value: { shape: dense.shape, data: dense.data } };
  const records = dataset.records?.[name];
  if (records !== undefined) return { name, kind: 'records', value: { kind: 'records', items: records } };
  throw new ContractError(`Model '${model}' reads field '${name}', which dataset '${datasetName}' does not have.`);
}

/**
 * The model's inputs on `dataset`: its own fields, then its parents' outputs on the same examples, in `parents`
 * order. `parentOutputs` must hold every parent's outputs on this dataset.
 */
export function assembleInputs(
  spec: ModelSpec,
  dataset: Dataset,
  datasetName: string,
  parentOutputs: ReadonlyMap<string, { kind: string; value: Outputs }>,
): Inputs {
  const blocks: InputBlock[] = spec.inputs.map((name) => readField(dataset, datasetName, name, spec.id));
  for (const parent of spec.parents) {
    const out = parentOutputs.get(parent);
    if (out === undefined) throw new ContractError(`Model '${spec.id}' needs the outputs of parent '${parent}' on dataset '${datasetName}', which were not computed.`);
    const rows = outputRows(out.value);
    if (rows !== dataset.size) {
      throw new ContractError(
        `Parent '${parent}' of model '${spec.id}' produced ${rows} rows on dataset '${datasetName}', expected one per example (${dataset.size}).`,
      );
    }
    blocks.push({ name: parent, kind: out.kind, value: out.value });
  }
  return { size: dataset.size, blocks };
}

/** Shape-level description of the model's own input fields on `dataset` (which must have them). */
export function describeOwnInputs(spec: ModelSpec, dataset: Dataset): InputDescription[] {
  return spec.inputs.map((name) => {
    const dense = dataset.fields[name];
    return dense !== undefined ? { name, kind: 'field', shape: dense.shape.slice(1) } : { name, kind: 'records', shape: 'records' };
  });
}

/** Renders input descriptions for messages: "x: field [784], v: features [512], boxes: records". */
export function formatInputs(inputs: readonly InputDescription[]): string {
  if (inputs.length === 0) return '(no inputs)';
  return inputs.map((i) => `${i.name}: ${i.kind} ${typeof i.shape === 'string' ? `(${i.shape})` : `[${i.shape.join(', ')}]`}`).join(', ');
}

/** "label [1]" or "boxes (records)". */
export function formatOutput(out: OutputDescription): string {
  return `${out.kind} ${typeof out.shape === 'string' ? `(${out.shape})` : `[${out.shape.join(', ')}]`}`;
}
