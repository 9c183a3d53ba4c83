// Behaviour of individual learners: what they compute, how they combine inputs, and their error messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@entangle/torch';
import '../../src/learners/index.js';
import { checkLearner } from '../../src/learners/check.js';
import type { NetModel } from '../../src/learners/net-learner.js';
import { getLearner, registerLearner } from '../../src/registry/registry.js';
import type { Block, FitContext, Inputs, JsonObject, TrainSet } from '../../src/core/types.js';
import { classificationSet, flatInputs, imageSet, regressionSet } from './synthetic.js';

torch.setNumThreads(1);
const ctx: FitContext = { seed: 0, model: 'w' };
const rows = (b: Block) => Array.from(b.data);
const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: got ${a}, expected ${b} ± ${tol}`);

async function fitPredict(kind: string, args: JsonObject, train: TrainSet, inputs: Inputs = train.inputs): Promise<Block> {
  const model = await getLearner(kind).fit(train, args, ctx);
  try {
    return model.predict(inputs) as Block;
  } finally {
    model.dispose();
  }
}

test('linear-regression closed form recovers y = 2·x0 − x1 + 0.5', async () => {
  const probe = flatInputs(Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]), 4, 3);
  const [b, b0, b1, b2] = rows(await fitPredict('linear-regression', {}, regressionSet(200, 3), probe));
  near(b, 0.5, 0.01, 'intercept');
  near(b0 - b, 2, 0.01, 'weight 0');
  near(b1 - b, -1, 0.01, 'weight 1');
  near(b2 - b, 0, 0.01, 'weight 2');
});

test('linear-regression: singular XᵀX asks for ridge; ridge solves it; trained method gets close too', async () => {
  const x = new Float32Array(20).fill(1); // one constant feature, collinear with the intercept
  const train: TrainSet = { inputs: flatInputs(x, 20, 1), target: { shape: [20], data: new Float32Array(20).fill(3) } };
  await assert.rejects(getLearner('linear-regression').fit(train, {}, ctx), /XᵀX is singular.*Set arg ridge > 0/);
  near(rows(await fitPredict('linear-regression', { ridge: 1e-6 }, train))[0], 3, 1e-3, 'ridge prediction');
  const trained = rows(await fitPredict('linear-regression', { method: 'trained', train: { epochs: 60, batchSize: 32, lr: 0.05 } }, regressionSet(200, 3), flatInputs(Float32Array.from([1, 0, 0]), 1, 3)));
  near(trained[0], 2.5, 0.1, 'trained prediction at x = (1, 0, 0)');
});

test('value outputs keep the target per-example shape ([n, 2] in, [n, 2] out)', async () => {
  const base = regressionSet(50, 3);
  const y = new Float32Array(100);
  const t = base.target as Block;
  for (let i = 0; i < 50; i++) {
    y[2 * i] = t.data[i];
    y[2 * i + 1] = -t.data[i];
  }
  const pred = await fitPredict('linear-regression', {}, { inputs: base.inputs, target: { shape: [50, 2], data: y } });
  assert.deepEqual(pred.shape, [50, 2]);
  near(pred.data[1], -pred.data[0], 1e-3, 'second output mirrors the first');
});

test('logistic-regression separates blobs; label output is the argmax as a float', async () => {
  const train = classificationSet(90, 3, 3);
  const pred = await fitPredict('logistic-regression', { train: { epochs: 30, batchSize: 16, lr: 0.05 } }, train);
  const y = (train.target as Block).data;
  const correct = pred.data.filter((v, i) => v === y[i]).length;
  assert.ok(correct / 90 >= 0.95, `training accuracy ${correct / 90}`);
  assert.deepEqual(pred.shape, [90]);
});

test('blocks are flattened and concatenated in order (own fields, then parents)', async () => {
  const a = Float32Array.from([1, 2, 3, 4]);
  const b = Float32Array.from([10, 20, 30, 40, 50, 60, 70, 80]);
  const inputs: Inputs = { size: 2, blocks: [{ name: 'a', kind: 'field', value: { shape: [2, 2], data: a } }, { name: 'p', kind: 'features', value: { shape: [2, 2, 2], data: b } }] };
  const pred = await fitPredict('frozen', { function: 'identity' }, { inputs, target: { shape: [2], data: new Float32Array(2) } });
  assert.deepEqual(pred.shape, [2, 6]);
  assert.deepEqual(rows(pred), [1, 2, 10, 20, 30, 40, 3, 4, 50, 60, 70, 80]);
});

test('args errors name the learner, the model, the arg and the bad value', async () => {
  const train = classificationSet(10, 2, 2);
  await assert.rejects(getLearner('mlp').fit(train, { hidden: [8, -1] }, ctx), /Learner 'mlp' \(model 'w'\): invalid args: arg 'hidden\[1\]': .*got -1/);
  await assert.rejects(getLearner('mlp').fit(train, { hiden: [8] }, ctx), /unknown arg 'hiden' \(known args: .*hidden/);
  await assert.rejects(getLearner('mlp').fit(train, { train: { epoch: 3 } }, ctx), /unknown arg 'epoch' in 'train'/);
  await assert.rejects(getLearner('mlp').fit(train, { output: 'probabilities', task: 'regression' }, ctx), /output 'probabilities' needs a classifier/);
  await assert.rejects(getLearner('logistic-regression').fit(train, { output: 'value' }, ctx), /arg 'output'/);
  assert.deepEqual(getLearner('convnet').checkArgs!({ head: [512, 256] }), []);
  assert.equal(getLearner('convnet').checkArgs!({ head: 'x', padTo: 0 }).length, 2);
});

test('targets and inputs are checked with messages that say how to fix them', async () => {
  const train = classificationSet(10, 2, 2);
  (train.target as Block).data[3] = 0.5;
  await assert.rejects(getLearner('mlp').fit(train, {}, ctx), /class labels must be non-negative integers; target row 3 is 0.5/);
  const model = await getLearner('mlp').fit(classificationSet(10, 2, 2), { train: { epochs: 1 } }, ctx);
  assert.throws(() => model.predict(flatInputs(new Float32Array(9), 3, 3)), /predict got 3 features per example.*fitted on 2 features/);
  model.dispose();
  await assert.rejects(getLearner('convnet').fit(classificationSet(10, 2, 2), {}, ctx), /expected images \[n, C, H, W\] or \[n, H, W\]/);
});

test('convnet: 512 features at 28×28 (padded to 32) and 32×32, 288 without padding; flat pixels with imageShape', async () => {
  const img28 = imageSet(6, 28);
  const img32 = imageSet(6, 32);
  const quick = { epochs: 1, batchSize: 6 };
  assert.deepEqual((await fitPredict('convnet', { output: 'features', train: quick }, img28)).shape, [6, 512]);
  assert.deepEqual((await fitPredict('convnet', { output: 'features', train: quick }, img32)).shape, [6, 512]);
  assert.deepEqual((await fitPredict('convnet', { output: 'features', padTo: null, train: quick }, img28)).shape, [6, 288]);
  const flat: TrainSet = { inputs: flatInputs((img28.inputs.blocks[0].value as Block).data, 6, 784), target: img28.target };
  assert.deepEqual((await fitPredict('convnet', { output: 'probabilities', imageShape: [1, 28, 28], train: quick }, flat)).shape, [6, 2]);
  assert.deepEqual(getLearner('convnet').describeOutput!({ output: 'features', head: [512] }, [[1, 28, 28]]), { kind: 'features', shape: [512] });
  assert.deepEqual(getLearner('resnet').describeOutput!({ output: 'features', width: 8 }, [[3, 32, 32]]), { kind: 'features', shape: [64] });
});

test('convnet head widths change the parameter count as the paper variants (convnet, convnet-512, convnet-512-256)', async () => {
  const sizes: number[] = [];
  for (const head of [[], [512], [512, 256]]) {
    const model = (await getLearner('convnet').fit(imageSet(4, 32), { head, train: { epochs: 1 } }, ctx)) as NetModel<never>;
    const bytes = model.save().length;
    sizes.push(bytes);
    model.dispose();
  }
  // conv weights 32·1·25 + 32·32·25 and BN state are shared; the head adds 512·2+2, 512·512+512 + 512·2+2, ...
  assert.ok(sizes[0] < sizes[1] && sizes[1] < sizes[2], `checkpoint sizes ${sizes.join(' < ')}`);
  assert.ok(sizes[1] - sizes[0] >= 4 * (512 * 512 + 512), 'the 512-wide hidden layer is in the checkpoint');
});

test('knn: majority vote, ties to the class whose nearest member is closest, vote shares, neighbour means', async () => {
  const train: TrainSet = { inputs: flatInputs(Float32Array.from([0, 3, 10]), 3, 1), target: { shape: [3], data: Float32Array.from([0, 1, 1]) } };
  const query = flatInputs(Float32Array.from([2, 1, 9]), 3, 1);
  assert.deepEqual(rows(await fitPredict('knn', { k: 2 }, train, query)), [1, 0, 1]); // x=2: 3 (class 1) at 1, 0 (class 0) at 2 → tie → 1
  assert.deepEqual(rows(await fitPredict('knn', { k: 2, output: 'probabilities' }, train, query)), [0.5, 0.5, 0.5, 0.5, 0, 1]);
  const reg: TrainSet = { inputs: train.inputs, target: { shape: [3], data: Float32Array.from([1, 2, 4]) } };
  assert.deepEqual(rows(await fitPredict('knn', { k: 2, output: 'value' }, reg, query)), [1.5, 1.5, 3]);
  // cosine ignores magnitude: (10, 1) is nearer to (1, 0) than to (9, 9) in angle
  const cos: TrainSet = { inputs: flatInputs(Float32Array.from([1, 0, 9, 9]), 2, 2), target: { shape: [2], data: Float32Array.from([0, 1]) } };
  assert.deepEqual(rows(await fitPredict('knn', { metric: 'cosine' }, cos, flatInputs(Float32Array.from([10, 1]), 1, 2))), [0]);
  assert.deepEqual(rows(await fitPredict('knn', { metric: 'euclidean' }, cos, flatInputs(Float32Array.from([10, 1]), 1, 2))), [1]);
});

test('bayes-optimal: the empirical posterior per input tuple; ties to the smaller class; unseen tuples use the prior', async () => {
  // (u, v) → labels: (0,0): 0,0,1 → 0; (1,0): 1,1 → 1; (0,1): 1 → 1; (1,1): 0,1 → tie → 0
  const u = [0, 0, 0, 1, 1, 0, 1, 1];
  const v = [0, 0, 0, 0, 0, 1, 1, 1];
  const y = [0, 0, 1, 1, 1, 1, 0, 1];
  const block = (name: string, d: number[]) => ({ name, kind: 'label', value: { shape: [d.length], data: Float32Array.from(d) } });
  const train: TrainSet = { inputs: { size: 8, blocks: [block('u', u), block('v', v)] }, target: { shape: [8], data: Float32Array.from(y) } };
  const query: Inputs = { size: 5, blocks: [block('u', [0, 1, 0, 1, 2]), block('v', [0, 0, 1, 1, 0])] };
  assert.deepEqual(rows(await fitPredict('bayes-optimal', {}, train, query)), [0, 1, 1, 0, 1]); // unseen (2,0) → prior 3:5 → 1
  const probs = rows(await fitPredict('bayes-optimal', { output: 'probabilities' }, train, query));
  assert.deepEqual(probs.map((p) => +p.toFixed(4)), [0.6667, 0.3333, 0, 1, 0, 1, 0.5, 0.5, 0.375, 0.625]);
  const continuous = classificationSet(50, 2, 2);
  await assert.rejects(getLearner('bayes-optimal').fit(continuous, { maxTuples: 10 }, ctx), /more than 10 distinct values; bayes-optimal needs discrete inputs/);
});

test('frozen: a checkpoint of another learner predicts the same whatever it is "trained" on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'entangle-frozen-'));
  try {
    const train = classificationSet(30, 2, 2);
    const original = await getLearner('mlp').fit(train, { hidden: [4], output: 'probabilities', train: { epochs: 2 } }, ctx);
    const path = join(dir, 'vendor.ckpt');
    writeFileSync(path, original.save());
    const expected = rows(original.predict(train.inputs) as Block);
    original.dispose();
    const args = { checkpoint: { path, kind: 'mlp', args: { hidden: [4], output: 'probabilities' } } };
    const other = classificationSet(30, 2, 2, 99);
    const frozenModel = await getLearner('frozen').fit(other, args, { seed: 5, model: 'vendor' });
    assert.deepEqual(rows(frozenModel.predict(train.inputs) as Block), expected);
    rmSync(path); // the saved frozen model embeds the checkpoint bytes
    const reloaded = getLearner('frozen').load(frozenModel.save(), args);
    assert.deepEqual(rows(reloaded.predict(train.inputs) as Block), expected);
    frozenModel.dispose();
    reloaded.dispose();
    await checkLearner('frozen', { function: 'identity' }, { train, inputs: train.inputs });
    await assert.rejects(getLearner('frozen').fit(train, { function: 'identiy' }, ctx), /no frozen function named 'identiy'. Did you mean 'identity'\?/);
    await assert.rejects(getLearner('frozen').fit(train, {}, ctx), /exactly one of 'function' and 'checkpoint'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('load refuses bytes from another learner or from nowhere', async () => {
  const model = await getLearner('knn').fit(classificationSet(10, 2, 2), {}, ctx);
  assert.throws(() => getLearner('mlp').load(model.save(), {}), /the checkpoint was saved by learner 'knn'; load it with that learner/);
  assert.throws(() => getLearner('mlp').load(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), {}), /not an entangle checkpoint/);
  model.dispose();
});

test('checkLearner catches a learner that is not deterministic and leaks tensors', async () => {
  registerLearner({
    kind: 'test-sloppy',
    async fit() {
      const leaked = torch.ones([2]);
      void leaked;
      const noise = Math.random();
      return {
        predict: (inputs) => ({ shape: [inputs.size], data: new Float32Array(inputs.size).fill(noise) }),
        save: () => new Uint8Array(Float32Array.from([noise]).buffer),
        dispose() {},
      };
    },
    load(bytes) {
      const v = new Float32Array(bytes.slice().buffer)[0];
      return { predict: (inputs) => ({ shape: [inputs.size], data: new Float32Array(inputs.size).fill(v) }), save: () => bytes, dispose() {} };
    },
  }, { replace: true });
  const train = classificationSet(6, 2, 2);
  await assert.rejects(checkLearner('test-sloppy', {}, { train, inputs: train.inputs }), (err: Error) =>
    /predict differently/.test(err.message) && /save different bytes/.test(err.message) && /tensors still alive/.test(err.message));
});
