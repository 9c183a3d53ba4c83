import { Tensor, keep, noGrad, tidy } from '../index.js';
import { Optimizer, checkNonNegative } from './optimizer.js';

export interface SGDOptions {
  lr: number;
  momentum?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent, PyTorch 1.13's update (dampening 0), see docs/torch-nn-optim.md:
 * g ← grad + wd·p; b ← g (first step) or μ·b + g; d ← g + μ·b (Nesterov) or b; p ← p − lr·d.
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private readonly buffers = new Map<Tensor, Tensor>();

  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super(params, options.lr, 'SGD');
    this.momentum = options.momentum ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.nesterov = options.nesterov ?? false;
    checkNonNegative('SGD', 'momentum', this.momentum);
    checkNonNegative('SGD', 'weightDecay', this.weightDecay);
    if (this.nesterov && this.momentum === 0) throw new Error('SGD: nesterov requires momentum > 0');
  }

  step(): void {
    const { lr, momentum, weightDecay, nesterov } = this;
    tidy(() => noGrad(() => {
      for (const p of this.params) {
        const grad = p.grad;
        if (grad === null) continue;
        let d = weightDecay !== 0 ? grad.add(p.mul(weightDecay)) : grad;
        if (momentum !== 0) {
          let buf = this.buffers.get(p);
          if (buf === undefined) {
            buf = keep(d.clone());
            this.buffers.set(p, buf);
          } else {
            buf.mulInPlace(momentum).addInPlace(d);
          }
          d = nesterov ? d.add(buf.mul(momentum)) : buf;
        }
        p.addInPlace(d, -lr);
      }
    }));
  }

  dispose(): void {
    for (const buf of this.buffers.values()) buf.dispose();
    this.buffers.clear();
  }
}
