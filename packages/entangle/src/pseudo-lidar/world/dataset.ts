// A dataset of generated frames as plain data, with its memory footprint.
import { EntangleError } from '../../core/errors.js';
import { kittiCalibration } from '../geometry/calib.js';
import { generateFrame, resolveWorldOptions, type StereoFrame, type WorldOptions } from './frame.js';

export interface StereoDataset {
  seed: number;
  options: WorldOptions;
  frames: StereoFrame[];
  /** Bytes held by the frames' typed arrays plus ~120 bytes per label. */
  bytes: number;
}

/** Approximate label memory (JS object with three small arrays). */
const BYTES_PER_LABEL = 120;
/** left, right, depth, disparity (float32) + objectIndex (int16). */
const BYTES_PER_PIXEL = 4 * 4 + 2;

/** Bytes of one frame's typed arrays and labels. */
export function frameBytes(frame: StereoFrame): number {
  return frame.left.byteLength + frame.right.byteLength + frame.depth.byteLength + frame.disparity.byteLength +
    frame.objectIndex.byteLength + BYTES_PER_LABEL * frame.labels.length;
}

/** Bytes a dataset of `frames` frames will take, before generating it (labels at their expected count). */
export function estimateDatasetBytes(frames: number, options: Partial<WorldOptions> = {}): number {
  const o = resolveWorldOptions(options);
  const c = kittiCalibration(o.scale, o.baseline);
  const labelsPerFrame = o.carsPerFrame + o.pedestriansPerFrame;
  return frames * (c.width * c.height * BYTES_PER_PIXEL + BYTES_PER_LABEL * labelsPerFrame);
}

/**
 * Frames 0..frames−1 of the world with this seed. Frame i is the same whatever `frames` is, so a
 * train/test split can use disjoint index ranges (`firstIndex`) of one seed.
 */
export function buildDataset(
  seed: number, frames: number, options: Partial<WorldOptions> = {},
  extra: { firstIndex?: number; onFrame?: (done: number, total: number) => void } = {},
): StereoDataset {
  if (!Number.isInteger(frames) || frames < 0) throw new EntangleError(`buildDataset: frames must be an integer ≥ 0, got ${frames}.`);
  if (!Number.isInteger(seed)) throw new EntangleError(`buildDataset: seed must be an integer, got ${seed}.`);
  const o = resolveWorldOptions(options);
  const first = extra.firstIndex ?? 0;
  const out: StereoFrame[] = [];
  let bytes = 0;
  for (let i = 0; i < frames; i++) {
    const f = generateFrame(seed, first + i, o);
    bytes += frameBytes(f);
    out.push(f);
    extra.onFrame?.(i + 1, frames);
  }
  return { seed, options: o, frames: out, bytes };
}
