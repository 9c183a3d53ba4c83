import { Tensor, noGrad } from '../index.js';

// Formulas follow torch/nn/init.py (PyTorch 1.13); see docs/torch-nn-optim.md. Every draw uses the global seeded
// generator in PyTorch's order, so the same seed gives the same weights here and in Python.

/** fan_in and fan_out of a Linear ([out, in]) or Conv ([out, in, kh, kw]) weight. */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) {
    throw new Error(`init.fans: expected a weight with at least 2 dimensions, got shape [${shape.join(', ')}]`);
  }
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

/** kaiming_uniform_(w, a) with leaky_relu gain: U(-b, b), b = sqrt(3) · sqrt(2 / (1 + a²)) / sqrt(fan_in). */
export function kaimingUniform(w: Tensor, a: number): void {
  const gain = Math.sqrt(2.0 / (1 + a * a));
  const std = gain / Math.sqrt(fans(w.shape).fanIn);
  const bound = Math.sqrt(3.0) * std;
  noGrad(() => w.uniformInPlace(-bound, bound));
}

/** kaiming_normal_(w, mode='fan_out', nonlinearity='relu'): N(0, sqrt(2) / sqrt(fan_out)) (torchvision ResNet). */
export function kaimingNormalFanOut(w: Tensor): void {
  const std = Math.sqrt(2.0) / Math.sqrt(fans(w.shape).fanOut);
  noGrad(() => w.normalInPlace(0, std));
}

/** PyTorch's default Linear/Conv initialisation: weight kaiming_uniform(a=√5) = U(±1/√fan_in), bias U(±1/√fan_in). */
export function defaultLayerInit(weight: Tensor, bias: Tensor | null): void {
  kaimingUniform(weight, Math.sqrt(5));
  if (bias !== null) {
    const fanIn = fans(weight.shape).fanIn;
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    noGrad(() => bias.uniformInPlace(-bound, bound));
  }
}
