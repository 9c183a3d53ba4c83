// Frustum samples (F-PointNet v1 style): the points whose pixel lies in a 2D box, rotated so the box's centre ray
// is the +z axis, centred on their per-axis median, and resampled to a fixed count. Formulas in docs/detectors.md.
import type { StereoCalibration } from '../../geometry/calib.js';
import type { PointCloud } from '../../pointcloud/backproject.js';
import { frustumPoints } from '../../pointcloud/frustum.js';
import type { Rng } from '../../../train/random.js';
import { ROAD_Y } from '../common/classes.js';

/** Per-point features: x′ − m_x, y − m_y, z′ − m_z, height above the road 1.65 − y. */
export const POINT_FEATURES = 4;

/** A frustum ready for the network: features [POINT_FEATURES, numPoints] (channel-major) and its frame. */
export interface FrustumSample {
  features: Float32Array;
  /** Rotation of the frustum frame: the centre ray's angle φ = atan2((u_c − c_u)/f_u, 1) about the camera y axis. */
  angle: number;
  /** Per-axis median (x′, y, z′) of the frustum points in the rotated frame: the origin of the regression. */
  origin: [number, number, number];
  /** Points that were in the frustum (before resampling). */
  count: number;
}

/** Rect (x, z) → frustum frame: x′ = x cos φ − z sin φ, z′ = x sin φ + z cos φ (the centre ray maps to +z). */
export function toFrustumFrame(x: number, z: number, angle: number): [number, number] {
  const c = Math.cos(angle), s = Math.sin(angle);
  return [x * c - z * s, x * s + z * c];
}

/** Frustum frame → rect: x = x′ cos φ + z′ sin φ, z = −x′ sin φ + z′ cos φ. */
export function fromFrustumFrame(xp: number, zp: number, angle: number): [number, number] {
  const c = Math.cos(angle), s = Math.sin(angle);
  return [xp * c + zp * s, -xp * s + zp * c];
}

/** φ of a 2D box: the angle of the ray through its centre column. */
export function frustumAngle(bbox: readonly [number, number, number, number], calib: StereoCalibration): number {
  return Math.atan2(((bbox[0] + bbox[2]) / 2 - calib.cu) / calib.fu, 1);
}

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * The sample of one 2D box, or null when no point falls inside it. With more than `numPoints` points a random
 * subset is kept; with fewer, every point is kept once and random ones are repeated to fill up.
 */
export function frustumSample(
  cloud: PointCloud, bbox: readonly [number, number, number, number], calib: StereoCalibration, numPoints: number, rng: Rng,
): FrustumSample | null {
  const inside = frustumPoints(cloud, bbox, calib.width);
  const n = inside.count;
  if (n === 0) return null;
  const angle = frustumAngle(bbox, calib);
  const xs = new Float64Array(n), ys = new Float64Array(n), zs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [xp, zp] = toFrustumFrame(inside.xyz[3 * i], inside.xyz[3 * i + 2], angle);
    xs[i] = xp;
    ys[i] = inside.xyz[3 * i + 1];
    zs[i] = zp;
  }
  const origin: [number, number, number] = [median(xs), median(ys), median(zs)];
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { // Fisher–Yates
    const j = rng.nextInt(i + 1);
    const t = order[i]; order[i] = order[j]; order[j] = t;
  }
  const features = new Float32Array(POINT_FEATURES * numPoints);
  for (let k = 0; k < numPoints; k++) {
    const i = k < n ? order[k] : order[rng.nextInt(n)];
    features[k] = xs[i] - origin[0];
    features[numPoints + k] = ys[i] - origin[1];
    features[2 * numPoints + k] = zs[i] - origin[2];
    features[3 * numPoints + k] = ROAD_Y - ys[i];
  }
  return { features, angle, origin, count: n };
}
