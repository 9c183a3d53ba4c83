import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset, Records } from '../../../src/core/types.js';
import { makeDataset } from '../../../src/core/dataset.js';
import { checkLoss } from '../../../src/losses/check.js';
import { getLoss } from '../../../src/registry/registry.js';
import { kittiApSummary } from '../../../src/pseudo-lidar/detectors/index.js';
import type { KittiObject } from '../../../src/pseudo-lidar/kitti/label.js';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

function obj(type: string, x: number, z: number, extra: Partial<KittiObject> = {}): KittiObject {
  const ped = type === 'Pedestrian';
  return {
    type, truncated: 0, occluded: 0, alpha: 0, bbox: [100, 100, 150, 160],
    dimensions: ped ? [1.76, 0.66, 0.84] : [1.53, 1.63, 3.88], location: [x, 1.65, z], rotationY: 0, ...extra,
  };
}

/** 100 frames with 4 objects of `type` at depth z each (400 ground-truth objects: a valid AP sampling). */
function scene(type = 'Car', z = 15): { labels: KittiObject[][]; perfect: KittiObject[][] } {
  const labels: KittiObject[][] = [];
  const perfect: KittiObject[][] = [];
  let k = 0;
  for (let f = 0; f < 100; f++) {
    const g = [0, 1, 2, 3].map((i) => obj(type, -9 + 6 * i, z));
    labels.push(g);
    perfect.push(g.map((o) => ({ ...o, score: 1 - (k++) / 10000 })));
  }
  return { labels, perfect };
}

function testSet(labels: KittiObject[][]): Dataset {
  return makeDataset({ fields: { index: { shape: [labels.length], data: Float32Array.from(labels.keys()) } }, records: { labels } });
}

const records = (items: KittiObject[][]): Records => ({ kind: 'records', items });
const loss = getLoss('kitti-ap');
const carArgs = { className: 'Car', scale: 1 };

test('kitti-ap: a perfect detector has loss 0 (1 − AP/100), for 3D and BEV, R40 and R11; no detection has loss 1', () => {
  const { labels, perfect } = scene();
  const ds = testSet(labels);
  for (const metric of ['3d', 'bev']) {
    for (const recallPositions of [40, 11]) {
      close(checkLoss('kitti-ap', { ...carArgs, metric, recallPositions }, records(perfect), ds, 'labels'), 0);
    }
  }
  close(loss.evaluate(records(labels.map(() => [])), ds, 'labels', carArgs), 1);
});

test('kitti-ap: one false positive above every true positive gives 1 − 400/401', () => {
  const { labels, perfect } = scene();
  perfect[0].push({ ...obj('Car', 30, 60), score: 2 });
  close(loss.evaluate(records(perfect), testSet(labels), 'labels', carArgs), 1 - 400 / 401);
});

test('kitti-ap: a shift that passes IoU 0.5 but fails 0.7 scores 1 at the default car IoU and 0 at iou 0.5', () => {
  const { labels, perfect } = scene();
  // 1.2 m along the length axis (x, ry = 0): 3D IoU = 2.68/5.08 = 0.528, between 0.5 and 0.7
  const shifted = perfect.map((f) => f.map((o) => ({ ...o, location: [o.location[0] + 1.2, o.location[1], o.location[2]] as [number, number, number] })));
  const ds = testSet(labels);
  close(loss.evaluate(records(shifted), ds, 'labels', carArgs), 1);
  close(loss.evaluate(records(shifted), ds, 'labels', { ...carArgs, iou: 0.5 }), 0);
});

test('kitti-ap: maxDetectionDistance removes far detections before scoring; range ignores far ground truth', () => {
  const near = scene('Pedestrian', 12);
  const far = scene('Pedestrian', 30);
  const labels = near.labels.map((f, i) => [...f, ...far.labels[i]]);
  const ds = testSet(labels);
  const pedArgs = { className: 'Pedestrian', scale: 1, range: { max: 20 } };
  // only the near ones detected: perfect on ≤ 20 m, the far ground truth is ignored
  close(loss.evaluate(records(near.perfect), ds, 'labels', pedArgs), 0);
  // far false positives (shifted 3 m into empty space) scoring above everything
  const farFalse = far.perfect.map((f) => f.map((o) => ({ ...o, location: [o.location[0] + 3, o.location[1], o.location[2]] as [number, number, number], score: 5 })));
  const noisy = near.perfect.map((f, i) => [...f, ...farFalse[i]]);
  const all = { className: 'Pedestrian', scale: 1 };
  assert.ok(loss.evaluate(records(noisy), ds, 'labels', all) > 0.5);
  // the post-hoc cut removes them; the far ground truth still counts, so recall stops at 1/2: AP_R40 = 20/40
  close(loss.evaluate(records(noisy), ds, 'labels', { ...all, maxDetectionDistance: 20 }), 0.5);
  close(loss.evaluate(records(noisy), ds, 'labels', { ...pedArgs, maxDetectionDistance: 20 }), 0);
});

test('kittiApSummary reports AP_3D and AP_BEV at 40 and 11 recall positions', () => {
  const { labels, perfect } = scene();
  // heights off by 0.5 m: BEV stays perfect, 3D IoU = 1.03/2.03 = 0.51 < 0.7
  const lifted = perfect.map((f) => f.map((o) => ({ ...o, location: [o.location[0], o.location[1] - 0.5, o.location[2]] as [number, number, number] })));
  const s = kittiApSummary(labels, lifted, { className: 'Car', scale: 1 });
  close(s.apBevR40, 100);
  close(s.apBevR11, 100);
  close(s.ap3dR40, 0);
  close(s.ap3dR11, 0);
  assert.equal(s.numGroundTruth, 400);
  assert.equal(s.minOverlap, 0.7);
});

test('kitti-ap: clear errors for dense predictions, a missing labels column, a frame-count mismatch and bad args', () => {
  const { labels, perfect } = scene();
  const ds = testSet(labels);
  assert.throws(() => loss.evaluate({ shape: [100], data: new Float32Array(100) }, ds, 'labels', carArgs), /dense block; this loss scores records/);
  assert.throws(() => loss.evaluate(records(perfect), ds, 'boxes', carArgs), /no records column 'boxes'/);
  assert.throws(() => loss.evaluate(records(perfect.slice(1)), ds, 'labels', carArgs), /99 frames but the test set has 100/);
  assert.throws(() => loss.evaluate(records(perfect), ds, 'labels', { className: 'Car' }), /scale/);
  assert.deepEqual(loss.checkArgs!({ className: 'Car', scale: 0.25, recallPositions: 20 }).length, 1);
  const broken = perfect.map((f) => f.map((o) => ({ ...o })));
  broken[3][1].dimensions = [1.5, 0, 3.9];
  assert.throws(() => loss.evaluate(records(broken), ds, 'labels', carArgs), /frame 3, object 1: non-positive size/);
});
