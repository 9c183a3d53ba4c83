import { Tensor, keep, noGrad, tidy, zerosLike } from '../index.js';
import { Optimizer, checkNonNegative } from './optimizer.js';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  /** L2 penalty added to the gradient (classic Adam, not AdamW). */
  weightDecay?: number;
}

interface AdamState {
  step: number;
  expAvg: Tensor;
  expAvgSq: Tensor;
}

/**
 * Adam (Kingma & Ba 2015) exactly as PyTorch 1.13's single-tensor path, see docs/torch-nn-optim.md:
 * g ← grad + wd·p; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 * p ← p − lr/(1−β1ᵗ) · m / (√v / √(1−β2ᵗ) + eps).
 */
export class Adam extends Optimizer {
  readonly betas: [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  private readonly state = new Map<Tensor, AdamState>();

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params, options.lr ?? 1e-3, 'Adam');
    this.betas = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    for (const [i, b] of this.betas.entries()) {
      if (!(b >= 0 && b < 1)) throw new Error(`Adam: betas[${i}] must be in [0, 1), got ${b}`);
    }
    checkNonNegative('Adam', 'eps', this.eps);
    checkNonNegative('Adam', 'weightDecay', this.weightDecay);
  }

  step(): void {
    const [beta1, beta2] = this.betas;
    const { lr, eps, weightDecay } = this;
    tidy(() => noGrad(() => {
      for (const p of this.params) {
        const grad = p.grad;
        if (grad === null) continue;
        const s = this.stateOf(p);
        s.step += 1;
        const g = weightDecay !== 0 ? grad.add(p, weightDecay) : grad;
        s.expAvg.mulInPlace(beta1).addInPlace(g, 1 - beta1);
        s.expAvgSq.mulInPlace(beta2).addcmulInPlace(g, g, 1 - beta2);
        const stepSize = lr / (1 - beta1 ** s.step);
        const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** s.step);
        const denom = s.expAvgSq.sqrt().divInPlace(biasCorrection2Sqrt).addInPlace(eps);
        p.addcdivInPlace(s.expAvg, denom, -stepSize);
        // Free the temporaries now (tidy is only the safety net): the next parameter reuses the memory.
        denom.dispose();
        if (g !== grad) g.dispose();
      }
    }));
  }

  /** Number of steps taken for parameter `p` (0 before its first gradient). */
  stepCount(p: Tensor): number {
    return this.state.get(p)?.step ?? 0;
  }

  dispose(): void {
    for (const s of this.state.values()) {
      s.expAvg.dispose();
      s.expAvgSq.dispose();
    }
    this.state.clear();
  }

  private stateOf(p: Tensor): AdamState {
    let s = this.state.get(p);
    if (s === undefined) {
      s = { step: 0, expAvg: keep(zerosLike(p)), expAvgSq: keep(zerosLike(p)) };
      this.state.set(p, s);
    }
    return s;
  }
}
