// Test helper: small synthetic digit sets whose pixels identify each example.
import { makeDigitData, rootVersion, type DigitData } from '../../src/data/digits.js';

/** One 1x2x2 image per label; pixel 0 of example i equals i, so reordering is visible. */
export function labelled(labels: number[]): DigitData {
  const n = labels.length;
  const images = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) images[i * 4] = i;
  const ys = Int32Array.from(labels);
  const shape: [number, number, number, number] = [n, 1, 2, 2];
  return makeDigitData({ images, shape, labels: ys, source: 'fixture', version: rootVersion('fixture', images, ys, shape) });
}

/** `counts[c]` examples of each class c, classes interleaved. */
export function withCounts(counts: Record<number, number>): DigitData {
  const labels: number[] = [];
  const left = new Map(Object.entries(counts).map(([k, v]) => [Number(k), v]));
  while ([...left.values()].some((v) => v > 0)) {
    for (const [k, v] of left) if (v > 0) { labels.push(k); left.set(k, v - 1); }
  }
  return labelled(labels);
}

/** Example ids (pixel 0) in order. */
export function ids(d: DigitData): number[] {
  return Array.from({ length: d.shape[0] }, (_, i) => d.images[i * 4]);
}
