import { Tensor, tidy } from '../index.js';

/** Shared parts of SGD and Adam: the parameter list, the learning rate, zeroGrad and state disposal. */
export abstract class Optimizer {
  readonly params: Tensor[];
  private currentLr: number;

  constructor(params: Iterable<Tensor>, lr: number, name: string) {
    this.params = [...params];
    if (this.params.length === 0) throw new Error(`${name}: got an empty parameter list; pass model.parameters()`);
    this.params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new TypeError(`${name}: parameter ${i} is not a Tensor`);
      if (!p.requiresGrad) throw new Error(`${name}: parameter ${i} (shape [${p.shape.join(', ')}]) does not require grad; register it with Module.registerParameter or set requiresGrad`);
    });
    checkNonNegative(name, 'lr', lr);
    this.currentLr = lr;
  }

  get lr(): number {
    return this.currentLr;
  }

  set lr(value: number) {
    checkNonNegative(this.constructor.name, 'lr', value);
    this.currentLr = value;
  }

  /** Clears every gradient (PyTorch `zero_grad(set_to_none=True)`): the next backward writes fresh ones. */
  zeroGrad(): void {
    tidy(() => {
      for (const p of this.params) p.zeroGrad();
    });
  }

  /** Updates every parameter that has a gradient; parameters without one are skipped. */
  abstract step(): void;

  /** Frees the optimizer's state tensors (momentum buffers, moment estimates); the parameters are untouched. */
  abstract dispose(): void;
}

/** Throws unless `value` is a finite number ≥ 0. */
export function checkNonNegative(owner: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new Error(`${owner}: ${name} must be a finite number ≥ 0, got ${value}`);
}
