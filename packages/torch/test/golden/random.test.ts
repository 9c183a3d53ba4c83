// Golden values of the 'random' family: after manualSeed(s) our generator draws PyTorch 1.13's exact values
// (fixtures/random.json); plus determinism: same seed => same values, another seed => other values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/index.js';
import { runFamily } from './runner.js';

runFamily('random');

test('same seed gives the same draws and a different seed different ones', () => {
  const draw = (seed: number) => {
    torch.manualSeed(seed);
    return [torch.rand([5]), torch.randn([20]), torch.randint(0, 1000, [5]), torch.randperm(8)]
      .map((t) => Array.from(t.toTypedArray() as ArrayLike<number | bigint>, Number));
  };
  assert.deepEqual(draw(123), draw(123));
  const [a, b] = [draw(123), draw(124)];
  a.forEach((values, k) => assert.notDeepEqual(values, b[k], `draw ${k} is the same for seeds 123 and 124`));
});
