// load() reads a state dict written by PyTorch's torch.save; save() then load() keeps every value and dtype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '../../src/index.js';
import { diffTensor } from './compare.js';
import { fixturesDir, type TensorData } from './fixture.js';
import { observe } from './runner.js';

const filesDir = join(fixturesDir(), 'files');
const expected = JSON.parse(readFileSync(join(filesDir, 'state_dict.json'), 'utf8')) as Record<string, TensorData>;

function assertMatches(sd: Record<string, torch.Tensor>, where: string): void {
  assert.deepEqual(Object.keys(sd).sort(), Object.keys(expected).sort(), `${where}: keys`);
  for (const [key, want] of Object.entries(expected)) {
    const d = diffTensor(observe(sd[key]), want, `${where} '${key}'`, { rtol: 0, atol: 0 });
    assert.equal(d, null, d ?? '');
  }
}

test('load reads a state dict written by torch.save (float32, float64, int64 scalar, bool, non-contiguous)', () => {
  assertMatches(torch.load(join(filesDir, 'state_dict.pt')), 'load(state_dict.pt)');
});

test('save then load returns the same tensors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'entangle-golden-'));
  try {
    const path = join(dir, 'round_trip.pt');
    torch.save(torch.load(join(filesDir, 'state_dict.pt')), path);
    assertMatches(torch.load(path), 'load(save(...))');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('load of an unreadable file throws TorchError naming the path', () => {
  const path = join(filesDir, 'state_dict.json');
  assert.throws(() => torch.load(path), (e: unknown) => e instanceof torch.TorchError && String((e as Error).message).includes(path));
});
