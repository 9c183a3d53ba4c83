import { Tensor } from '../index.js';
import { Module } from './module.js';
import { pipe } from './pipe.js';

/** Applies its modules in order; they are registered as '0', '1', … (PyTorch's paths). */
export class Sequential extends Module {
  private readonly layers: Module[];

  constructor(...modules: Module[]) {
    super();
    this.layers = modules.map((m, i) => this.registerModule(String(i), m));
  }

  get length(): number {
    return this.layers.length;
  }

  /** The i-th module (negative i counts from the end). */
  at(i: number): Module {
    const m = this.layers.at(i);
    if (m === undefined) throw new Error(`Sequential.at(${i}): index out of range for ${this.layers.length} modules`);
    return m;
  }

  /** Runs the modules in order; intermediate outputs are disposed once used (see `pipe`). */
  forward(x: Tensor): Tensor {
    return pipe(x, this.layers.map((m) => (t: Tensor): Tensor => m.forward(t)));
  }
}
