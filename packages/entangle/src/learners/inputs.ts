// How learners read their Inputs: flatten + concatenate every block, or a single image block.
import { ContractError } from '../core/errors.js';
import type { Block, Inputs, Outputs } from '../core/types.js';

/** Per-example layout of the inputs a learner was fitted on; predict checks new inputs against it. */
export type InputLayout = { type: 'flat'; dim: number; blocks: number[] } | { type: 'image'; shape: [number, number, number] };

function isBlock(v: Outputs): v is Block {
  return (v as Block).data instanceof Float32Array && Array.isArray((v as Block).shape);
}

function blockOf(inputs: Inputs, i: number, where: string): Block {
  const { name, value } = inputs.blocks[i];
  if (!isBlock(value)) throw new ContractError(`${where}: input block '${name}' holds records, not a dense block; this learner reads dense blocks only. Give it a parent that emits label/probabilities/value/features.`);
  if (value.shape[0] !== inputs.size) throw new ContractError(`${where}: input block '${name}' has ${value.shape[0]} rows; expected ${inputs.size} (Inputs.size).`);
  const per = value.shape.slice(1).reduce((a, b) => a * b, 1);
  if (value.data.length !== inputs.size * per) throw new ContractError(`${where}: input block '${name}' has ${value.data.length} values for shape [${value.shape.join(', ')}]; expected ${inputs.size * per}.`);
  return value;
}

/**
 * Flattens each block to [n, d_i] (row-major) and concatenates them along the feature axis in block order
 * (own fields first, then parents), giving [n, Σ d_i]. A block of shape [n] counts as d_i = 1.
 */
export function flatInputs(inputs: Inputs, where: string, expected?: InputLayout): { data: Float32Array; n: number; dim: number; layout: InputLayout } {
  if (inputs.blocks.length === 0) throw new ContractError(`${where}: got no input blocks; list input fields or parents in the model's spec.`);
  const n = inputs.size;
  const blocks = inputs.blocks.map((_, i) => blockOf(inputs, i, where));
  const widths = blocks.map((b) => b.shape.slice(1).reduce((a, c) => a * c, 1));
  const dim = widths.reduce((a, b) => a + b, 0);
  const layout: InputLayout = { type: 'flat', dim, blocks: widths };
  if (expected) checkLayout(layout, expected, inputs, where);
  if (blocks.length === 1) return { data: blocks[0].data, n, dim, layout };
  const data = new Float32Array(n * dim);
  let offset = 0;
  blocks.forEach((b, k) => {
    const w = widths[k];
    for (let i = 0; i < n; i++) data.set(b.data.subarray(i * w, (i + 1) * w), i * dim + offset);
    offset += w;
  });
  return { data, n, dim, layout };
}

/**
 * Reads exactly one image block: [n, C, H, W], or [n, H, W] as C = 1. With `imageShape` [C, H, W], a block of
 * C·H·W values per example (e.g. a flat [n, 784]) is read as images of that shape.
 */
export function imageInputs(inputs: Inputs, where: string, imageShape: number[] | null, expected?: InputLayout): { data: Float32Array; n: number; shape: [number, number, number]; layout: InputLayout } {
  if (inputs.blocks.length !== 1) {
    throw new ContractError(`${where}: conv learners read exactly one image block; got ${inputs.blocks.length} (${inputs.blocks.map((b) => b.name).join(', ') || 'none'}). Give the model one image field and no parents, or use an mlp on concatenated blocks.`);
  }
  const block = blockOf(inputs, 0, where);
  const per = block.shape.slice(1);
  let shape: [number, number, number];
  if (imageShape) {
    const want = imageShape.reduce((a, b) => a * b, 1);
    const got = per.reduce((a, b) => a * b, 1);
    if (want !== got) throw new ContractError(`${where}: arg imageShape [${imageShape.join(', ')}] needs ${want} values per example; block '${inputs.blocks[0].name}' has ${got} (shape [${block.shape.join(', ')}]).`);
    shape = [imageShape[0], imageShape[1], imageShape[2]];
  } else if (per.length === 3) shape = [per[0], per[1], per[2]];
  else if (per.length === 2) shape = [1, per[0], per[1]];
  else throw new ContractError(`${where}: block '${inputs.blocks[0].name}' has shape [${block.shape.join(', ')}]; expected images [n, C, H, W] or [n, H, W]. For flat pixels set arg imageShape, e.g. [1, 28, 28].`);
  const layout: InputLayout = { type: 'image', shape };
  if (expected) checkLayout(layout, expected, inputs, where);
  return { data: block.data, n: inputs.size, shape, layout };
}

function describeLayout(l: InputLayout): string {
  return l.type === 'flat' ? `${l.dim} features per example (blocks of width ${l.blocks.join(' + ')})` : `images [${l.shape.join(', ')}]`;
}

function checkLayout(got: InputLayout, want: InputLayout, inputs: Inputs, where: string): void {
  const same = got.type === 'flat' && want.type === 'flat'
    ? got.dim === want.dim && got.blocks.length === want.blocks.length && got.blocks.every((w, i) => w === want.blocks[i])
    : got.type === 'image' && want.type === 'image' && got.shape.every((d, i) => d === want.shape[i]);
  if (!same) {
    throw new ContractError(`${where}: predict got ${describeLayout(got)} from blocks ${inputs.blocks.map((b) => `'${b.name}'`).join(', ')}; the model was fitted on ${describeLayout(want)}. Predict with the same fields and parents as in training.`);
  }
}
