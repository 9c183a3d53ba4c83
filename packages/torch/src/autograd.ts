import { N } from './native.js';

/** Runs fn with gradient recording off (PyTorch `torch.no_grad()`), returning its result. */
export function noGrad<T>(fn: () => T): T {
  const previous = N.setGradEnabled(false);
  try {
    return fn();
  } finally {
    N.setGradEnabled(previous);
  }
}

/** Runs fn with gradient recording on (e.g. inside noGrad), returning its result. */
export function enableGrad<T>(fn: () => T): T {
  const previous = N.setGradEnabled(true);
  try {
    return fn();
  } finally {
    N.setGradEnabled(previous);
  }
}

/** Whether ops currently record autograd history. */
export function isGradEnabled(): boolean {
  return N.isGradEnabled();
}
