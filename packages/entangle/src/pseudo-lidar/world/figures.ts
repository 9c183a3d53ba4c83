// Pictures of a frame for docs and debugging: left image, colour-mapped disparity, bird's-eye view.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boxBevPolygon, headingVector } from '../geometry/box3d.js';
import { depthToPointCloud } from '../pointcloud/backproject.js';
import type { StereoFrame } from './frame.js';
import { encodePng, toGray8 } from './png.js';

const STOPS: [number, number, number, number][] = [
  [0, 0.05, 0.03, 0.25], [0.25, 0.1, 0.35, 0.85], [0.5, 0.15, 0.8, 0.75], [0.75, 0.95, 0.85, 0.2], [1, 0.85, 0.1, 0.05],
];

/** Colour of t ∈ [0, 1] on a dark-blue → cyan → yellow → red ramp (RGB bytes). */
export function colorRamp(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t));
  for (let k = 1; k < STOPS.length; k++) {
    if (x <= STOPS[k][0]) {
      const [a, ar, ag, ab] = STOPS[k - 1];
      const [b, br, bg, bb] = STOPS[k];
      const f = (x - a) / (b - a);
      return [Math.round(255 * (ar + f * (br - ar))), Math.round(255 * (ag + f * (bg - ag))), Math.round(255 * (ab + f * (bb - ab)))];
    }
  }
  return [217, 26, 13];
}

/** PNG of the left image. */
export function leftImagePng(frame: StereoFrame): Buffer {
  return encodePng(frame.width, frame.height, 1, toGray8(frame.left));
}

/** PNG of the disparity map, colour-mapped over [0, maxDisparity] px. */
export function disparityPng(frame: StereoFrame, maxDisparity = 192 * frame.calib.scale / 2): Buffer {
  const rgb = new Uint8Array(3 * frame.disparity.length);
  for (let i = 0; i < frame.disparity.length; i++) rgb.set(colorRamp(frame.disparity[i] / maxDisparity), 3 * i);
  return encodePng(frame.width, frame.height, 3, rgb);
}

/** PNG of the bird's-eye view: ground-truth pseudo-LiDAR points (grey, above the road) and labelled boxes. */
export function bevPng(frame: StereoFrame, opts: { xRange?: number; zMax?: number; metresPerPixel?: number } = {}): Buffer {
  const xr = opts.xRange ?? 20, zMax = opts.zMax ?? 60, mpp = opts.metresPerPixel ?? 0.1;
  const W = Math.round((2 * xr) / mpp), H = Math.round(zMax / mpp);
  const rgb = new Uint8Array(3 * W * H).fill(16);
  const put = (x: number, z: number, c: [number, number, number]): void => {
    const px = Math.round((x + xr) / mpp), py = Math.round(H - 1 - z / mpp);
    if (px < 0 || px >= W || py < 0 || py >= H) return;
    rgb.set(c, 3 * (py * W + px));
  };
  const cloud = depthToPointCloud(frame.depth, frame.calib);
  const hits = new Uint16Array(W * H);
  for (let i = 0; i < cloud.count; i++) {
    const y = cloud.xyz[3 * i + 1];
    if (y > 1.4 || y < -1) continue; // road and sidewalk points (≥ 1.4 m below the camera) and the winsorized ones
    const px = Math.round((cloud.xyz[3 * i] + xr) / mpp), py = Math.round(H - 1 - cloud.xyz[3 * i + 2] / mpp);
    if (px >= 0 && px < W && py >= 0 && py < H) hits[py * W + px]++;
  }
  for (let i = 0; i < hits.length; i++) if (hits[i] > 0) rgb.fill(Math.min(255, 90 + 30 * hits[i]), 3 * i, 3 * i + 3);
  const line = (x0: number, z0: number, x1: number, z1: number, c: [number, number, number]): void => {
    const n = Math.ceil(Math.hypot(x1 - x0, z1 - z0) / (mpp / 2)) + 1;
    for (let k = 0; k <= n; k++) put(x0 + ((x1 - x0) * k) / n, z0 + ((z1 - z0) * k) / n, c);
  };
  for (const o of frame.labels) {
    if (o.type === 'DontCare') continue;
    const c: [number, number, number] = o.type === 'Car' ? [60, 220, 90] : [250, 70, 60];
    const p = boxBevPolygon(o);
    for (let k = 0; k < 4; k++) line(p[2 * k], p[2 * k + 1], p[(2 * k + 2) % 8], p[(2 * k + 3) % 8], c);
    const [hx, hz] = headingVector(o.rotationY);
    const half = o.dimensions[2] / 2;
    line(o.location[0], o.location[2], o.location[0] + hx * half, o.location[2] + hz * half, c);
  }
  for (let x = -xr; x < xr; x += 1) line(x, 20, x + 0.5, 20, [90, 90, 200]); // the paper's 20 m pedestrian range
  line(-0.3, 0, 0.3, 0, [255, 255, 255]);
  return encodePng(W, H, 3, rgb);
}

/** Writes <prefix>-left.png, <prefix>-disparity.png and <prefix>-bev.png for a frame into `dir`. */
export function writeFrameFigures(frame: StereoFrame, dir: string, prefix: string): string[] {
  const files = [
    [`${prefix}-left.png`, leftImagePng(frame)],
    [`${prefix}-disparity.png`, disparityPng(frame)],
    [`${prefix}-bev.png`, bevPng(frame)],
  ] as const;
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  return files.map(([name]) => join(dir, name));
}
