import { Tensor } from '../index.js';
import * as F from '../functional.js';
import { checkInputDims, checkPositiveInt } from './check.js';
import { Module } from './module.js';

/** max(x, 0) elementwise. */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return F.relu(x);
  }
}

/** Returns its input unchanged (a placeholder where an architecture has no layer). */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Flattens dimensions startDim..endDim into one (default: all but the batch dimension). */
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.flatten(x, this.startDim, this.endDim);
  }

  protected override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}

/** Max over kernel×kernel windows of [N, C, H, W] inputs; stride defaults to the kernel size. */
export class MaxPool2d extends Module {
  readonly stride: number;

  constructor(readonly kernelSize: number, stride?: number, readonly padding = 0) {
    super();
    checkPositiveInt('MaxPool2d', 'kernelSize', kernelSize);
    this.stride = stride ?? kernelSize;
    checkPositiveInt('MaxPool2d', 'stride', this.stride);
  }

  forward(x: Tensor): Tensor {
    checkInputDims('MaxPool2d', x.shape, [4], 'N, C, H, W');
    return F.maxPool2d(x, { kernel: this.kernelSize, stride: this.stride, padding: this.padding });
  }

  protected override extraRepr(): string {
    return `kernel=${this.kernelSize}, stride=${this.stride}, padding=${this.padding}`;
  }
}

/** In training mode zeroes each element with probability p and scales the rest by 1/(1−p); identity in eval mode. */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new Error(`Dropout: p must be in [0, 1], got ${p}`);
  }

  forward(x: Tensor): Tensor {
    return F.dropout(x, this.p, this.training);
  }

  protected override extraRepr(): string {
    return `p=${this.p}`;
  }
}
