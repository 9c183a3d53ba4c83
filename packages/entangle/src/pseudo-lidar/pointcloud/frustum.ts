// Frustum selection (F-PointNet style): the points whose source pixel lies inside a 2D box.
import type { PointCloud } from './backproject.js';

/** Points of `cloud` whose pixel centre (u, v) satisfies left ≤ u ≤ right and top ≤ v ≤ bottom. */
export function frustumPoints(cloud: PointCloud, bbox: readonly [number, number, number, number], imageWidth: number): PointCloud {
  const [l, t, r, b] = bbox;
  const xyz: number[] = [];
  const pixel: number[] = [];
  for (let i = 0; i < cloud.count; i++) {
    const p = cloud.pixel[i];
    const u = p % imageWidth, v = (p - u) / imageWidth;
    if (u < l || u > r || v < t || v > b) continue;
    xyz.push(cloud.xyz[3 * i], cloud.xyz[3 * i + 1], cloud.xyz[3 * i + 2]);
    pixel.push(p);
  }
  return { count: pixel.length, xyz: Float32Array.from(xyz), pixel: Int32Array.from(pixel) };
}
