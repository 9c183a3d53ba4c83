// u's depth error on the pixels of labelled objects, on a hand-built depth map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kittiCalibration, pointInBox } from '../../../src/pseudo-lidar/geometry/index.js';
import { completeDetection } from '../../../src/pseudo-lidar/kitti/index.js';
import { objectDepthError } from '../../../src/pseudo-lidar/stereo/object-depth-error.js';

const calib = kittiCalibration(0.25);
const W = calib.width, H = calib.height, HW = W * H;
const bx = -calib.P2[3] / calib.fu, by = -calib.P2[7] / calib.fv;
const label = (type: string, x: number, z: number, dims: [number, number, number]) => {
  const o = completeDetection({ dimensions: dims, location: [x, 1.65, z], rotationY: 0 }, type, 1, calib);
  delete o.score;
  return o;
};
const near = label('Pedestrian', -1, 10, [1.75, 0.6, 0.8]);
const far = label('Pedestrian', 2, 30, [1.75, 0.6, 0.8]);
const car = label('Car', 4, 15, [1.5, 1.6, 3.9]);

/** Background at 60 m; every object's 2D box filled with the depth of its box centre (points inside the 3D box there). */
function truthMap(objects: typeof near[]): Float32Array {
  const t = new Float32Array(HW).fill(60);
  for (const o of objects) {
    const [x1, y1, x2, y2] = o.bbox;
    for (let v = Math.ceil(y1); v <= Math.floor(y2); v++) for (let u = Math.ceil(x1); u <= Math.floor(x2); u++) t[v * W + u] = o.location[2];
  }
  return t;
}

test('object depth MAE: only the pixels whose true point lies in a counted box of the class, averaged per object', () => {
  const objects = [car, near, far];
  const truth = truthMap(objects);
  const pred = new Float32Array(HW);
  let inNear = 0;
  for (let i = 0; i < HW; i++) {
    const u = i % W, v = Math.floor(i / W), z = truth[i];
    const inside = pointInBox(near, ((u - calib.cu) * z) / calib.fu + bx, ((v - calib.cv) * z) / calib.fv + by, z);
    if (inside) inNear++;
    pred[i] = z + (inside ? 0.5 : 7); // the near pedestrian's pixels are off by 0.5 m, everything else by 7 m
  }
  assert.ok(inNear > 20, `the near pedestrian covers ${inNear} pixels`);
  const r = objectDepthError(pred, truth, [objects], calib, 0.25, { className: 'Pedestrian', range: { max: 20 }, margin: 0 });
  assert.deepEqual(r, { mae: 0.5, objects: 1, pixels: inNear });
  // Without the range, the 30 m pedestrian counts too (error 7 m): the mean is per object, not per pixel.
  const both = objectDepthError(pred, truth, [objects], calib, 0.25, { className: 'Pedestrian', margin: 0 });
  assert.equal(both.objects, 2);
  assert.ok(Math.abs(both.mae - (0.5 + 7) / 2) < 1e-6);
  assert.ok(Math.abs(objectDepthError(pred, truth, [objects], calib, 0.25, { className: 'Car' }).mae - 7) < 1e-6);
});

test('object depth MAE: NaN without objects; maps of the wrong size are an error that says what was expected', () => {
  const truth = truthMap([]);
  assert.deepEqual(objectDepthError(truth, truth, [[car]], calib, 0.25, { className: 'Pedestrian' }), { mae: NaN, objects: 0, pixels: 0 });
  assert.throws(() => objectDepthError(truth, truth, [[], []], calib, 0.25, { className: 'Car' }), /expected 2 frames of 94 × 311 .* got 29234 predicted/);
});
