// Box parametrization of the frustum detector, relative to a frustum sample: centre residual from the points'
// median, heading as one of NB bins over [0, π) plus a residual, log size over the class mean.
import type { Box3D } from '../../geometry/box3d.js';
import { CLASS_MEAN_SIZE, type DetectorClass } from '../common/classes.js';
import { fromFrustumFrame, toFrustumFrame, type FrustumSample } from './sample.js';

/** Target values per sample: dx′, dy, dz′, heading bin, heading residual (in half bins), log(h/h̄), log(w/w̄), log(l/l̄). */
export const TARGET_VALUES = 8;

/** Network outputs for NB heading bins: centre (3), bin logits (NB), residuals (NB), log sizes (3), quality logit (1). */
export function outputWidth(bins: number): number {
  return 3 + 2 * bins + 3 + 1;
}

const LOG_SIZE_LIMIT = 1.5;

/** Heading axis in the frustum frame, θ′ = (ry − φ) mod π ∈ [0, π); boxes are symmetric under ry → ry + π. */
function axisAngle(rotationY: number, angle: number): number {
  const t = (rotationY - angle) % Math.PI;
  return t < 0 ? t + Math.PI : t;
}

/** The regression target of an object seen through a frustum sample. */
export function encodeBox(o: Box3D, s: FrustumSample, className: DetectorClass, bins: number): Float32Array {
  const [xp, zp] = toFrustumFrame(o.location[0], o.location[2], s.angle);
  const width = Math.PI / bins;
  const theta = axisAngle(o.rotationY, s.angle);
  const bin = Math.min(bins - 1, Math.floor(theta / width));
  const mean = CLASS_MEAN_SIZE[className];
  return Float32Array.from([
    xp - s.origin[0], o.location[1] - s.origin[1], zp - s.origin[2],
    bin, (theta - (bin + 0.5) * width) / (width / 2),
    Math.log(o.dimensions[0] / mean[0]), Math.log(o.dimensions[1] / mean[1]), Math.log(o.dimensions[2] / mean[2]),
  ]);
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** The box and the predicted quality in (0, 1) from one output row (outputWidth(bins) values from `offset`). */
export function decodeBox(out: Float32Array, offset: number, s: FrustumSample, className: DetectorClass, bins: number): { box: Box3D; quality: number } {
  const v = (k: number): number => out[offset + k];
  let bin = 0;
  for (let b = 1; b < bins; b++) if (v(3 + b) > v(3 + bin)) bin = b;
  const width = Math.PI / bins;
  const theta = (bin + 0.5) * width + v(3 + bins + bin) * (width / 2);
  const [x, z] = fromFrustumFrame(s.origin[0] + v(0), s.origin[2] + v(2), s.angle);
  const mean = CLASS_MEAN_SIZE[className];
  const size = (k: number): number => Math.exp(Math.max(-LOG_SIZE_LIMIT, Math.min(LOG_SIZE_LIMIT, v(3 + 2 * bins + k))));
  return {
    box: { location: [x, s.origin[1] + v(1), z], dimensions: [mean[0] * size(0), mean[1] * size(1), mean[2] * size(2)], rotationY: theta + s.angle },
    quality: sigmoid(v(3 + 2 * bins + 3)),
  };
}
