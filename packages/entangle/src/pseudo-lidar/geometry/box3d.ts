// 3D boxes in KITTI label conventions: dimensions (h, w, l), location = bottom centre in rect camera
// coordinates, rotation_y about the camera y axis. Corner layout as in PointRCNN lib/utils/object3d.py.
import type { StereoCalibration } from './calib.js';

/** The 3D part of a KITTI object. */
export interface Box3D {
  /** Height, width, length (m). */
  dimensions: [number, number, number];
  /** Bottom centre x, y, z in rect camera coordinates (m); y points down, so the top is at y − h. */
  location: [number, number, number];
  /** Rotation about the camera y axis (rad); 0 = the length axis points along +x. */
  rotationY: number;
}

/** Wraps an angle into (−π, π]. */
export function normalizeAngle(a: number): number {
  let r = a % (2 * Math.PI);
  if (r > Math.PI) r -= 2 * Math.PI;
  if (r <= -Math.PI) r += 2 * Math.PI;
  return r;
}

/** KITTI observation angle alpha = rotation_y − atan2(x, z) of the box centre, in (−π, π]. */
export function observationAngle(box: Box3D): number {
  return normalizeAngle(box.rotationY - Math.atan2(box.location[0], box.location[2]));
}

/** Direction the box's length axis points to, in rect camera coordinates: R · (1, 0, 0) = (cos ry, 0, −sin ry). */
export function headingVector(rotationY: number): [number, number] {
  return [Math.cos(rotationY), -Math.sin(rotationY)];
}

const CX = [0.5, 0.5, -0.5, -0.5, 0.5, 0.5, -0.5, -0.5];
const CY = [0, 0, 0, 0, -1, -1, -1, -1];
const CZ = [0.5, -0.5, -0.5, 0.5, 0.5, -0.5, -0.5, 0.5];

/** The 8 corners as [x0, y0, z0, x1, ...]: 0–3 bottom, 4–7 top; x = R·(±l/2, 0|−h, ±w/2) + location. */
export function boxCorners(box: Box3D): Float64Array {
  const [h, w, l] = box.dimensions;
  const [x0, y0, z0] = box.location;
  const c = Math.cos(box.rotationY), s = Math.sin(box.rotationY);
  const out = new Float64Array(24);
  for (let i = 0; i < 8; i++) {
    const x = CX[i] * l, y = CY[i] * h, z = CZ[i] * w;
    out[3 * i] = c * x + s * z + x0;
    out[3 * i + 1] = y + y0;
    out[3 * i + 2] = -s * x + c * z + z0;
  }
  return out;
}

/** Bird's-eye-view rectangle in the (x, z) plane as [x0, z0, ..., x3, z3] (devkit toPolygon). */
export function bevPolygon(x: number, z: number, l: number, w: number, rotationY: number): number[] {
  const c = Math.cos(rotationY), s = Math.sin(rotationY);
  const px = [l / 2, l / 2, -l / 2, -l / 2];
  const pz = [w / 2, -w / 2, -w / 2, w / 2];
  const out: number[] = [];
  for (let i = 0; i < 4; i++) out.push(c * px[i] + s * pz[i] + x, -s * px[i] + c * pz[i] + z);
  return out;
}

/** BEV rectangle of a box. */
export function boxBevPolygon(box: Box3D): number[] {
  return bevPolygon(box.location[0], box.location[2], box.dimensions[2], box.dimensions[1], box.rotationY);
}

const EDGES = [0, 1, 1, 2, 2, 3, 3, 0, 4, 5, 5, 6, 6, 7, 7, 4, 0, 4, 1, 5, 2, 6, 3, 7];
/** Points closer than this (m) to the camera plane are clipped away before projection. */
const NEAR_Z = 0.05;

/** Image extent of a 3D box in the left camera. */
export interface ProjectedBox {
  /** Extent of the projected box, not clipped to the image: [left, top, right, bottom] (px). */
  full: [number, number, number, number];
  /** `full` clipped to the image, or null when nothing of the box is inside the image. */
  clipped: [number, number, number, number] | null;
  /** Fraction of the full extent's area outside the image, in [0, 1] (1 when nothing is inside). */
  truncation: number;
}

/**
 * Projects the 12 edges of a corner set (clipped at z ≥ 0.05 m) into an image with principal
 * point/focal of `calib`, viewed from a camera at x = originX. Returns null when the box is behind the camera.
 */
export function projectCorners(
  corners: ArrayLike<number>, calib: StereoCalibration, originX = 0,
): [number, number, number, number] | null {
  let u0 = Infinity, v0 = Infinity, u1 = -Infinity, v1 = -Infinity;
  const add = (x: number, y: number, z: number): void => {
    const u = (calib.fu * (x - originX)) / z + calib.cu;
    const v = (calib.fv * y) / z + calib.cv;
    if (u < u0) u0 = u;
    if (u > u1) u1 = u;
    if (v < v0) v0 = v;
    if (v > v1) v1 = v;
  };
  for (let e = 0; e < EDGES.length; e += 2) {
    const a = EDGES[e], b = EDGES[e + 1];
    const ax = corners[3 * a], ay = corners[3 * a + 1], az = corners[3 * a + 2];
    const bx = corners[3 * b], by = corners[3 * b + 1], bz = corners[3 * b + 2];
    const aIn = az >= NEAR_Z, bIn = bz >= NEAR_Z;
    if (aIn) add(ax, ay, az);
    if (bIn) add(bx, by, bz);
    if (aIn !== bIn) {
      const t = (NEAR_Z - az) / (bz - az);
      add(ax + t * (bx - ax), ay + t * (by - ay), NEAR_Z);
    }
  }
  return u0 === Infinity ? null : [u0, v0, u1, v1];
}

/** Projects a box into the left image (pixel centres at integers, image spans [−0.5, W − 0.5]). */
export function projectBox(box: Box3D, calib: StereoCalibration): ProjectedBox | null {
  const full = projectCorners(boxCorners(box), calib);
  if (full === null) return null;
  const xMax = calib.width - 0.5, yMax = calib.height - 0.5;
  const l = Math.max(full[0], -0.5), t = Math.max(full[1], -0.5);
  const r = Math.min(full[2], xMax), b = Math.min(full[3], yMax);
  const fullArea = (full[2] - full[0]) * (full[3] - full[1]);
  if (r <= l || b <= t || !(fullArea > 0)) return { full, clipped: null, truncation: 1 };
  const truncation = Math.min(1, Math.max(0, 1 - ((r - l) * (b - t)) / fullArea));
  return { full, clipped: [l, t, r, b], truncation };
}

/** Whether rect-camera point (px, py, pz) lies inside the box (faces included). */
export function pointInBox(box: Box3D, px: number, py: number, pz: number): boolean {
  const [h, w, l] = box.dimensions;
  const [x0, y0, z0] = box.location;
  if (py > y0 || py < y0 - h) return false;
  const c = Math.cos(box.rotationY), s = Math.sin(box.rotationY);
  const dx = px - x0, dz = pz - z0;
  const lx = c * dx - s * dz; // Rᵀ · (dx, dz)
  const lz = s * dx + c * dz;
  return Math.abs(lx) <= l / 2 && Math.abs(lz) <= w / 2;
}

/** Number of points of an [x, y, z, x, y, z, ...] array (rect camera) inside the box. */
export function countPointsInBox(box: Box3D, xyz: ArrayLike<number>, count = xyz.length / 3): number {
  let n = 0;
  for (let i = 0; i < count; i++) if (pointInBox(box, xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2])) n++;
  return n;
}
