// Splits one epoch's example order into minibatches.

/**
 * [start, end) bounds of consecutive batches of `batchSize` over `length` examples. A trailing batch of one
 * example is merged into the previous batch: BatchNorm cannot compute a batch variance from one example
 * (PyTorch raises; libtorch stores NaN running statistics), so a last batch of size 1 would poison the model.
 * With batchSize 1 every batch has one example, as asked.
 */
export function batchBounds(length: number, batchSize: number): [number, number][] {
  const bounds: [number, number][] = [];
  for (let start = 0; start < length; start += batchSize) bounds.push([start, Math.min(length, start + batchSize)]);
  const last = bounds[bounds.length - 1];
  if (batchSize > 1 && bounds.length > 1 && last[1] - last[0] === 1) {
    bounds.pop();
    bounds[bounds.length - 1][1] = length;
  }
  return bounds;
}
