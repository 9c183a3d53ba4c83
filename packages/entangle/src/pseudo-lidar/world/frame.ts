// One frame of the generated stereo driving world: images, ground-truth depth/disparity, labels.
import { EntangleError } from '../../core/errors.js';
import { kittiCalibration, KITTI_BASELINE, KITTI_CAMERA_HEIGHT, type StereoCalibration } from '../geometry/calib.js';
import { normalizeAngle } from '../geometry/box3d.js';
import type { KittiObject } from '../kitti/label.js';
import { labelScene } from './labels.js';
import { Tracer } from './raycast.js';
import { renderDepth, renderImage } from './render.js';
import { mixSeed, Rng } from './rng.js';
import { sampleScene, type SceneOptions } from './sample-scene.js';

export interface WorldOptions extends SceneOptions {
  /** Image scale s relative to KITTI (0.25 → 311 × 94, 0.5 → 621 × 188). */
  scale: number;
  /** Stereo baseline (m). */
  baseline: number;
  /** Sub-pixel rays per pixel side for the images (depth uses the pixel-centre ray). */
  supersample: number;
  /** Standard deviation of the Gaussian pixel noise (images in [0, 1]). */
  noiseSigma: number;
  /** Objects with fewer visible pixels get occluded = 3 (ignored by every difficulty); default round(320·s²) (20 at s = 0.25). */
  minVisiblePixels?: number;
}

export const DEFAULT_WORLD_OPTIONS: WorldOptions = {
  scale: 0.25,
  baseline: KITTI_BASELINE,
  cameraHeight: KITTI_CAMERA_HEIGHT,
  carsPerFrame: 5,
  pedestriansPerFrame: 2,
  distractorsPerFrame: 8,
  backdropDistance: [85, 110],
  supersample: 2,
  noiseSigma: 0.02,
};

/** A rectified stereo pair with ground truth; every map is row-major H × W, index v·W + u. */
export interface StereoFrame {
  /** Dataset seed and frame index; the frame is a pure function of (seed, index, options). */
  seed: number;
  index: number;
  width: number;
  height: number;
  calib: StereoCalibration;
  /** Grayscale radiance in [0, 1]. */
  left: Float32Array;
  right: Float32Array;
  /** Ground-truth depth z (m) of the left view, finite and > 0 everywhere (sky = backdrop, > 80 m). */
  depth: Float32Array;
  /** Ground-truth disparity f_u·B / z (px) of the left view. */
  disparity: Float32Array;
  /** Index into `labels` of the labelled object seen at each left pixel, −1 for background and distractors. */
  objectIndex: Int16Array;
  /** KITTI labels (Car, Pedestrian) of every object with at least one visible pixel, rect camera coordinates. */
  labels: KittiObject[];
}

/** Checks user options and fills defaults. */
export function resolveWorldOptions(options: Partial<WorldOptions> = {}): WorldOptions {
  const o = { ...DEFAULT_WORLD_OPTIONS, ...options };
  const check = (ok: boolean, what: string, got: unknown): void => {
    if (!ok) throw new EntangleError(`World options: ${what}, got ${String(got)}.`);
  };
  check(o.scale > 0 && o.scale <= 1, 'scale must be in (0, 1] (0.25 for CI, 0.5 faithful)', o.scale);
  check(Number.isInteger(o.supersample) && o.supersample >= 1 && o.supersample <= 4, 'supersample must be an integer in 1..4', o.supersample);
  check(o.noiseSigma >= 0, 'noiseSigma must be ≥ 0', o.noiseSigma);
  check(o.baseline > 0, 'baseline must be > 0 m', o.baseline);
  check(o.cameraHeight > 0.5, 'cameraHeight must be > 0.5 m', o.cameraHeight);
  const [b0, b1] = o.backdropDistance;
  check(Array.isArray(o.backdropDistance) && o.backdropDistance.length === 2 && b0 >= 20 && b0 <= b1 && b1 <= 300,
    'backdropDistance must be [min, max] with 20 ≤ min ≤ max ≤ 300 m', JSON.stringify(o.backdropDistance));
  for (const k of ['carsPerFrame', 'pedestriansPerFrame', 'distractorsPerFrame'] as const) {
    check(o[k] >= 0 && o[k] <= 30, `${k} must be in [0, 30]`, o[k]);
  }
  return o;
}

/** Seed of frame `index` of a dataset seeded with `seed` (independent of how many frames are generated). */
export function frameSeed(seed: number, index: number): number {
  return mixSeed(seed, index);
}

function addNoise(img: Float32Array, gain: number, sigma: number, rng: Rng): void {
  for (let i = 0; i < img.length; i++) {
    const v = img[i] * gain + (sigma > 0 ? rng.normal(0, sigma) : 0);
    img[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

/** Generates frame `index` of the dataset with seed `seed`. */
export function generateFrame(seed: number, index: number, options: Partial<WorldOptions> = {}): StereoFrame {
  const o = resolveWorldOptions(options);
  const calib = kittiCalibration(o.scale, o.baseline);
  const fs = frameSeed(seed, index);
  const scene = sampleScene(new Rng(fs), o);
  const W = calib.width, H = calib.height, n = W * H;
  const leftTracer = new Tracer(scene, calib, 0);
  const rightTracer = new Tracer(scene, calib, o.baseline);
  const left = new Float32Array(n), right = new Float32Array(n);
  renderImage(leftTracer, calib, o.supersample, left);
  renderImage(rightTracer, calib, o.supersample, right);
  const noise = new Rng(mixSeed(fs, 0x5eed));
  addNoise(left, 1, o.noiseSigma, noise);
  addNoise(right, scene.lighting.rightGain, o.noiseSigma, noise);
  const depth = new Float32Array(n), objectIndex = new Int16Array(n);
  renderDepth(leftTracer, scene, calib, depth, objectIndex);
  const fb = calib.fu * calib.baseline;
  const disparity = new Float32Array(n);
  for (let i = 0; i < n; i++) disparity[i] = fb / depth[i];
  const minVisible = o.minVisiblePixels ?? Math.round(320 * o.scale * o.scale);
  const labelled = labelScene(scene, calib, leftTracer, objectIndex, minVisible);
  const remap = new Int16Array(scene.objects.length).fill(-1);
  const labels: KittiObject[] = [];
  labelled.forEach((l, k) => {
    if (l === null) return;
    remap[k] = labels.length;
    labels.push({ ...l.label, rotationY: normalizeAngle(l.label.rotationY) });
  });
  for (let i = 0; i < n; i++) if (objectIndex[i] >= 0) objectIndex[i] = remap[objectIndex[i]];
  return { seed, index, width: W, height: H, calib, left, right, depth, disparity, objectIndex, labels };
}
