/** Throws a readable error unless `value` is a positive integer. */
export function checkPositiveInt(layer: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${layer}: ${name} must be a positive integer, got ${value}`);
  }
}

/** Throws a readable error unless `value` is a non-negative integer. */
export function checkNonNegativeInt(layer: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${layer}: ${name} must be a non-negative integer, got ${value}`);
  }
}

/** Throws unless `x` has one of the allowed numbers of dimensions, naming the layer and the usual layout. */
export function checkInputDims(layer: string, shape: readonly number[], allowed: number[], layout: string): void {
  if (!allowed.includes(shape.length)) {
    throw new Error(`${layer}: expected ${allowed.join(' or ')}D input (${layout}), got ${shape.length}D input of shape [${shape.join(', ')}]`);
  }
}
