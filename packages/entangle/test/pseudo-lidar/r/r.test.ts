import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, Dataset, Inputs } from '../../../src/core/types.js';
import { kittiCalibration } from '../../../src/pseudo-lidar/geometry/index.js';
import { notLearnedLoss, organizedCloud, organizedToPointCloud, pseudoLidarLearner, pseudoLidarDepthMae, type CloudSetting } from '../../../src/pseudo-lidar/r/index.js';
import { getLearner, getLoss } from '../../../src/registry/registry.js';

const calib = kittiCalibration(0.25);
const W = calib.width, H = calib.height, HW = W * H;

/** Height above the camera of pixel row v at depth z: −y = −(v − c_v)·z/f_v. */
const heightAt = (v: number, z: number) => -((v - calib.cv) * z) / calib.fv;
/** Depth at which row v (above c_v) is `h` metres above the camera. */
const depthForHeight = (v: number, h: number) => (h * calib.fv) / (calib.cv - v);

/** A hand-made depth map: NaN everywhere except named pixels. */
function handMap(): { depth: Float32Array; px: Record<string, number> } {
  const depth = new Float32Array(HW).fill(Number.NaN);
  const px: Record<string, number> = {};
  const put = (name: string, u: number, v: number, z: number) => { px[name] = v * W + u; depth[v * W + u] = z; };
  put('nearLow', 100, 93, 10);          // below the camera, 10 m: kept everywhere
  put('far', 200, 93, 30);              // 30 m: dropped by the 20 m cut only
  put('at20', 201, 93, 20);             // exactly 20 m: kept (z ≤ 20)
  put('past20', 202, 93, 20.01);        // dropped by the 20 m cut
  put('high', 50, 0, depthForHeight(0, 1.2));   // 1.2 m above the camera: dropped by winsorization
  put('justBelow1m', 51, 0, depthForHeight(0, 0.9)); // 0.9 m above: kept
  put('inf', 10, 50, Infinity);
  put('negInf', 11, 50, -Infinity);
  put('zero', 12, 50, 0);
  put('negative', 13, 50, -4);
  return { depth, px };
}

const kept = (cloud: Float32Array, p: number) => !Number.isNaN(cloud[p]) && !Number.isNaN(cloud[HW + p]) && !Number.isNaN(cloud[2 * HW + p]);

test('r keeps exactly the points each setting allows, with x, y, z from the back-projection', () => {
  const { depth, px } = handMap();
  assert.ok(Math.abs(heightAt(0, depth[px.high]) - 1.2) < 1e-4);
  const expectKept: Record<CloudSetting, string[]> = {
    'section5-car': ['nearLow', 'far', 'at20', 'past20', 'justBelow1m'],
    'section5-pedestrian': ['nearLow', 'at20', 'justBelow1m'],
    'appendixA-pedestrian': ['nearLow', 'far', 'at20', 'past20', 'high', 'justBelow1m'],
    none: ['nearLow', 'far', 'at20', 'past20', 'high', 'justBelow1m'],
  };
  for (const [setting, names] of Object.entries(expectKept) as [CloudSetting, string[]][]) {
    const cloud = organizedCloud(depth, 1, calib, setting);
    assert.equal(cloud.length, 3 * HW);
    const keptNames = Object.keys(px).filter((name) => kept(cloud, px[name])).sort();
    assert.deepEqual(keptNames, [...names].sort(), setting);
    let finite = 0;
    for (let p = 0; p < HW; p++) if (kept(cloud, p)) finite++;
    assert.equal(finite, names.length, `${setting}: no other pixel is kept`);
    for (const name of names) {
      const p = px[name], u = p % W, v = Math.floor(p / W), z = depth[p];
      assert.ok(Math.abs(cloud[p] - ((u - calib.cu) * z) / calib.fu) < 1e-4, `${setting} ${name} x`);
      assert.ok(Math.abs(cloud[HW + p] - ((v - calib.cv) * z) / calib.fv) < 1e-4, `${setting} ${name} y`);
      assert.equal(cloud[2 * HW + p], z);
    }
  }
});

test('an organized block converts back to the flat cloud of kept points, in pixel order', () => {
  const { depth, px } = handMap();
  const block = { shape: [1, 3, H, W], data: organizedCloud(depth, 1, calib, 'section5-pedestrian') };
  const flat = organizedToPointCloud(block, 0);
  assert.equal(flat.count, 3);
  assert.deepEqual(Array.from(flat.pixel), [px.justBelow1m, px.nearLow, px.at20].sort((a, b) => a - b));
  assert.throws(() => organizedToPointCloud(block, 1), /frame 1 is outside 0..0/);
});

function depthInputs(depth: Float32Array, n: number): Inputs {
  return { size: n, blocks: [{ name: 'u', kind: 'depth', value: { shape: [n, H, W], data: depth } }] };
}

test('the learner: nothing to fit, predicts [n, 3, H, W], an all-invalid map gives an empty (all-NaN) cloud, save/load', async () => {
  const learner = getLearner('pseudo-lidar');
  assert.equal(learner, pseudoLidarLearner);
  const args = { scale: 0.25, setting: 'section5-car' };
  assert.deepEqual(learner.describeOutput!(args, [[H, W]]), { kind: 'points', shape: [3, H, W] });
  const { depth } = handMap();
  const invalid = new Float32Array(HW).fill(Number.NaN);
  invalid[5] = Infinity;
  invalid[6] = -1;
  const both = new Float32Array(2 * HW);
  both.set(depth, 0);
  both.set(invalid, HW);
  const model = await learner.fit({ inputs: depthInputs(both, 2), target: { shape: [2, H, W], data: both } }, args, { seed: 0, model: 'r' });
  const out = model.predict(depthInputs(both, 2)) as Block;
  assert.deepEqual(out.shape, [2, 3, H, W]);
  assert.equal(organizedToPointCloud(out, 0).count, 5);
  const empty = organizedToPointCloud(out, 1);
  assert.equal(empty.count, 0);
  assert.ok(out.data.subarray(3 * HW).every((v) => Number.isNaN(v)));
  const again = learner.load(model.save(), args).predict(depthInputs(both, 2)) as Block;
  assert.deepEqual(Buffer.from(again.data.buffer), Buffer.from(out.data.buffer));
});

test('the learner rejects bad args, a wrong input shape and a depth block of the wrong size', async () => {
  const learner = getLearner('pseudo-lidar');
  assert.match(learner.checkArgs!({ scale: 0.25, setting: 'section6' }).join(), /setting/);
  assert.match(learner.checkArgs!({ setting: 'none' }).join(), /scale/);
  const args = { scale: 0.25, setting: 'none' };
  assert.deepEqual(learner.checkInputs!(args, [{ name: 'u', kind: 'depth', shape: [H, W] }]), []);
  assert.match(learner.checkInputs!(args, [{ name: 'u', kind: 'depth', shape: [188, 621] }]).join(), /must be a depth map \[94, 311\]/);
  assert.match(learner.checkInputs!(args, []).join(), /exactly one block/);
  const model = await learner.fit({ inputs: depthInputs(new Float32Array(HW), 1), target: { shape: [1, H, W], data: new Float32Array(HW) } }, args, { seed: 0, model: 'r' });
  assert.throws(() => model.predict({ size: 1, blocks: [{ name: 'u', kind: 'depth', value: { shape: [1, 10, 10], data: new Float32Array(100) } }] }), /depth block has 100 values, expected 1 × 94 × 311/);
});

test("r's test loss is the mean |z − z*| over kept points, 0 for no kept point", () => {
  assert.equal(getLoss('pseudo-lidar-depth-mae'), pseudoLidarDepthMae);
  const truth = new Float32Array(HW).fill(10);
  const pred = new Float32Array(HW).fill(Number.NaN);
  pred[0] = 11; pred[1] = 7; // errors 1 and 3
  const cloud = { shape: [1, 3, H, W], data: organizedCloud(pred, 1, calib, 'none') };
  const test: Dataset = { version: 't', size: 1, fields: { depth: { shape: [1, H, W], data: truth } } };
  assert.ok(Math.abs(pseudoLidarDepthMae.evaluate(cloud, test, 'depth', {}) - 2) < 1e-6);
  const none = { shape: [1, 3, H, W], data: new Float32Array(3 * HW).fill(Number.NaN) };
  assert.equal(pseudoLidarDepthMae.evaluate(none, test, 'depth', {}), 0);
});

test("the systems' loss of r, 'not-learned', is 0 for any cloud and checks the row count", () => {
  assert.equal(getLoss('not-learned'), notLearnedLoss);
  const test: Dataset = { version: 't', size: 1, fields: { depth: { shape: [1, H, W], data: new Float32Array(HW).fill(10) } } };
  const { depth } = handMap();
  assert.equal(notLearnedLoss.evaluate({ shape: [1, 3, H, W], data: organizedCloud(depth, 1, calib, 'none') }, test, 'depth', {}), 0);
  assert.throws(() => notLearnedLoss.evaluate({ shape: [2, 3, H, W], data: new Float32Array(6 * HW) }, test, 'depth', {}), /one row per test example/);
});
