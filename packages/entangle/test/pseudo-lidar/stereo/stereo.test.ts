import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import type { Block, Dataset, Inputs, JsonObject, TrainSet } from '../../../src/core/types.js';
import { checkLearner } from '../../../src/learners/check.js';
import { getLearner, getLoss } from '../../../src/registry/registry.js';
import { kittiCalibration } from '../../../src/pseudo-lidar/geometry/index.js';
import { loadSplit } from '../../../src/pseudo-lidar/scenario/splits.js';
import { splitToDataset } from '../../../src/pseudo-lidar/scenario/datasets.js';
import { correlation, depthErrorByRange, disparityMae, setPseudoLidarCacheDir, stereoLoss, trainingDepth } from '../../../src/pseudo-lidar/stereo/index.js';

setPseudoLidarCacheDir(null);
const calib = kittiCalibration(0.25);
const H = calib.height, W = calib.width, HW = H * W;
const FB = calib.fu * 0.54;

const tinyArch = { downsample: 2, bins: 8, features: 4, aggregation: 4, dilations: [1, 2], refine: 2, correlation: 'cosine', costSkip: true };
const tinyTrain = { iterations: 3, batchSize: 2, crop: [32, 64], lr: 1e-3, milestones: [0.5], gamma: 0.1 };

function dataset(first: number, count: number): Dataset {
  return splitToDataset(loadSplit({ seed: 11, first, count, world: { scale: 0.25 } }, null));
}

function stereoInputs(ds: Dataset): Inputs {
  return { size: ds.size, blocks: [{ name: 'left', kind: 'field', value: ds.fields.left }, { name: 'right', kind: 'field', value: ds.fields.right }] };
}

const trainSet = (ds: Dataset): TrainSet => ({ inputs: stereoInputs(ds), target: ds.fields.depth });

test('the dataset builder: left/right [n,1,H,W], depth/disparity [n,H,W], labels per frame, d·z = f_u·B', () => {
  const ds = dataset(0, 2);
  assert.equal(ds.size, 2);
  assert.deepEqual(ds.fields.left.shape, [2, 1, H, W]);
  assert.deepEqual(ds.fields.right.shape, [2, 1, H, W]);
  assert.deepEqual(ds.fields.depth.shape, [2, H, W]);
  assert.deepEqual(ds.fields.disparity.shape, [2, H, W]);
  assert.equal(ds.records!.labels.length, 2);
  for (const i of [0, 777, 2 * HW - 1]) assert.ok(Math.abs(ds.fields.disparity.data[i] * ds.fields.depth.data[i] - FB) < 1e-3);
  assert.match(ds.version, /^pseudo-lidar-world:[0-9a-f]{64}$/);
  assert.equal(dataset(0, 2).version, ds.version, 'same split, same version');
  assert.notEqual(dataset(1, 2).version, ds.version, 'another split, another version');
});

test('correlation volume: c[d, y, x] = mean_ch fl[x]·fr[x − d], zero where x − d < 0', () => {
  torch.tidy(() => {
    const fl = torch.tensor(Float32Array.from([1, 2, 3, 4, 10, 20, 30, 40]), [1, 2, 1, 4]);
    const fr = torch.tensor(Float32Array.from([1, 1, 2, 2, 0, 1, 0, 1]), [1, 2, 1, 4]);
    const c = correlation(fl, fr, 3).toArray() as number[][][][];
    // d = 0: x=0: (1·1 + 10·0)/2 = 0.5; x=1: (2·1 + 20·1)/2 = 11; x=2: (3·2+30·0)/2 = 3; x=3: (4·2 + 40·1)/2 = 24
    assert.deepEqual(c[0][0][0], [0.5, 11, 3, 24]);
    // d = 1: x=1: (2·1 + 20·0)/2 = 1; x=2: (3·1 + 30·1)/2 = 16.5; x=3: (4·2 + 40·0)/2 = 4
    assert.deepEqual(c[0][1][0], [0, 1, 16.5, 4]);
    assert.deepEqual(c[0][2][0].slice(0, 2), [0, 0]);
    const sum = correlation(fl, fr, 1, 'sum').toArray() as number[][][][];
    assert.deepEqual(sum[0][0][0], [1, 22, 6, 48]);
  });
});

test('training objectives: disparity L1 in pixels and depth L1 in metres, masked to 1 ≤ z ≤ 80', () => {
  torch.tidy(() => {
    const z = torch.tensor(Float32Array.from([10, 20, 0.5, 100]), [1, 1, 4]);            // last two are masked out
    const d = torch.tensor(Float32Array.from([FB / 10 + 1, FB / 25, 3, 3]), [1, 1, 4]);   // errors: 1 px; FB/20 − FB/25 px
    const disp = stereoLoss('disparity-l1', d, z, FB, [1, 80], 150).item();
    assert.ok(Math.abs(disp - (1 + (FB / 20 - FB / 25)) / 2) < 1e-4, `${disp}`);
    const depth = stereoLoss('depth-l1', d, z, FB, [1, 80], 150).item();
    assert.ok(Math.abs(depth - (Math.abs(FB / (FB / 10 + 1) - 10) + 5) / 2) < 1e-3, `${depth}`);
  });
});

test('training depth: fB/d above the floor d_min = fB/cap, continued linearly below it with slope −fB/d_min²', () => {
  torch.tidy(() => {
    const dMin = FB / 150;
    const d = torch.tensor(Float32Array.from([FB / 10, dMin, dMin / 2, 0, -1]), [5], { requiresGrad: true });
    const z = trainingDepth(d, FB, 150);
    const values = z.toArray() as number[];
    assert.ok(Math.abs(values[0] - 10) < 1e-4 && Math.abs(values[1] - 150) < 1e-3);
    assert.ok(Math.abs(values[2] - 225) < 1e-2 && Math.abs(values[3] - 300) < 1e-2, `${values}`);
    z.sum().backward();
    const g = d.grad!.toArray() as number[];
    assert.ok(Math.abs(g[0] + FB / (FB / 10) ** 2) < 1e-3);
    for (const j of [2, 3, 4]) assert.ok(Math.abs(g[j] + FB / dMin ** 2) < 1e-2, 'below the floor the gradient stays −fB/d_min²');
  });
});

test('depth MAE by range and disparity MAE (hand-computed)', () => {
  const truth = Float32Array.from([5, 15, 25, 35, 45, 0.5, 90]);
  const pred = Float32Array.from([6, 13, 25, 39, 40, 3, 3]);
  const r = depthErrorByRange(pred, truth);
  assert.equal(r.count, 5);
  assert.ok(Math.abs(r.overall - (1 + 2 + 0 + 4 + 5) / 5) < 1e-9);
  assert.deepEqual(r.ranges.map((x) => x.mae), [1, 2, 0, 4, 5]);
  const dm = disparityMae(Float32Array.from([10, -1]), Float32Array.from([20, 40]), 100);
  assert.ok(Math.abs(dm - (5 + 2.5) / 2) < 1e-9, 'a non-positive depth counts as disparity 0');
  const loss = getLoss('disparity-mae');
  const ds: Dataset = { version: 'x', size: 1, fields: { depth: { shape: [1, 2], data: Float32Array.from([20, 40]) } } };
  assert.ok(Math.abs(loss.evaluate({ shape: [1, 2], data: Float32Array.from([10, -1]) }, ds, 'depth', { scale: 0.25 }) - (FB / 20 + FB / 40) / 2) < 1e-4);
});

test('stereo-depth conformance: shapes, determinism, save/load, no leaked tensors (both objectives)', async () => {
  const ds = dataset(0, 2);
  for (const loss of ['disparity-l1', 'depth-l1']) {
    const args: JsonObject = { scale: 0.25, arch: tinyArch, loss, train: tinyTrain, cacheFits: false };
    const report = await checkLearner('stereo-depth', args, { train: trainSet(ds), inputs: stereoInputs(ds) }, 3);
    assert.deepEqual(report.outputShape, [2, H, W]);
  }
  const learner = getLearner('stereo-depth');
  assert.deepEqual(learner.describeOutput!({ scale: 0.25 }, [[1, H, W], [1, H, W]]), { kind: 'depth', shape: [H, W] });
  assert.deepEqual(learner.checkInputs!({ scale: 0.25 }, [{ name: 'left', kind: 'field', shape: [1, H, W] }, { name: 'right', kind: 'field', shape: [1, H, W] }]), []);
  assert.match(learner.checkInputs!({ scale: 0.5 }, [{ name: 'left', kind: 'field', shape: [1, H, W] }, { name: 'right', kind: 'field', shape: [1, H, W] }]).join(), /expected \[1, 188, 621\]/);
  assert.match(learner.checkInputs!({ scale: 0.25 }, [{ name: 'left', kind: 'field', shape: [1, H, W] }]).join(), /exactly two blocks/);
  assert.match(learner.checkArgs!({ loss: 'huber' }).join(), /loss/);
});

test('full-resolution matching (downsample 1) with a 2×2-pooled aggregation: shapes on the odd 311-px width, conformance', async () => {
  const ds = dataset(0, 2);
  const arch = { ...tinyArch, downsample: 1, aggregationDownsample: 2, refine: 0 };
  const report = await checkLearner('stereo-depth', { scale: 0.25, arch, train: tinyTrain, cacheFits: false }, { train: trainSet(ds), inputs: stereoInputs(ds) }, 3);
  assert.deepEqual(report.outputShape, [2, H, W]);
  const learner = getLearner('stereo-depth');
  assert.match(learner.checkArgs!({ arch: { ...arch, aggregationDownsample: 3 } }).join(), /aggregationDownsample/);
  assert.match(learner.checkArgs!({ arch: { ...arch, downsample: 3 } }).join(), /downsample/);
});

test('u and u′ start from one cached disparity-pretrained checkpoint; the depth prediction is finite and positive', async () => {
  const ds = dataset(0, 2);
  const learner = getLearner('stereo-depth');
  const pretrain = { frames: { seed: 11, first: 2, count: 2 }, train: { ...tinyTrain, iterations: 2 } };
  const base = { scale: 0.25, arch: tinyArch, pretrain, train: { ...tinyTrain, iterations: 0 }, cacheFits: false };
  const u = await learner.fit(trainSet(ds), { ...base, loss: 'disparity-l1' }, { seed: 5, model: 'u' });
  const uPrime = await learner.fit(trainSet(ds), { ...base, loss: 'depth-l1' }, { seed: 5, model: 'u' });
  const other = await learner.fit(trainSet(ds), { ...base, loss: 'disparity-l1' }, { seed: 6, model: 'u' });
  const a = u.predict(stereoInputs(ds)) as Block, b = uPrime.predict(stereoInputs(ds)) as Block, c = other.predict(stereoInputs(ds)) as Block;
  assert.deepEqual(Buffer.from(a.data.buffer), Buffer.from(b.data.buffer), 'no fine-tuning: u = u′ = the shared pretrained model');
  assert.notDeepEqual(Buffer.from(a.data.buffer), Buffer.from(c.data.buffer), 'another run seed pretrains another checkpoint');
  assert.ok(a.data.every((z) => z > 0 && z <= 150 + 1e-3));
  // With fine-tuning, the objectives give different models.
  const ft = { ...base, train: tinyTrain };
  const u2 = await learner.fit(trainSet(ds), { ...ft, loss: 'disparity-l1' }, { seed: 5, model: 'u' });
  const u2p = await learner.fit(trainSet(ds), { ...ft, loss: 'depth-l1' }, { seed: 5, model: 'u' });
  assert.notDeepEqual(Buffer.from((u2.predict(stereoInputs(ds)) as Block).data.buffer), Buffer.from((u2p.predict(stereoInputs(ds)) as Block).data.buffer));
  for (const m of [u, uPrime, other, u2, u2p]) m.dispose();
});

test('a fitted model refuses images of another size', async () => {
  const ds = dataset(0, 1);
  const model = await getLearner('stereo-depth').fit(trainSet(ds), { scale: 0.25, arch: tinyArch, train: { ...tinyTrain, iterations: 1 }, cacheFits: false }, { seed: 0, model: 'u' });
  const small = { shape: [1, 1, 10, 10], data: new Float32Array(100) };
  assert.throws(() => model.predict({ size: 1, blocks: [{ name: 'left', kind: 'field', value: small }, { name: 'right', kind: 'field', value: small }] }), /images must be 94 × 311/);
  model.dispose();
});
