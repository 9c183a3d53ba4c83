// The stand-in for F-PointNet's 2D detector: ground-truth 2D boxes of the class, jittered, with a confidence.
import type { StereoCalibration } from '../../geometry/calib.js';
import { kittiDifficulty } from '../../kitti/difficulty.js';
import { imageIoU } from '../../kitti/iou.js';
import type { KittiObject } from '../../kitti/label.js';
import type { Rng } from '../../../train/random.js';

export type Rect = [number, number, number, number];

/** A 2D proposal: the jittered box and the simulated detector's confidence. */
export interface Proposal2D {
  bbox: Rect;
  /** IoU of the jittered box with the true 2D box: what a good 2D detector's confidence tracks. */
  confidence: number;
}

/**
 * Moves the box centre by U(−j, j)·(width, height) and scales width and height by 1 + U(−j, j) each, then clips to
 * the image (F-PointNet's random_shift_box2d with j = 0.1). Draws 4 numbers from rng in that order.
 */
export function jitterBox(bbox: readonly [number, number, number, number], jitter: number, rng: Rng, calib: StereoCalibration): Proposal2D {
  const u = (): number => (2 * rng.nextFloat() - 1) * jitter;
  const w = bbox[2] - bbox[0], h = bbox[3] - bbox[1];
  const cx = (bbox[0] + bbox[2]) / 2 + u() * w, cy = (bbox[1] + bbox[3]) / 2 + u() * h;
  const w2 = (w * (1 + u())) / 2, h2 = (h * (1 + u())) / 2;
  const box: Rect = [
    Math.max(-0.5, cx - w2), Math.max(-0.5, cy - h2), Math.min(calib.width - 0.5, cx + w2), Math.min(calib.height - 0.5, cy + h2),
  ];
  return { bbox: box, confidence: imageIoU(box, [bbox[0], bbox[1], bbox[2], bbox[3]]) };
}

/** Objects the simulated 2D detector finds: the class, inside some KITTI difficulty level, with a non-empty 2D box. */
export function detectable(o: KittiObject, className: string, scale: number): boolean {
  return o.type.toLowerCase() === className.toLowerCase() && kittiDifficulty(o, scale) !== null && o.bbox[2] > o.bbox[0] && o.bbox[3] > o.bbox[1];
}
