import { Tensor, zeros } from '../index.js';
import * as F from '../functional.js';
import { checkInputDims, checkNonNegativeInt, checkPositiveInt } from './check.js';
import { defaultLayerInit } from './init.js';
import { Module } from './module.js';

export interface Conv2dOptions {
  /** Step of the sliding window (default 1). */
  stride?: number;
  /** Zero padding on each side (default 0). */
  padding?: number;
  /** Adds a learnable bias per output channel (default true). */
  bias?: boolean;
}

/** 2-D convolution over [N, C, H, W] with a square kernel; weight [out, in, k, k], PyTorch default init. */
export class Conv2d extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly stride: number;
  readonly padding: number;

  constructor(readonly inChannels: number, readonly outChannels: number, readonly kernelSize: number, options: Conv2dOptions = {}) {
    super();
    checkPositiveInt('Conv2d', 'inChannels', inChannels);
    checkPositiveInt('Conv2d', 'outChannels', outChannels);
    checkPositiveInt('Conv2d', 'kernelSize', kernelSize);
    this.stride = options.stride ?? 1;
    this.padding = options.padding ?? 0;
    checkPositiveInt('Conv2d', 'stride', this.stride);
    checkNonNegativeInt('Conv2d', 'padding', this.padding);
    this.weight = this.registerParameter('weight', zeros([outChannels, inChannels, kernelSize, kernelSize]));
    this.bias = (options.bias ?? true) ? this.registerParameter('bias', zeros([outChannels])) : null;
    defaultLayerInit(this.weight, this.bias);
  }

  forward(x: Tensor): Tensor {
    checkInputDims('Conv2d', x.shape, [4], 'N, C, H, W');
    return F.conv2d(x, this.weight, this.bias ?? undefined, { stride: this.stride, padding: this.padding });
  }

  protected override extraRepr(): string {
    return `${this.inChannels} → ${this.outChannels}, kernel=${this.kernelSize}, stride=${this.stride}, padding=${this.padding}, bias=${this.bias !== null}`;
  }
}
