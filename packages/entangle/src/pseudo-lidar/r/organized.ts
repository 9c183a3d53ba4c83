// r(d) as an organized point cloud: one (x, y, z) per left-image pixel, NaN where the point is dropped.
import { ContractError } from '../../core/errors.js';
import type { StereoCalibration } from '../geometry/calib.js';
import { depthToPointCloud, type PointCloud } from '../pointcloud/backproject.js';
import { filterPointCloud } from '../pointcloud/filters.js';
import { PSEUDO_LIDAR_SETTINGS, type PseudoLidarSetting } from '../pointcloud/settings.js';

/** The paper's three settings, plus 'none' (back-projection without any cut). */
export type CloudSetting = PseudoLidarSetting | 'none';
export const CLOUD_SETTINGS: readonly CloudSetting[] = ['section5-car', 'section5-pedestrian', 'appendixA-pedestrian', 'none'];

/** r(d) of one depth map with the setting's cuts, as a flat cloud (reuses pointcloud/ back-projection and filters). */
export function cloudOf(depth: Float32Array, calib: StereoCalibration, setting: CloudSetting): PointCloud {
  const cloud = depthToPointCloud(depth, calib);
  return setting === 'none' ? cloud : filterPointCloud(cloud, PSEUDO_LIDAR_SETTINGS[setting].filter);
}

/**
 * Depth maps [n, H, W] (m) → organized clouds [n, 3, H, W]: channel c of pixel (u, v) of frame i is at
 * ((i·3 + c)·H + v)·W + u and holds the rect-camera x, y or z (m). Dropped points (non-finite or non-positive depth,
 * the setting's cuts) are NaN in all three channels.
 */
export function organizedCloud(depth: Float32Array, n: number, calib: StereoCalibration, setting: CloudSetting): Float32Array {
  const H = calib.height, W = calib.width, hw = H * W;
  if (depth.length !== n * hw) {
    throw new ContractError(`pseudo-lidar: the depth block has ${depth.length} values, expected ${n} × ${H} × ${W} = ${n * hw} (the image size at scale ${calib.scale}). Fix: give r the depth maps of images at that scale, or set its arg 'scale'.`);
  }
  const out = new Float32Array(n * 3 * hw).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const cloud = cloudOf(depth.subarray(i * hw, (i + 1) * hw), calib, setting);
    const base = i * 3 * hw;
    for (let k = 0; k < cloud.count; k++) {
      const p = cloud.pixel[k];
      out[base + p] = cloud.xyz[3 * k];
      out[base + hw + p] = cloud.xyz[3 * k + 1];
      out[base + 2 * hw + p] = cloud.xyz[3 * k + 2];
    }
  }
  return out;
}

/** Frame i of an organized block [n, 3, H, W] as a flat `PointCloud` (points in pixel order; NaN points left out). */
export function organizedToPointCloud(block: { shape: number[]; data: Float32Array }, i: number): PointCloud {
  const [n, c, H, W] = block.shape;
  if (block.shape.length !== 4 || c !== 3) throw new ContractError(`organizedToPointCloud: expected a block [n, 3, H, W], got [${block.shape.join(', ')}].`);
  if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new ContractError(`organizedToPointCloud: frame ${i} is outside 0..${n - 1}.`);
  const hw = H * W, base = i * 3 * hw;
  const xyz: number[] = [];
  const pixel: number[] = [];
  for (let p = 0; p < hw; p++) {
    const x = block.data[base + p], y = block.data[base + hw + p], z = block.data[base + 2 * hw + p];
    if (Number.isNaN(x) || Number.isNaN(y) || Number.isNaN(z)) continue;
    xyz.push(x, y, z);
    pixel.push(p);
  }
  return { count: pixel.length, xyz: Float32Array.from(xyz), pixel: Int32Array.from(pixel) };
}
