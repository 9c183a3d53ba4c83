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
        const g = weightDecay !== 0 ? grad.add(p, weightDecay) : grad;
        const buf = momentum !== 0 ? this.updateBuffer(p, g) : null;
        const d = buf === null ? g : nesterov ? g.add(buf, momentum) : buf;
        p.addInPlace(d, -lr);
        // Free the temporaries now (tidy is only the safety net): the next parameter reuses the memory.
        if (d !== g && d !== buf) d.dispose();
        if (g !== grad) g.dispose();
      }
    }));
  }

  /** b ← g on the first step, b ← momentum·b + g afterwards; returns b. */
  private updateBuffer(p: Tensor, g: Tensor): Tensor {
    const buf = this.buffers.get(p);
    if (buf !== undefined) return buf.mulInPlace(this.momentum).addInPlace(g);
    const created = keep(g.clone());
    this.buffers.set(p, created);
    return created;
  }

  dispose(): void {
    for (const buf of this.buffers.values()) buf.dispose();
    this.buffers.clear();
  }
}
