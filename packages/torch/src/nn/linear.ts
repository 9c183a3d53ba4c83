import { Tensor, zeros } from '../index.js';
import * as F from '../functional.js';
import { defaultLayerInit } from './init.js';
import { checkPositiveInt } from './check.js';
import { Module } from './module.js';

export interface LinearOptions {
  /** Adds a learnable bias (default true). */
  bias?: boolean;
}

/** y = x Wᵀ + b with W of shape [out, in]; PyTorch default init. */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions = {}) {
    super();
    checkPositiveInt('Linear', 'inFeatures', inFeatures);
    checkPositiveInt('Linear', 'outFeatures', outFeatures);
    this.weight = this.registerParameter('weight', zeros([outFeatures, inFeatures]));
    this.bias = (options.bias ?? true) ? this.registerParameter('bias', zeros([outFeatures])) : null;
    defaultLayerInit(this.weight, this.bias);
  }

  forward(x: Tensor): Tensor {
    return F.linear(x, this.weight, this.bias ?? undefined);
  }

  protected override extraRepr(): string {
    return `${this.inFeatures} → ${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
