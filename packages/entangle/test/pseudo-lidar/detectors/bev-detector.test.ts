import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import type { JsonObject, Records } from '../../../src/core/types.js';
import { checkLearner } from '../../../src/learners/check.js';
import { bevDetector, bevDetectorArgsSchema, kittiApSummary, rasterize, resolveBevArgs, gridSize, HEIGHT_SLICES, type BevGrid } from '../../../src/pseudo-lidar/detectors/index.js';
import { decodeFrame } from '../../../src/pseudo-lidar/detectors/bev/decode.js';
import { frameTargets, outputGrid, TARGET_CHANNELS, HEAD_CHANNELS } from '../../../src/pseudo-lidar/detectors/bev/targets.js';
import { iou3d, type KittiObject } from '../../../src/pseudo-lidar/kitti/index.js';
import { detectorInputs, detectorTrainSet, oracleFrames, type DetectorData } from './fixtures.js';

torch.setNumThreads(1);

const close = (a: number, b: number, eps = 1e-5): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

const grid: BevGrid = { xMin: -4, xMax: 4, zMin: 0, zMax: 8, cellSize: 0.5 };

test('rasterize: counts per height slice (log 1 + n), max and mean height above the road, points outside skipped', () => {
  // two points in cell (row 2, col 9) at heights 0.1 and 1.5 m above the road, one outside the grid
  const xyz = Float32Array.from([0.7, 1.55, 1.2, 0.6, 0.15, 1.1, 50, 0, 3]);
  const { rows, cols } = gridSize(grid);
  const out = new Float32Array(8 * rows * cols);
  rasterize({ count: 3, xyz, pixel: new Int32Array(3) }, grid, out);
  const plane = rows * cols, cell = 2 * cols + 9;
  assert.equal(HEIGHT_SLICES.length, 5);
  close(out[0 * plane + cell], Math.log(2)); // h = 0.1 < 0.2
  close(out[4 * plane + cell], Math.log(2)); // 1.4 ≤ h = 1.5 < 1.9
  close(out[6 * plane + cell], 1.5 / 2);
  close(out[7 * plane + cell], 0.8 / 2);
  const total = out.reduce((a, v) => a + Math.abs(v), 0);
  close(total, 2 * Math.log(2) + 0.75 + 0.4, 1e-4);
});

test('class defaults: pedestrian grids end at 25.6 m when trained on ≤ 20 m (§5) and at 38.4 m otherwise (App. A)', () => {
  const resolve = (args: object) => resolveBevArgs(bevDetectorArgsSchema.parse(args));
  assert.equal(resolve({ className: 'Pedestrian', scale: 0.25, trainRange: { max: 20 } }).grid.zMax, 25.6);
  assert.equal(resolve({ className: 'Pedestrian', scale: 0.25 }).grid.zMax, 38.4);
  assert.equal(resolve({ className: 'Car', scale: 0.25 }).grid.zMax, 51.2);
  const r = resolve({ className: 'Car', scale: 0.25, train: { epochs: 3 } });
  assert.equal(r.train.epochs, 3);
  assert.equal(r.train.batchSize, 4);
});

function car(x: number, z: number, ry: number, extra: Partial<KittiObject> = {}): KittiObject {
  return { type: 'Car', truncated: 0, occluded: 0, alpha: 0, bbox: [100, 30, 160, 70], dimensions: [1.4, 1.7, 4.2], location: [x, 1.6, z], rotationY: ry, ...extra };
}

test('targets → ideal network output → decode gives back the labelled boxes (ry modulo π)', () => {
  const labels = [car(1.3, 3.1, 1.2), car(-2.2, 6.3, -2.9), car(-3.5, 1.5, 0, { occluded: 3 }), { ...car(1, 1, 0), type: 'Pedestrian' }];
  const out = outputGrid(grid);
  const plane = out.rows * out.cols;
  const y = new Float32Array(TARGET_CHANNELS * plane);
  assert.equal(frameTargets(labels, 'Car', 1, null, grid, y), 2);
  const ideal = new Float32Array(HEAD_CHANNELS * plane);
  for (let i = 0; i < plane; i++) {
    ideal[i] = y[2 * plane + i] === 1 ? 8 : -8;
    for (let k = 0; k < 8; k++) ideal[(1 + k) * plane + i] = y[(3 + k) * plane + i];
  }
  const boxes = decodeFrame(ideal, 0, grid, 'Car', { maxDetections: 10, scoreThreshold: 0.1 });
  assert.equal(boxes.length, 2);
  for (const b of boxes) {
    const match = labels.slice(0, 2).find((l) => Math.abs(l.location[2] - b.box.location[2]) < 1e-3)!;
    for (let k = 0; k < 3; k++) close(b.box.location[k], match.location[k], 1e-4);
    for (let k = 0; k < 3; k++) close(b.box.dimensions[k], match.dimensions[k], 1e-4);
    close(iou3d(b.box, match), 1, 1e-4);
  }
  // the occluded car (ignored) switches the heat weight off around it; elsewhere it stays 1
  const row = Math.floor(1.5 / out.cell), col = Math.floor((-3.5 - grid.xMin) / out.cell);
  assert.equal(y[plane + row * out.cols + col], 0);
  assert.equal(y[plane + 7 * out.cols + 7], 1);
});

let data: DetectorData | undefined;
const frames = (): DetectorData => (data ??= oracleFrames(11, 0, 12, 0.25));

const tiny: JsonObject = { className: 'Car', scale: 0.25, width: 4, train: { epochs: 1, batchSize: 4 } };

test('bev-detector passes the learner conformance check (determinism, save/load, no leaked tensors)', async () => {
  const d = frames();
  const small: DetectorData = { cloud: { shape: [3, ...d.cloud.shape.slice(1)], data: d.cloud.data.subarray(0, 3 * d.cloud.data.length / 12) }, labels: d.labels.slice(0, 3) };
  const report = await checkLearner('bev-detector', tiny, { train: detectorTrainSet(small), inputs: detectorInputs(small) });
  assert.equal(report.kind, 'bev-detector');
  const a = await bevDetector.fit(detectorTrainSet(small), tiny, { seed: 1, model: 'v', threads: 1 });
  const b = await bevDetector.fit(detectorTrainSet(small), tiny, { seed: 2, model: 'v', threads: 1 });
  assert.notDeepEqual(a.save(), b.save(), 'another seed gives other weights');
  a.dispose();
  b.dispose();
});

test('bev-detector trained on oracle clouds of 12 frames beats a trivial detector on them', async () => {
  const d = frames();
  const args: JsonObject = { className: 'Car', scale: 0.25, train: { epochs: 15, batchSize: 2, lr: 3e-3 } };
  const model = await bevDetector.fit(detectorTrainSet(d), args, { seed: 0, model: 'v', threads: 1 });
  const det = (model.predict(detectorInputs(d)) as Records<KittiObject[]>).items;
  model.dispose();
  // trivial: a mean-size car every 5 m along both lane centres of every frame
  const trivial = d.labels.map(() => [5, 10, 15, 20, 25, 30, 35, 40].flatMap((z, i) => [-1.75, 1.75].map((x) => ({
    ...car(x, z, Math.PI / 2), dimensions: [1.53, 1.63, 3.88] as [number, number, number], location: [x, 1.65, z] as [number, number, number], score: 1 - i / 10,
  }))));
  const opts = { className: 'Car', scale: 0.25, difficulty: 'hard' as const, iou: 0.5 };
  const trained = kittiApSummary(d.labels, det, opts);
  const baseline = kittiApSummary(d.labels, trivial, opts);
  assert.ok(trained.numGroundTruth >= 30, `${trained.numGroundTruth} cars`);
  assert.ok(trained.apBevR40 > baseline.apBevR40 + 30, `trained AP_BEV ${trained.apBevR40.toFixed(1)} vs trivial ${baseline.apBevR40.toFixed(1)}`);
  for (const frame of det) for (const o of frame) assert.ok(o.type === 'Car' && o.score! > 0 && o.bbox[3] >= o.bbox[1]);
});

test('bev-detector: empty clouds (all NaN) train and predict no boxes; malformed inputs and labels are clear errors', async () => {
  const d = frames();
  const empty: DetectorData = { cloud: { shape: [2, ...d.cloud.shape.slice(1)], data: new Float32Array(2 * d.cloud.data.length / 12).fill(Number.NaN) }, labels: d.labels.slice(0, 2) };
  const model = await bevDetector.fit(detectorTrainSet(empty), tiny, { seed: 0, model: 'v', threads: 1 });
  assert.deepEqual((model.predict(detectorInputs(empty)) as Records).items, [[], []]);
  const wrongShape = { size: 2, blocks: [{ name: 'r_car', kind: 'points', value: { shape: [2, 3, 10, 10], data: new Float32Array(600) } }] };
  assert.throws(() => model.predict(wrongShape), /expected \[n, 3, 94, 311\]/);
  model.dispose();
  const badLabels = d.labels.slice(0, 2).map((f) => f.map((o) => ({ ...o })));
  badLabels[1][0].dimensions = [1.5, -1, 4];
  await assert.rejects(bevDetector.fit({ ...detectorTrainSet(empty), target: { kind: 'records', items: badLabels } }, tiny, { seed: 0, model: 'v' }), /frame 1, object 0: non-positive size/);
  await assert.rejects(bevDetector.fit(detectorTrainSet(empty), { ...tiny, grid: { xMin: -5, xMax: 5, zMin: 0, zMax: 10, cellSize: 0.3 } }, { seed: 0, model: 'v' }), /multiple of 4 cells/);
  assert.deepEqual(bevDetector.checkInputs!(tiny, [{ name: 'r', kind: 'points', shape: [3, 94, 311] }]), []);
  assert.equal(bevDetector.checkInputs!(tiny, [{ name: 'r', kind: 'points', shape: [3, 188, 621] }]).length, 1);
});
