// nn modules (Linear, Conv2d, BatchNorm, Sequential, resnet18 width 8) vs the same PyTorch modules with identical
// weights: forward output, parameter and input gradients of sum(out * g), and buffers after the forward pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as torch from '../../src/index.js';
import { fixturesDir } from './fixture.js';
import { fillStateDict, lcgTensor } from './lcg.js';
import { compareSampled, type Sampled } from './sampled.js';

const nn = torch.nn;

interface ModuleCase {
  name: string;
  training: boolean;
  inputShape: number[];
  output: Sampled;
  paramGrads: Record<string, Sampled>;
  inputGrad: Sampled;
  buffersAfter: Record<string, Sampled>;
}

/** Same names and layers as MODULE_CASES in make_fixtures.py. */
const BUILDERS: Record<string, () => torch.nn.Module> = {
  linear: () => new nn.Linear(5, 3),
  linear_no_bias_3d: () => new nn.Linear(5, 3, { bias: false }),
  conv2d_stride2_pad1: () => new nn.Conv2d(3, 4, 3, { stride: 2, padding: 1 }),
  conv2d_no_bias: () => new nn.Conv2d(2, 3, 2, { bias: false }),
  batchnorm2d_train: () => new nn.BatchNorm2d(3),
  batchnorm2d_eval: () => new nn.BatchNorm2d(3),
  batchnorm1d_train: () => new nn.BatchNorm1d(4),
  mlp_eval: () => new nn.Sequential(new nn.Flatten(), new nn.Linear(12, 6), new nn.ReLU(), new nn.Dropout(0.5),
    new nn.Identity(), new nn.Linear(6, 2)),
  convnet_train: () => new nn.Sequential(new nn.Conv2d(1, 4, 3, { padding: 1 }), new nn.BatchNorm2d(4), new nn.ReLU(),
    new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(36, 3)),
  resnet18_cifar_w8_train: () => nn.resnet18({ numClasses: 5, width: 8, stem: 'cifar' }),
  resnet18_imagenet_w8_train: () => nn.resnet18({ numClasses: 5, width: 8, stem: 'imagenet' }),
  resnet18_cifar_w8_eval: () => nn.resnet18({ numClasses: 5, width: 8, stem: 'cifar' }),
};

/**
 * float32 through deep nets: |got - want| <= 1e-4 |want| + 2e-4 * scale, where scale is the tensor's max |v|,
 * but at least 1% of the case's largest gradient (grads that are ~0 in exact arithmetic, e.g. a conv bias before
 * a training-mode BatchNorm, are float32 noise). Measured: libtorch 1 vs 2 threads differ by <= 4e-5 * scale.
 */
const MODULE_TOL = { rtol: 1e-4, atolRel: 2e-4 };

const fixture = JSON.parse(readFileSync(join(fixturesDir(), 'modules', 'modules.json'), 'utf8')) as { cases: ModuleCase[] };

for (const c of fixture.cases) {
  test(`module ${c.name} (${c.training ? 'train' : 'eval'}) matches PyTorch`, () => {
    const m = BUILDERS[c.name]();
    fillStateDict(m, c.name);
    if (c.training) m.train(); else m.eval();
    const x = lcgTensor(`${c.name}:input`, c.inputShape);
    x.requiresGrad = true;
    const out = m.forward(x);
    torch.sum(torch.mul(out, lcgTensor(`${c.name}:g`, [...out.shape]))).backward();

    const problems: string[] = [];
    const gradFloor = 1e-2 * Math.max(...Object.values(c.paramGrads).map((s) => s.maxAbs), c.inputGrad.maxAbs);
    const check = (d: string | null) => { if (d) problems.push(d); };
    check(compareSampled(out, c.output, 'output', MODULE_TOL, 0));
    const params = Object.fromEntries(m.namedParameters());
    assert.deepEqual(Object.keys(params).sort(), Object.keys(c.paramGrads).sort(), `${c.name}: parameter names`);
    for (const [name, want] of Object.entries(c.paramGrads)) check(compareSampled(params[name].grad, want, `grad ${name}`, MODULE_TOL, gradFloor));
    check(compareSampled(x.grad, c.inputGrad, 'input grad', MODULE_TOL, gradFloor));
    const buffers = Object.fromEntries(m.namedBuffers());
    assert.deepEqual(Object.keys(buffers).sort(), Object.keys(c.buffersAfter).sort(), `${c.name}: buffer names`);
    for (const [name, want] of Object.entries(c.buffersAfter)) check(compareSampled(buffers[name], want, `buffer ${name}`, MODULE_TOL, 0));
    assert.deepEqual(problems, [], `${c.name}:\n  ${problems.join('\n  ')}`);
    m.dispose();
  });
}
