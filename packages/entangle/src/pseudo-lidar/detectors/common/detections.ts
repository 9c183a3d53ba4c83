// Turning a detector's boxes into the plain-data detections it emits: KITTI objects with score, 2D box and alpha.
import type { StereoCalibration } from '../../geometry/calib.js';
import type { Box3D } from '../../geometry/box3d.js';
import { normalizeAngle } from '../../geometry/box3d.js';
import { completeDetection } from '../../kitti/complete.js';
import type { KittiObject } from '../../kitti/label.js';
import { inRange, type RangeFilter } from '../../kitti/range.js';

/** Decimals kept in emitted numbers: stored outputs are JSON, and rounding keeps them short and stable. */
const DECIMALS = 1e5;
const round = (v: number): number => Math.round(v * DECIMALS) / DECIMALS;

/**
 * KITTI detections (completeDetection) for scored boxes, highest score first, without the boxes outside
 * `detectionRange` (App. A's post-hoc cut). Non-finite boxes are dropped so the output stays valid JSON.
 */
export function toDetections(
  boxes: { box: Box3D; score: number }[], className: string, calib: StereoCalibration, detectionRange: RangeFilter | null,
): KittiObject[] {
  const out: KittiObject[] = [];
  for (const { box, score } of [...boxes].sort((a, b) => b.score - a.score)) {
    const rounded: Box3D = {
      location: box.location.map(round) as [number, number, number],
      dimensions: box.dimensions.map(round) as [number, number, number],
      rotationY: round(normalizeAngle(box.rotationY)),
    };
    const values = [...rounded.location, ...rounded.dimensions, rounded.rotationY, score];
    if (!values.every(Number.isFinite) || !rounded.dimensions.every((d) => d > 0)) continue;
    if (detectionRange && !inRange(rounded, detectionRange)) continue;
    const d = completeDetection(rounded, className, round(score), calib);
    d.alpha = round(d.alpha);
    d.bbox = d.bbox.map(round) as [number, number, number, number];
    out.push(d);
  }
  return out;
}
