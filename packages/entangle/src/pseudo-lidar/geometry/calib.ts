// Rectified stereo calibration in KITTI conventions: rect camera x right, y down, z forward (metres);
// image u right, v down (pixels, pixel centres at integer coordinates). See docs/pseudo-lidar.md.
import { EntangleError } from '../../core/errors.js';

/** KITTI object calibration 2011_09_26 (training/calib/000011.txt), full resolution 1242 × 375. */
export const KITTI_INTRINSICS = { fu: 721.5377, fv: 721.5377, cu: 609.5593, cv: 172.854, width: 1242, height: 375 } as const;
/** The baseline the pseudo-LiDAR code uses (mileyan/pseudo_lidar generate_lidar.py); the true one is 0.5327 m. */
export const KITTI_BASELINE = 0.54;
/** KITTI camera height above the road (3DOP CAMERA_HEIGHT). */
export const KITTI_CAMERA_HEIGHT = 1.65;

/** Intrinsics and extrinsics of a rectified stereo pair; the left camera is KITTI's camera 2. */
export interface StereoCalibration {
  /** Image scale s relative to KITTI's full resolution. */
  scale: number;
  width: number;
  height: number;
  fu: number;
  fv: number;
  cu: number;
  cv: number;
  /** Distance between the optical centres (m); the right camera sits at x = +baseline. */
  baseline: number;
  /** Left projection, 3 × 4 row-major (KITTI P2): [u·z, v·z, z] = P2 · [x, y, z, 1]. */
  P2: number[];
  /** Right projection, 3 × 4 row-major (KITTI P3); P3[3] = −fu·baseline. */
  P3: number[];
  /** Velodyne-like → rect camera rigid transform, 3 × 4 row-major (KITTI Tr_velo_to_cam, with R0_rect = I). */
  trVeloToCam: number[];
}

/** KITTI intrinsics multiplied by `scale` (f, c_u, c_v and the image size), camera 2 at the rect origin. */
export function kittiCalibration(scale: number, baseline: number = KITTI_BASELINE): StereoCalibration {
  if (!(scale > 0 && scale <= 4)) {
    throw new EntangleError(`kittiCalibration: scale must be in (0, 4], got ${scale}. Use 0.25 (CI) or 0.5 (faithful).`);
  }
  if (!(baseline > 0)) throw new EntangleError(`kittiCalibration: baseline must be > 0 m, got ${baseline}.`);
  const fu = KITTI_INTRINSICS.fu * scale;
  const fv = KITTI_INTRINSICS.fv * scale;
  const cu = KITTI_INTRINSICS.cu * scale;
  const cv = KITTI_INTRINSICS.cv * scale;
  return {
    scale,
    width: Math.round(KITTI_INTRINSICS.width * scale),
    height: Math.round(KITTI_INTRINSICS.height * scale),
    fu, fv, cu, cv, baseline,
    P2: [fu, 0, cu, 0, 0, fv, cv, 0, 0, 0, 1, 0],
    P3: [fu, 0, cu, -fu * baseline, 0, fv, cv, 0, 0, 0, 1, 0],
    // velodyne x forward, y left, z up; origin at the camera (KITTI's LiDAR sits ~0.08 m higher, ~0.27 m behind).
    trVeloToCam: [0, -1, 0, 0, 0, 0, -1, 0, 1, 0, 0, 0],
  };
}

/** f_u · B, the constant C of the paper's g(d) = C / d (px · m). */
export function focalBaseline(calib: StereoCalibration): number {
  return calib.fu * calib.baseline;
}

/** Disparity (px) of a point at depth z (m): d = f_u·B / z. */
export function depthToDisparity(z: number, calib: StereoCalibration): number {
  return (calib.fu * calib.baseline) / z;
}

/** Depth (m) of a disparity d (px): z = f_u·B / d. */
export function disparityToDepth(d: number, calib: StereoCalibration): number {
  return (calib.fu * calib.baseline) / d;
}

/** Projects a rect-camera point into the left image: returns [u, v] (px). */
export function projectToImage(x: number, y: number, z: number, calib: StereoCalibration): [number, number] {
  const P = calib.P2;
  const w = P[8] * x + P[9] * y + P[10] * z + P[11];
  return [(P[0] * x + P[1] * y + P[2] * z + P[3]) / w, (P[4] * x + P[5] * y + P[6] * z + P[7]) / w];
}

/** Rect camera → velodyne-like frame (inverse of trVeloToCam), written into out[o..o+2]. */
export function rectToVelo(x: number, y: number, z: number, calib: StereoCalibration, out: Float32Array | number[], o = 0): void {
  const T = calib.trVeloToCam;
  const dx = x - T[3], dy = y - T[7], dz = z - T[11];
  // velo = Rᵀ (rect − t)
  out[o] = T[0] * dx + T[4] * dy + T[8] * dz;
  out[o + 1] = T[1] * dx + T[5] * dy + T[9] * dz;
  out[o + 2] = T[2] * dx + T[6] * dy + T[10] * dz;
}

/** Velodyne-like frame → rect camera, written into out[o..o+2]. */
export function veloToRect(x: number, y: number, z: number, calib: StereoCalibration, out: Float32Array | number[], o = 0): void {
  const T = calib.trVeloToCam;
  out[o] = T[0] * x + T[1] * y + T[2] * z + T[3];
  out[o + 1] = T[4] * x + T[5] * y + T[6] * z + T[7];
  out[o + 2] = T[8] * x + T[9] * y + T[10] * z + T[11];
}
