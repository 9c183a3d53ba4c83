import { Tensor } from '../index.js';

/**
 * Applies `steps` in order and disposes each intermediate result as soon as the next step has used
 * it (never `x`, never the result, never a step's unchanged input). Autograd keeps its own references
 * to what backward needs, so this only releases memory early, as Python's reference counting does;
 * without it every activation of a step would stay alive until the enclosing `tidy` ends.
 * Steps must return a new tensor or their input, not a tensor they own (such as a parameter).
 */
export function pipe(x: Tensor, steps: readonly ((t: Tensor) => Tensor)[]): Tensor {
  let y = x;
  for (const step of steps) {
    const next = step(y);
    if (y !== x && next !== y) y.dispose();
    y = next;
  }
  return y;
}
