// Pseudo-LiDAR generator r: back-projection of a depth map to 3D points (mileyan/pseudo_lidar
// preprocessing/generate_lidar.py + kitti_util.project_image_to_rect). Formulas in docs/pseudo-lidar.md.
import { EntangleError } from '../../core/errors.js';
import { rectToVelo, type StereoCalibration } from '../geometry/calib.js';
import { Rng } from '../world/rng.js';

/** Points in rect camera coordinates with the pixel each came from. */
export interface PointCloud {
  count: number;
  /** x, y, z per point (m), length 3·count; x right, y down, z forward. */
  xyz: Float32Array;
  /** Left-image pixel index v·W + u of each point. */
  pixel: Int32Array;
}

export interface BackProjectOptions {
  /** Keep only pixels with u % stride = 0 and v % stride = 0 (default 1: every pixel). */
  stride?: number;
  /** Keep each remaining pixel with this probability (default 1), drawn from `seed`. */
  keepFraction?: number;
  seed?: number;
}

/** An empty cloud. */
export function emptyPointCloud(): PointCloud {
  return { count: 0, xyz: new Float32Array(0), pixel: new Int32Array(0) };
}

/**
 * Writes the rect-camera point of pixel (u, v) at depth z into `out`: x = (u − c_u)·z/f_u + b_x,
 * y = (v − c_v)·z/f_v + b_y, z, with b_x = −P2[0,3]/f_u and b_y = −P2[1,3]/f_v (`out` avoids an allocation per pixel).
 */
export function pixelToRect(u: number, v: number, z: number, calib: StereoCalibration, out: Float32Array | number[], at = 0): void {
  out[at] = ((u - calib.cu) * z) / calib.fu - calib.P2[3] / calib.fu;
  out[at + 1] = ((v - calib.cv) * z) / calib.fv - calib.P2[7] / calib.fv;
  out[at + 2] = z;
}

/** One point per pixel with a finite depth z > 0 (pixelToRect). Pixels with NaN, ±∞ or z ≤ 0 are dropped. */
export function depthToPointCloud(depth: Float32Array, calib: StereoCalibration, options: BackProjectOptions = {}): PointCloud {
  const W = calib.width, H = calib.height;
  if (depth.length !== W * H) {
    throw new EntangleError(
      `depthToPointCloud: the depth map has ${depth.length} values but the calibration is ${W} × ${H} = ${W * H}. ` +
      'Fix: pass the calibration of the image the depth map was predicted for.');
  }
  const stride = options.stride ?? 1;
  const keep = options.keepFraction ?? 1;
  if (!Number.isInteger(stride) || stride < 1) throw new EntangleError(`depthToPointCloud: stride must be an integer ≥ 1, got ${stride}.`);
  if (!(keep > 0 && keep <= 1)) throw new EntangleError(`depthToPointCloud: keepFraction must be in (0, 1], got ${keep}.`);
  const rng = keep < 1 ? new Rng(options.seed ?? 0) : undefined;
  const xyz = new Float32Array(3 * Math.ceil(W / stride) * Math.ceil(H / stride));
  const pixel = new Int32Array(xyz.length / 3);
  let n = 0;
  for (let v = 0; v < H; v += stride) {
    for (let u = 0; u < W; u += stride) {
      const i = v * W + u;
      const z = depth[i];
      if (!(z > 0 && z < Infinity)) continue; // also rejects NaN
      if (rng !== undefined && rng.next() >= keep) continue;
      pixelToRect(u, v, z, calib, xyz, 3 * n);
      pixel[n] = i;
      n++;
    }
  }
  return { count: n, xyz: xyz.slice(0, 3 * n), pixel: pixel.slice(0, n) };
}

/** Depth from disparity, z = f_u·B/d, with d ≤ 0 or non-finite mapped to NaN (dropped by depthToPointCloud). */
export function disparityToDepthMap(disparity: Float32Array, calib: StereoCalibration): Float32Array {
  const fb = calib.fu * calib.baseline;
  const out = new Float32Array(disparity.length);
  for (let i = 0; i < disparity.length; i++) {
    const d = disparity[i];
    out[i] = d > 0 && d < Infinity ? fb / d : Number.NaN;
  }
  return out;
}

/** The cloud in the velodyne-like frame (x forward, y left, z up) as KITTI .bin rows (x, y, z, intensity = 1). */
export function toVelodyne(cloud: PointCloud, calib: StereoCalibration): Float32Array {
  const out = new Float32Array(4 * cloud.count);
  const tmp = [0, 0, 0];
  for (let i = 0; i < cloud.count; i++) {
    rectToVelo(cloud.xyz[3 * i], cloud.xyz[3 * i + 1], cloud.xyz[3 * i + 2], calib, tmp);
    out[4 * i] = tmp[0];
    out[4 * i + 1] = tmp[1];
    out[4 * i + 2] = tmp[2];
    out[4 * i + 3] = 1;
  }
  return out;
}
