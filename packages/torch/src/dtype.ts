import { TorchError } from './errors.js';

/** Element types a Tensor can have. */
export type DType = 'float32' | 'float64' | 'int64' | 'bool' | 'uint8';

/** Typed arrays accepted by `tensor()` and returned by `toTypedArray()`. */
export type TypedArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

/** Numeric codes shared with native/src/args.cc (DTypeFromCode). */
const CODES: Record<DType, number> = { float32: 0, float64: 1, int64: 2, bool: 3, uint8: 4 };
const NAMES: DType[] = ['float32', 'float64', 'int64', 'bool', 'uint8'];

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && Object.hasOwn(CODES, x);
}

export function dtypeCode(d: DType, op: string): number {
  const code = CODES[d];
  if (code === undefined || !Object.hasOwn(CODES, d)) {
    throw new TorchError(`${op}: unknown dtype '${String(d)}'; expected one of ${NAMES.join(', ')}`, op);
  }
  return code;
}

export function dtypeName(code: number): DType {
  const name = NAMES[code];
  if (name === undefined) throw new TorchError(`dtype: tensor has a dtype outside ${NAMES.join(', ')} (native code ${code})`, 'dtype');
  return name;
}

export function isFloating(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}
