// Image, depth and object-index rendering of a scene through a Tracer (no per-pixel allocation).
import type { StereoCalibration } from '../geometry/calib.js';
import type { Tracer } from './raycast.js';
import type { Scene } from './scene.js';

/** Mean radiance of ss × ss sub-pixel rays per pixel, written into out (row-major H × W). */
export function renderImage(tracer: Tracer, calib: StereoCalibration, supersample: number, out: Float32Array): void {
  const W = calib.width, H = calib.height, ss = supersample;
  const inv = 1 / (ss * ss);
  for (let v = 0; v < H; v++) {
    for (let u = 0; u < W; u++) {
      let sum = 0;
      for (let a = 0; a < ss; a++) {
        const sv = v + (a + 0.5) / ss - 0.5;
        for (let b = 0; b < ss; b++) {
          tracer.trace(u + (b + 0.5) / ss - 0.5, sv, v);
          sum += tracer.shade();
        }
      }
      out[v * W + u] = sum * inv;
    }
  }
}

/** Depth (m, = z) of the pixel-centre ray and the labelled object it hits (−1 for none). */
export function renderDepth(tracer: Tracer, scene: Scene, calib: StereoCalibration, depth: Float32Array, objectIndex: Int16Array): void {
  const W = calib.width, H = calib.height;
  const prims = scene.primitives;
  for (let v = 0; v < H; v++) {
    for (let u = 0; u < W; u++) {
      tracer.trace(u, v, v);
      const i = v * W + u;
      depth[i] = tracer.t;
      objectIndex[i] = tracer.prim >= 0 ? prims[tracer.prim].owner : -1;
    }
  }
}
