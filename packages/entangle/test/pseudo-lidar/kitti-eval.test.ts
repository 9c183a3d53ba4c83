import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateKitti, evaluateKittiClass, filterByRange, frameStatistics, recallThresholds, dontCare, type KittiObject,
} from '../../src/pseudo-lidar/kitti/index.js';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

function obj(type: string, x: number, z: number, extra: Partial<KittiObject> = {}): KittiObject {
  const ped = type === 'Pedestrian' || type === 'Person_sitting';
  return {
    type, truncated: 0, occluded: 0, alpha: 0, bbox: [100, 100, 150, 160],
    dimensions: ped ? [1.76, 0.66, 0.84] : [1.53, 1.63, 3.88], location: [x, 1.65, z], rotationY: 0, ...extra,
  };
}

/** `frames` frames with `perFrame` cars each, spread in x; returns ground truth and perfect detections. */
function scene(frames: number, perFrame: number, type = 'Car', z = 15): { gt: KittiObject[][]; det: KittiObject[][] } {
  const gt: KittiObject[][] = [];
  const det: KittiObject[][] = [];
  let k = 0;
  for (let f = 0; f < frames; f++) {
    const g: KittiObject[] = [];
    const d: KittiObject[] = [];
    for (let i = 0; i < perFrame; i++) {
      const o = obj(type, -9 + 6 * i, z);
      g.push(o);
      d.push({ ...o, score: 1 - (k++) / 10000 });
    }
    gt.push(g);
    det.push(d);
  }
  return { gt, det };
}

const opts = { className: 'Car', metric: '3d' as const, difficulty: 'moderate' as const };

test('a perfect detector with 400 ground-truth cars has AP 100 (R40 and R11, BEV and 3D)', () => {
  const { gt, det } = scene(100, 4);
  for (const r of evaluateKitti(gt, det, { classes: ['Car'] })) {
    close(r.apR40, 100);
    close(r.apR11, 100);
    assert.equal(r.numGroundTruth, 400);
    assert.equal(r.thresholds.length, 41);
  }
});

test('one false positive scoring above every true positive: AP = 100 · 400/401', () => {
  const { gt, det } = scene(100, 4);
  det[0].push({ ...obj('Car', 30, 60), score: 2 });
  const r = evaluateKittiClass(gt, det, opts);
  // thresholds at TP counts 1, 10, 20, ..., 400 with FP = 1: precision k/(k+1), tail max = 400/401 everywhere
  close(r.apR40, (100 * 400) / 401);
  close(r.apR11, (100 * 400) / 401);
});

test('detections on ignored objects are neither TP nor FP (Van, occlusion above the level, too-small detections)', () => {
  const { gt, det } = scene(100, 4);
  const van = obj('Van', 30, 40);
  const hidden = obj('Car', -30, 40, { occluded: 3 });
  gt[0].push(van, hidden);
  det[0].push({ ...van, type: 'Car', score: 2 }, { ...hidden, score: 2 });
  det[1].push({ ...obj('Car', 30, 60, { bbox: [0, 0, 10, 20] }), score: 3 }); // 20 px < 25 px: ignored detection
  const r = evaluateKittiClass(gt, det, opts);
  close(r.apR40, 100);
  assert.equal(r.numGroundTruth, 400);
  // the same detection on the same Van counts as a false positive when evaluating a class without neighbours
  const asCyclist = evaluateKittiClass(
    gt.map((g) => g.map((o) => ({ ...o, type: o.type === 'Car' ? 'Cyclist' : o.type }))),
    det.map((d) => d.map((o) => ({ ...o, type: 'Cyclist' }))),
    { ...opts, className: 'Cyclist' },
  );
  assert.ok(asCyclist.apR40 < 100);
});

test('DontCare regions absorb false positives in the 2D metric only', () => {
  const { gt, det } = scene(100, 4);
  gt[0].push(dontCare([300, 100, 400, 200]));
  det[0].push({ ...obj('Car', 30, 60, { bbox: [310, 110, 390, 190] }), score: 2 });
  close(evaluateKittiClass(gt, det, { ...opts, metric: 'bbox' }).apR40, 100);
  close(evaluateKittiClass(gt, det, { ...opts, metric: 'bev' }).apR40, (100 * 400) / 401);
});

test('missed objects: 300 of 400 found gives R40 = 30/40 and R11 = 8/11', () => {
  const { gt, det } = scene(100, 4);
  for (let f = 75; f < 100; f++) det[f] = [];
  const r = evaluateKittiClass(gt, det, opts);
  close(r.apR40, 75);
  close(r.apR11, (100 * 8) / 11);
});

test('per-frame statistics: a missed object is a false negative, an unmatched detection a false positive', () => {
  const missed = frameStatistics({
    overlap: new Float64Array(0), numGt: 1, scores: [], ignoredGt: [0], ignoredDet: [], minOverlap: 0.7, computeFp: true, threshold: 0,
  });
  assert.deepEqual({ tp: missed.tp, fp: missed.fp, fn: missed.fn }, { tp: 0, fp: 0, fn: 1 });
  const fp = frameStatistics({
    overlap: new Float64Array([0.69]), numGt: 1, scores: [0.9], ignoredGt: [0], ignoredDet: [0], minOverlap: 0.7, computeFp: true, threshold: 0,
  });
  assert.deepEqual({ tp: fp.tp, fp: fp.fp, fn: fp.fn }, { tp: 0, fp: 1, fn: 1 });
  // two detections on one object: the PR pass takes the larger overlap, the other is a false positive
  const two = frameStatistics({
    overlap: new Float64Array([0.75, 0.9]), numGt: 1, scores: [0.9, 0.1], ignoredGt: [0], ignoredDet: [0, 0], minOverlap: 0.7, computeFp: true, threshold: 0,
  });
  assert.deepEqual({ tp: two.tp, fp: two.fp, fn: two.fn, s: two.tpScores }, { tp: 1, fp: 1, fn: 0, s: [0.1] });
  // the threshold pass takes the higher score instead
  const scoresPass = frameStatistics({
    overlap: new Float64Array([0.75, 0.9]), numGt: 1, scores: [0.9, 0.1], ignoredGt: [0], ignoredDet: [0, 0], minOverlap: 0.7, computeFp: false, threshold: 0,
  });
  assert.deepEqual(scoresPass.tpScores, [0.9]);
});

test('a match needs overlap strictly above the threshold (2D IoU exactly 0.7 fails for cars)', () => {
  const gt: KittiObject[][] = [];
  const det: KittiObject[][] = [];
  for (let f = 0; f < 400; f++) {
    gt.push([obj('Car', 0, 15, { bbox: [0, 0, 100, 100] })]);
    det.push([{ ...obj('Car', 0, 15, { bbox: [0, 0, 100, 70] }), score: 1 - f / 1000 }]); // IoU 7000/10000
  }
  close(evaluateKittiClass(gt, det, { ...opts, metric: 'bbox' }).apR40, 0);
  close(evaluateKittiClass(gt, det, { ...opts, metric: 'bbox', minOverlap: 0.69 }).apR40, 100);
});

test('few ground-truth objects distort the sampled AP as in the devkit (1 object, perfect: R11 1/11, R40 0)', () => {
  const { gt, det } = scene(1, 1);
  const r = evaluateKittiClass(gt, det, opts);
  close(r.apR11, 100 / 11);
  close(r.apR40, 0);
  assert.deepEqual(recallThresholds([0.3, 0.9], 2), [0.9, 0.3]);
});

test('range filter: ground truth beyond 20 m is ignored, detections beyond 20 m are dropped', () => {
  const near = scene(100, 4, 'Pedestrian', 12);
  const far = scene(100, 2, 'Pedestrian', 30);
  const gt = near.gt.map((g, f) => [...g, ...far.gt[f]]);
  const onlyNear = near.det;
  const ped = { className: 'Pedestrian', metric: 'bev' as const, difficulty: 'moderate' as const, range: { max: 20 } };
  const r = evaluateKittiClass(gt, onlyNear, ped);
  close(r.apR40, 100);
  assert.equal(r.numGroundTruth, 400);
  // without the range, the 200 unmatched far pedestrians are misses
  assert.ok(evaluateKittiClass(gt, onlyNear, { ...ped, range: undefined }).apR40 < 70);
  // a stray detection at 25 m is dropped by the range; one at 19 m is a false positive
  const stray = onlyNear.map((d) => [...d]);
  stray[0].push({ ...obj('Pedestrian', 5, 25), score: 2 });
  close(evaluateKittiClass(gt, stray, ped).apR40, 100);
  stray[1].push({ ...obj('Pedestrian', 5, 19), score: 2 });
  close(evaluateKittiClass(gt, stray, ped).apR40, (100 * 400) / 401);
  // App. A post-hoc removal
  assert.equal(filterByRange(stray[0], { max: 20 }).length, 4);
  assert.equal(filterByRange([obj('Car', 15, 15)], { max: 20, measure: 'bev' }).length, 0);
});

test('Person_sitting is a neighbour of Pedestrian: ignored, not a negative', () => {
  const { gt, det } = scene(100, 4, 'Pedestrian');
  gt[0].push(obj('Person_sitting', 20, 30));
  det[0].push({ ...obj('Pedestrian', 20, 30), score: 2 });
  close(evaluateKittiClass(gt, det, { className: 'Pedestrian', metric: '3d', difficulty: 'hard' }).apR40, 100);
});

test('errors name the frame and detection', () => {
  assert.throws(() => evaluateKittiClass([[]], [], opts), /1 ground-truth frames but 0 detection frames/);
  assert.throws(() => evaluateKittiClass([[]], [[obj('Car', 0, 10)]], opts), /detection 0 of frame 0 \(Car\) has no score/);
});
