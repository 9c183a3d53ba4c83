import { Optimizer } from './optimizer.js';

export interface MultiStepLROptions {
  /** Epoch counts (non-decreasing positive integers) after which the rate is multiplied by gamma; a repeated milestone applies gamma once per occurrence. */
  milestones: number[];
  /** Multiplier applied at each milestone (default 0.1). */
  gamma?: number;
}

/**
 * Step schedule, called once at the end of each epoch (see docs/torch-nn-optim.md): the e-th call to `step()`
 * multiplies the optimizer's lr by gamma once for each milestone equal to e, so after e calls
 * lr = initialLr · gamma^(number of milestones ≤ e). Chained like PyTorch's MultiStepLR (a lr set by
 * hand in between is kept and scaled) and like the paper's code (one multiplication per drop).
 */
export class MultiStepLR {
  readonly milestones: readonly number[];
  readonly gamma: number;
  private epochs = 0;

  constructor(readonly optimizer: Optimizer, options: MultiStepLROptions) {
    this.milestones = [...options.milestones];
    this.gamma = options.gamma ?? 0.1;
    this.milestones.forEach((m, i) => {
      if (!Number.isInteger(m) || m <= 0 || (i > 0 && m < this.milestones[i - 1])) {
        throw new Error(`MultiStepLR: milestones must be non-decreasing positive integers, got [${this.milestones.join(', ')}]`);
      }
    });
    if (!(Number.isFinite(this.gamma) && this.gamma > 0)) throw new Error(`MultiStepLR: gamma must be > 0, got ${this.gamma}`);
  }

  /** Number of completed epochs (calls to `step()`). */
  get epoch(): number {
    return this.epochs;
  }

  /** Marks the end of an epoch and sets the optimizer's lr for the next one. */
  step(): void {
    this.epochs += 1;
    for (const m of this.milestones) if (m === this.epochs) this.optimizer.lr *= this.gamma;
  }
}

/**
 * The paper's schedule (lr ÷ 10 once (epoch+1) ≥ 0.5·epochs and again once ≥ 0.75·epochs, epoch
 * counted from 0; both drops happen together when they coincide): milestones [ceil(0.5·epochs), ceil(0.75·epochs)].
 */
export function paperMilestones(epochs: number): number[] {
  if (!Number.isInteger(epochs) || epochs <= 0) throw new Error(`paperMilestones: epochs must be a positive integer, got ${epochs}`);
  return [Math.ceil(0.5 * epochs), Math.ceil(0.75 * epochs)];
}
