import { Tensor, noGrad, ones, zeros } from '../index.js';
import * as F from '../functional.js';
import { checkInputDims, checkPositiveInt } from './check.js';
import { Module } from './module.js';

export interface BatchNormOptions {
  /** Weight of the current batch in the running statistics (default 0.1, PyTorch's). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

/**
 * Batch normalisation over dimension 1 with learnable scale/shift (weight 1, bias 0) and running
 * statistics kept as buffers (`running_mean`, `running_var`, `num_batches_tracked`, PyTorch's names).
 * Training mode normalises with batch statistics and updates the running ones:
 * running = (1 − momentum)·running + momentum·batch (unbiased batch variance); eval mode uses the running ones.
 */
abstract class BatchNorm extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;
  readonly numBatchesTracked: Tensor;
  readonly momentum: number;
  readonly eps: number;

  constructor(readonly numFeatures: number, options: BatchNormOptions, private readonly allowedDims: number[], private readonly layout: string) {
    super();
    checkPositiveInt(this.constructor.name, 'numFeatures', numFeatures);
    this.momentum = options.momentum ?? 0.1;
    this.eps = options.eps ?? 1e-5;
    this.weight = this.registerParameter('weight', ones([numFeatures]));
    this.bias = this.registerParameter('bias', zeros([numFeatures]));
    this.runningMean = this.registerBuffer('running_mean', zeros([numFeatures]));
    this.runningVar = this.registerBuffer('running_var', ones([numFeatures]));
    this.numBatchesTracked = this.registerBuffer('num_batches_tracked', zeros([], { dtype: 'int64' }));
  }

  forward(x: Tensor): Tensor {
    const name = this.constructor.name;
    checkInputDims(name, x.shape, this.allowedDims, this.layout);
    if (x.shape[1] !== this.numFeatures) {
      throw new Error(`${name}: expected ${this.numFeatures} features in dimension 1, got input of shape [${x.shape.join(', ')}]`);
    }
    if (this.training) noGrad(() => this.numBatchesTracked.addInPlace(1));
    return F.batchNorm(x, this.runningMean, this.runningVar, this.weight, this.bias, {
      training: this.training,
      momentum: this.momentum,
      eps: this.eps,
    });
  }

  protected override extraRepr(): string {
    return `${this.numFeatures}, momentum=${this.momentum}, eps=${this.eps}`;
  }
}

/** BatchNorm over [N, C] or [N, C, L] inputs. */
export class BatchNorm1d extends BatchNorm {
  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super(numFeatures, options, [2, 3], 'N, C or N, C, L');
  }
}

/** BatchNorm over [N, C, H, W] inputs (statistics per channel). */
export class BatchNorm2d extends BatchNorm {
  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super(numFeatures, options, [4], 'N, C, H, W');
  }
}
