// Default initialisation (API.md: "matches PyTorch"): after manualSeed(s), freshly built Linear, Conv2d,
// BatchNorm2d and resnet18 modules hold the same state dict as the same PyTorch modules built after manual_seed(s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as torch from '../../src/index.js';
import { fixturesDir } from './fixture.js';
import { compareSampled, type Sampled } from './sampled.js';

const nn = torch.nn;

/** Same names and constructor arguments as INIT_CASES in make_fixtures.py. */
const BUILDERS: Record<string, () => torch.nn.Module> = {
  linear: () => new nn.Linear(5, 3),
  linear_no_bias: () => new nn.Linear(7, 2, { bias: false }),
  conv2d: () => new nn.Conv2d(3, 4, 3),
  conv2d_no_bias: () => new nn.Conv2d(2, 6, 1, { bias: false }),
  batchnorm2d: () => new nn.BatchNorm2d(3),
  resnet18_cifar_w8: () => nn.resnet18({ numClasses: 10, width: 8, stem: 'cifar' }),
  resnet18_imagenet_w8_in1: () => nn.resnet18({ numClasses: 4, inChannels: 1, width: 8, stem: 'imagenet' }),
};

/** Same generator draws, scaled by bounds/stds computed in double on both sides: a few float32 ulps at most. */
const INIT_TOL = { rtol: 1e-6, atolRel: 1e-7 };

const fixture = JSON.parse(readFileSync(join(fixturesDir(), 'modules', 'init.json'), 'utf8')) as {
  cases: { name: string; seed: number; stateDict: Record<string, Sampled> }[];
};

for (const c of fixture.cases) {
  test(`default init of ${c.name} after manualSeed(${c.seed}) equals PyTorch's`, () => {
    torch.manualSeed(c.seed);
    const m = BUILDERS[c.name]();
    const sd = m.stateDict();
    assert.deepEqual(Object.keys(sd), Object.keys(c.stateDict), `${c.name}: state dict keys (in order)`);
    const problems = Object.entries(c.stateDict)
      .map(([key, want]) => compareSampled(sd[key], want, key, INIT_TOL, 0))
      .filter((d): d is string => d !== null);
    assert.deepEqual(problems, [], `${c.name}:\n  ${problems.join('\n  ')}`);
    m.dispose();
  });
}
