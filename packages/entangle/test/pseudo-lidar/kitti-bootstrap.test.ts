import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapApDifference, evaluateKittiClass, kittiClassEvaluator, type KittiObject } from '../../src/pseudo-lidar/kitti/index.js';

function car(x: number, z: number): KittiObject {
  return { type: 'Car', truncated: 0, occluded: 0, alpha: 0, bbox: [100, 100, 150, 160], dimensions: [1.53, 1.63, 3.88], location: [x, 1.65, z], rotationY: 0 };
}

const opts = { className: 'Car', metric: '3d' as const, difficulty: 'moderate' as const };

/** 20 frames of 2 cars; detector `found(f, i)` finds car i of frame f exactly, else reports it 5 m off. */
function frames(found: (f: number, i: number) => boolean): { gt: KittiObject[][]; det: KittiObject[][] } {
  const gt: KittiObject[][] = [], det: KittiObject[][] = [];
  for (let f = 0; f < 20; f++) {
    const g = [car(-4, 15 + f), car(4, 20 + f)];
    gt.push(g);
    det.push(g.map((o, i) => ({ ...o, location: [o.location[0], o.location[1], o.location[2] + (found(f, i) ? 0 : 5)] as [number, number, number], score: 1 - (2 * f + i) / 100 })));
  }
  return { gt, det };
}

test('the evaluator on a list of frames equals evaluateKittiClass on those frames (repeats count twice)', () => {
  const { gt, det } = frames((f, i) => (f + i) % 3 !== 0);
  const pick = [3, 3, 0, 19, 7, 7, 7, 12];
  const want = evaluateKittiClass(pick.map((f) => gt[f]), pick.map((f) => det[f]), opts);
  const got = kittiClassEvaluator(gt, det, opts)(pick);
  assert.equal(got.apR40, want.apR40);
  assert.equal(got.numGroundTruth, 16);
  assert.equal(kittiClassEvaluator(gt, det, opts)().apR40, evaluateKittiClass(gt, det, opts).apR40);
  assert.throws(() => kittiClassEvaluator(gt, det, opts)([20]), /frame index 20 is not in 0\.\.19/);
});

test('identical detectors differ by 0 on every resample; a perfect one has no spread', () => {
  const perfect = frames(() => true);
  const r = bootstrapApDifference(perfect.gt, perfect.det, perfect.det, opts, { resamples: 50 });
  assert.equal(r.sdDifference, 0);
  assert.equal(r.sdA, 0);
  assert.equal(r.apA, evaluateKittiClass(perfect.gt, perfect.det, opts).apR40);
  const half = frames((f) => f % 2 === 0);
  const h = bootstrapApDifference(half.gt, half.det, half.det, opts, { resamples: 50 });
  assert.equal(h.sdDifference, 0);
  assert.ok(h.sdA > 1, `a detector that finds half the frames' cars varies across resamples (sd ${h.sdA})`);
});

test('two detectors that each find the cars of one of two frames: ΔAP is ±X or 0, so its sd is X/√2', () => {
  // 50 cars per frame (the devkit's 41 recall thresholds need dozens of ground-truth objects to reach AP 100).
  const gt = [0, 1].map(() => Array.from({ length: 50 }, (_, k) => car(-10 + 5 * (k % 5), 10 + 6 * Math.floor(k / 5))));
  const only = (frame: number) => gt.map((g, f) => g.map((o, k) => ({ ...o, location: [o.location[0], 1.65, o.location[2] + (f === frame ? 0 : 2.5)] as [number, number, number], score: 1 - k / 100 })));
  const x = evaluateKittiClass([gt[0], gt[0]], [only(0)[0], only(0)[0]], opts).apR40;
  assert.ok(x > 90, `a detector that finds every car scores ${x}`);
  const r = bootstrapApDifference(gt, only(0), only(1), opts, { resamples: 4000, seed: 3 });
  // Resamples {0,0} and {1,1} (probability ¼ each) give Δ = −X and +X; mixed ones give equal APs (Δ = 0).
  assert.equal(r.apA, r.apB);
  assert.ok(Math.abs(r.sdDifference - x / Math.SQRT2) < 0.04 * x, `sd ${r.sdDifference} vs ${x / Math.SQRT2}`);
});

test('same seed ⇒ same resamples; bad arguments are named', () => {
  const { gt, det } = frames((f, i) => (f * i) % 4 !== 1);
  const other = frames((f) => f % 3 !== 0).det;
  const a = bootstrapApDifference(gt, det, other, opts, { resamples: 30, seed: 7 });
  assert.deepEqual(bootstrapApDifference(gt, det, other, opts, { resamples: 30, seed: 7 }), a);
  assert.notEqual(bootstrapApDifference(gt, det, other, opts, { resamples: 30, seed: 8 }).sdDifference, a.sdDifference);
  assert.throws(() => bootstrapApDifference(gt, det, other, opts, { resamples: 1 }), /resamples must be an integer ≥ 2, got 1/);
  assert.throws(() => bootstrapApDifference([], [], [], opts), /no test frames/);
});
