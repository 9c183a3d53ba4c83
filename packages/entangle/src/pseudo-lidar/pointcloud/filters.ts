// Point-cloud cuts of the paper: winsorization (drop points > 1 m above the camera) and the 20 m cut.
import { EntangleError } from '../../core/errors.js';
import type { PointCloud } from './backproject.js';

export interface CloudFilter {
  /** Keep points whose height above the camera, −y (rect) = velodyne z, is < maxHeight (m). */
  maxHeight?: number;
  /** Keep points with forward distance z (rect) = velodyne x ≤ maxForward (m). */
  maxForward?: number;
  /** Keep points with z ≥ minForward (m). */
  minForward?: number;
}

/** The points that pass every cut of the filter (a new cloud; the input is not changed). */
export function filterPointCloud(cloud: PointCloud, filter: CloudFilter): PointCloud {
  const maxHeight = filter.maxHeight ?? Infinity;
  const maxForward = filter.maxForward ?? Infinity;
  const minForward = filter.minForward ?? -Infinity;
  for (const [k, v] of Object.entries(filter)) {
    if (v !== undefined && Number.isNaN(v)) throw new EntangleError(`filterPointCloud: ${k} is NaN; omit it for no cut.`);
  }
  const xyz = new Float32Array(cloud.xyz.length);
  const pixel = new Int32Array(cloud.count);
  let n = 0;
  for (let i = 0; i < cloud.count; i++) {
    const y = cloud.xyz[3 * i + 1], z = cloud.xyz[3 * i + 2];
    if (!(-y < maxHeight) || z > maxForward || z < minForward) continue;
    xyz[3 * n] = cloud.xyz[3 * i];
    xyz[3 * n + 1] = y;
    xyz[3 * n + 2] = z;
    pixel[n] = cloud.pixel[i];
    n++;
  }
  return { count: n, xyz: xyz.slice(0, 3 * n), pixel: pixel.slice(0, n) };
}
