/**
 * Error thrown by every torch operation. `op` is the failing operation; the message names it and,
 * for libtorch failures, the argument shapes/dtypes, e.g.
 * `matmul: mat1 and mat2 shapes cannot be multiplied (2x2 and 3x3) [args: float32[2,2], float32[3,3]]`.
 */
export class TorchError extends Error {
  readonly op: string;

  constructor(message: string, op: string) {
    super(message);
    this.name = 'TorchError';
    this.op = op;
  }
}

/** The error for using a tensor after dispose() or after its tidy() scope ended. */
export function disposedError(op: string): TorchError {
  return new TorchError(`Tensor is disposed (op: ${op})`, op);
}
