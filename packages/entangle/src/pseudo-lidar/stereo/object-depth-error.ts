// Depth error of u on the pixels of labelled objects: the part of the depth map a detector of that class learns from.
import { EntangleError } from '../../core/errors.js';
import { pointInBox, type Box3D } from '../geometry/box3d.js';
import type { StereoCalibration } from '../geometry/calib.js';
import { kittiDifficulty } from '../kitti/difficulty.js';
import type { KittiObject } from '../kitti/label.js';
import { inRange, type RangeFilter } from '../kitti/range.js';
import { pixelToRect } from '../pointcloud/backproject.js';

export interface ObjectDepthErrorOptions {
  className: 'Car' | 'Pedestrian';
  /** Only objects inside this range (e.g. the paper's ≤ 20 m pedestrians). */
  range?: RangeFilter;
  /** Tolerance (m) added around the 3D box when deciding which pixels show the object (default 0.1). */
  margin?: number;
}

export interface ObjectDepthError {
  /** Mean over objects of each object's mean |ẑ − z| (m) over its pixels; NaN when no object has a pixel. */
  mae: number;
  objects: number;
  pixels: number;
}

/** The box grown by `m` on every side (bottom-centre location, so the bottom moves down by m). */
function grown(box: Box3D, m: number): Box3D {
  const [h, w, l] = box.dimensions;
  const [x, y, z] = box.location;
  return { dimensions: [h + 2 * m, w + 2 * m, l + 2 * m], location: [x, y + m, z], rotationY: box.rotationY };
}

/**
 * Object-weighted depth MAE of a predicted depth map stack [n, H, W] against the ground truth, over the objects of
 * `className` that the KITTI evaluation counts (a difficulty level, inside `range`). An object's pixels are those of
 * its 2D box whose ground-truth point, back-projected as r does (docs/pseudo-lidar.md), lies inside its 3D box.
 */
export function objectDepthError(pred: Float32Array, truth: Float32Array, labels: readonly KittiObject[][], calib: StereoCalibration, scale: number, options: ObjectDepthErrorOptions): ObjectDepthError {
  const W = calib.width, H = calib.height, HW = W * H;
  if (pred.length !== truth.length || truth.length !== labels.length * HW) {
    throw new EntangleError(`objectDepthError: expected ${labels.length} frames of ${H} × ${W} (${labels.length * HW} values) in both maps, got ${pred.length} predicted and ${truth.length} true. Fix: pass the test split's depth maps and labels together.`);
  }
  const margin = options.margin ?? 0.1;
  const point = [0, 0, 0];
  let sum = 0, objects = 0, pixels = 0;
  labels.forEach((frame, f) => {
    for (const o of frame) {
      if (o.type !== options.className || kittiDifficulty(o, scale) === null) continue;
      if (options.range !== undefined && !inRange(o, options.range)) continue;
      const box = grown(o, margin);
      const [x1, y1, x2, y2] = o.bbox;
      let err = 0, count = 0;
      for (let v = Math.max(0, Math.floor(y1)); v <= Math.min(H - 1, Math.ceil(y2)); v++) {
        for (let u = Math.max(0, Math.floor(x1)); u <= Math.min(W - 1, Math.ceil(x2)); u++) {
          const i = f * HW + v * W + u;
          const z = truth[i];
          pixelToRect(u, v, z, calib, point);
          if (!pointInBox(box, point[0], point[1], point[2])) continue;
          err += Math.abs(pred[i] - z);
          count++;
        }
      }
      if (count === 0) continue;
      sum += err / count;
      objects++;
      pixels += count;
    }
  });
  return { mae: objects > 0 ? sum / objects : NaN, objects, pixels };
}
