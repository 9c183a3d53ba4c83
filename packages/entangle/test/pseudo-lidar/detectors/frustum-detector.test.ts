import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import type { JsonObject, Records } from '../../../src/core/types.js';
import { checkLearner } from '../../../src/learners/check.js';
import { createRng } from '../../../src/train/random.js';
import { frustumDetector, kittiApSummary } from '../../../src/pseudo-lidar/detectors/index.js';
import { decodeBox, encodeBox, outputWidth } from '../../../src/pseudo-lidar/detectors/frustum/box-coding.js';
import { detectable, jitterBox } from '../../../src/pseudo-lidar/detectors/frustum/proposals.js';
import { framePoints } from '../../../src/pseudo-lidar/detectors/common/cloud-input.js';
import { fromFrustumFrame, frustumAngle, frustumSample, toFrustumFrame } from '../../../src/pseudo-lidar/detectors/frustum/sample.js';
import { kittiCalibration } from '../../../src/pseudo-lidar/geometry/calib.js';
import { completeDetection, iou3d, type KittiObject } from '../../../src/pseudo-lidar/kitti/index.js';
import { detectorInputs, detectorTrainSet, oracleFrames, type DetectorData } from './fixtures.js';

torch.setNumThreads(1);

const close = (a: number, b: number, eps = 1e-5): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);
const calib = kittiCalibration(0.25);

test('frustum frame: the centre ray of a 2D box maps to +z, and back', () => {
  const bbox: [number, number, number, number] = [250, 40, 270, 60];
  const angle = frustumAngle(bbox, calib);
  const t = 17;
  const u = (bbox[0] + bbox[2]) / 2;
  const x = ((u - calib.cu) / calib.fu) * t; // a point at depth t on the centre ray
  const [xp, zp] = toFrustumFrame(x, t, angle);
  close(xp, 0);
  close(zp, Math.hypot(x, t));
  const [x2, z2] = fromFrustumFrame(xp, zp, angle);
  close(x2, x);
  close(z2, t);
});

test('frustum sample: points inside the 2D box only, centred on their median, resampled to a fixed count', () => {
  // three points at pixels inside the box and one outside; 8 samples drawn
  const W = calib.width;
  const pixel = Int32Array.from([50 * W + 100, 51 * W + 101, 52 * W + 102, 10 * W + 10]);
  const xyz = Float32Array.from([1, 1, 10, 2, 1.2, 11, 3, 1.4, 12, 9, 9, 9]);
  const s = frustumSample({ count: 4, xyz, pixel }, [99, 49, 103, 53], calib, 8, createRng(0))!;
  assert.equal(s.count, 3);
  assert.equal(s.features.length, 4 * 8);
  const dy = Array.from(s.features.subarray(8, 16));
  assert.deepEqual([...new Set(dy.map((v) => Math.round(v * 100) / 100))].sort(), [-0.2, 0, 0.2]);
  close(s.origin[1], 1.2);
  // height above the road = 1.65 − y
  for (let k = 0; k < 8; k++) close(s.features[24 + k], 1.65 - (s.features[8 + k] + 1.2), 1e-5);
  assert.equal(frustumSample({ count: 4, xyz, pixel }, [200, 0, 210, 5], calib, 8, createRng(0)), null);
});

test('box coding: encode then an ideal output row decodes to the same box (ry modulo π)', () => {
  const cloud = oracleFrames(11, 0, 1, 0.25).cloud;
  const W = calib.width, H = calib.height, plane = W * H;
  const xyz: number[] = [];
  const pixel: number[] = [];
  for (let p = 0; p < plane; p++) if (Number.isFinite(cloud.data[p])) { xyz.push(cloud.data[p], cloud.data[plane + p], cloud.data[2 * plane + p]); pixel.push(p); }
  const pc = { count: pixel.length, xyz: Float32Array.from(xyz), pixel: Int32Array.from(pixel) };
  const s = frustumSample(pc, [100, 20, 180, 70], calib, 64, createRng(3))!;
  const bins = 12;
  for (const ry of [-3.0, -1.2, 0, 0.4, 2.9]) {
    const box = { location: [2.3, 1.6, 21] as [number, number, number], dimensions: [1.5, 1.7, 4.1] as [number, number, number], rotationY: ry };
    const t = encodeBox(box, s, 'Car', bins);
    const row = new Float32Array(outputWidth(bins)).fill(-5);
    row[0] = t[0]; row[1] = t[1]; row[2] = t[2];
    row[3 + t[3]] = 5;
    row[3 + bins + t[3]] = t[4];
    row[3 + 2 * bins] = t[5]; row[3 + 2 * bins + 1] = t[6]; row[3 + 2 * bins + 2] = t[7];
    row[3 + 2 * bins + 3] = 0;
    const { box: back, quality } = decodeBox(row, 0, s, 'Car', bins);
    for (let k = 0; k < 3; k++) close(back.location[k], box.location[k], 1e-4);
    for (let k = 0; k < 3; k++) close(back.dimensions[k], box.dimensions[k], 1e-4);
    close(Math.cos(2 * back.rotationY), Math.cos(2 * ry), 1e-4);
    close(Math.sin(2 * back.rotationY), Math.sin(2 * ry), 1e-4);
    close(iou3d(back, box), 1, 1e-4);
    close(quality, 0.5);
  }
});

test('2D jitter: the stand-in detector\'s confidence is the IoU with the true box; no jitter gives the box itself', () => {
  const bbox: [number, number, number, number] = [100, 30, 140, 60];
  const same = jitterBox(bbox, 0, createRng(1), calib);
  assert.deepEqual(same.bbox, bbox);
  close(same.confidence, 1);
  const moved = jitterBox(bbox, 0.2, createRng(1), calib);
  assert.ok(moved.confidence < 1 && moved.confidence > 0.3, `${moved.confidence}`);
});

let data: DetectorData | undefined;
const frames = (): DetectorData => (data ??= oracleFrames(11, 0, 12, 0.25));
const tiny: JsonObject = { className: 'Car', scale: 0.25, numPoints: 32, pointWidths: [8, 16], headWidths: [16], copies: 1, train: { epochs: 1, batchSize: 16 } };

test('frustum-detector passes the learner conformance check (determinism, save/load, no leaked tensors)', async () => {
  const d = frames();
  const report = await checkLearner('frustum-detector', tiny, { train: detectorTrainSet(d, true), inputs: detectorInputs(d, true) });
  assert.equal(report.kind, 'frustum-detector');
});

test('frustum-detector trained on oracle clouds of 12 frames beats an untrained box at the frustum points\' median', async () => {
  const d = frames();
  const args: JsonObject = { className: 'Car', scale: 0.25, copies: 6, train: { epochs: 15, batchSize: 16, lr: 3e-3 } };
  const model = await frustumDetector.fit(detectorTrainSet(d, true), args, { seed: 0, model: 'v', threads: 1 });
  const det = (model.predict(detectorInputs(d, true)) as Records<KittiObject[]>).items;
  model.dispose();
  // trivial: per true 2D box, a mean-size car on the road at the median of the frustum's points, heading ±π/2
  const trivial = d.labels.map((frame, f) => {
    const cloud = framePoints(d.cloud, f);
    return frame.filter((o) => detectable(o, 'Car', 0.25)).flatMap((o) => {
      const s = frustumSample(cloud, o.bbox, calib, 16, createRng(0));
      if (s === null) return [];
      const [x, z] = fromFrustumFrame(s.origin[0], s.origin[2], s.angle);
      return [completeDetection({ location: [x, 1.65, z], dimensions: [1.53, 1.63, 3.88], rotationY: Math.PI / 2 }, 'Car', 0.5, calib)];
    });
  });
  const opts = { className: 'Car', scale: 0.25, difficulty: 'hard' as const, iou: 0.5 };
  const trained = kittiApSummary(d.labels, det, opts);
  const baseline = kittiApSummary(d.labels, trivial, opts);
  assert.ok(trained.numGroundTruth >= 30, `${trained.numGroundTruth} cars`);
  assert.ok(trained.apBevR40 > baseline.apBevR40 + 30, `trained AP_BEV ${trained.apBevR40.toFixed(1)} vs trivial ${baseline.apBevR40.toFixed(1)}`);
  for (const frame of det) for (const o of frame) assert.ok(o.type === 'Car' && o.score! > 0 && o.score! <= 1);
});

test('frustum-detector: empty clouds predict nothing, cannot be trained on, and a missing 2D-box input is a clear error', async () => {
  const d = frames();
  const small: DetectorData = { cloud: { shape: [2, ...d.cloud.shape.slice(1)], data: d.cloud.data.slice(0, 2 * d.cloud.data.length / 12) }, labels: d.labels.slice(0, 2) };
  const model = await frustumDetector.fit(detectorTrainSet(small, true), tiny, { seed: 0, model: 'v', threads: 1 });
  const empty: DetectorData = { cloud: { shape: small.cloud.shape, data: new Float32Array(small.cloud.data.length).fill(Number.NaN) }, labels: small.labels };
  assert.deepEqual((model.predict(detectorInputs(empty, true)) as Records).items, [[], []]);
  assert.throws(() => model.predict(detectorInputs(small, false)), /exactly one records input block/);
  model.dispose();
  await assert.rejects(frustumDetector.fit(detectorTrainSet(empty, true), tiny, { seed: 0, model: 'v' }), /no training frustum has a point/);
  assert.equal(frustumDetector.checkInputs!(tiny, [{ name: 'r', kind: 'points', shape: [3, 94, 311] }]).length, 1);
  assert.deepEqual(frustumDetector.checkInputs!(tiny, [{ name: 'labels', kind: 'records', shape: 'records' }, { name: 'r', kind: 'points', shape: [3, 94, 311] }]), []);
});
