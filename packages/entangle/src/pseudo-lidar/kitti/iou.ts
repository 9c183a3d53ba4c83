// Overlaps used by the KITTI evaluation (devkit evaluate_object_3d_offline.cpp: imageBoxOverlap,
// groundBoxOverlap, box3DOverlap). Formulas in docs/kitti-eval.md.
import { boxBevPolygon } from '../geometry/box3d.js';
import { convexIntersectionArea } from '../geometry/polygon.js';
import type { KittiObject } from './label.js';

type Rect = [number, number, number, number];

/** 2D intersection over union of [left, top, right, bottom] boxes; 0 when they do not overlap. */
export function imageIoU(a: Rect, b: Rect): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/** 2D intersection over the area of `a` (the devkit's criterion 0, used for DontCare regions). */
export function imageOverlapOfFirst(a: Rect, b: Rect): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const area = (a[2] - a[0]) * (a[3] - a[1]);
  return area > 0 ? (w * h) / area : 0;
}

type Box = Pick<KittiObject, 'dimensions' | 'location' | 'rotationY'>;

/** Area of the intersection of two boxes' rotated bird's-eye-view rectangles (m²). */
export function bevIntersection(a: Box, b: Box): number {
  return convexIntersectionArea(boxBevPolygon(a), boxBevPolygon(b));
}

/** Rotated bird's-eye-view IoU in the (x, z) plane: inter / (l₁w₁ + l₂w₂ − inter). */
export function bevIoU(a: Box, b: Box): number {
  const inter = bevIntersection(a, b);
  if (inter <= 0) return 0;
  const union = a.dimensions[2] * a.dimensions[1] + b.dimensions[2] * b.dimensions[1] - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * 3D IoU: BEV intersection × vertical overlap, over V₁ + V₂ − inter. Vertical overlap =
 * max(0, min(y₁, y₂) − max(y₁ − h₁, y₂ − h₂)) since y is the bottom and points down.
 */
export function iou3d(a: Box, b: Box): number {
  const overlapY = Math.min(a.location[1], b.location[1]) - Math.max(a.location[1] - a.dimensions[0], b.location[1] - b.dimensions[0]);
  if (overlapY <= 0) return 0;
  const inter = bevIntersection(a, b) * overlapY;
  if (inter <= 0) return 0;
  const va = a.dimensions[0] * a.dimensions[1] * a.dimensions[2];
  const vb = b.dimensions[0] * b.dimensions[1] * b.dimensions[2];
  const union = va + vb - inter;
  return union > 0 ? inter / union : 0;
}
