// Bad parameters and data files fail before any training, with errors naming the parameter or the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '../../../src/core/types.js';
import '../../../src/scenarios/digits/index.js';
import { getScenario } from '../../../src/scenarios/registry.js';
import { resolveParams } from '../../../src/scenarios/kit.js';
import { openStore } from '../../../src/store/store.js';
import { hypothesisMismatchSystem, lossMismatchSystem } from '../../../src/scenarios/digits/index.js';

const dir = mkdtempSync(join(tmpdir(), 'entangle-digits-bad-'));
const store = openStore(join(dir, 'store'));
test.after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(name: string, overrides: JsonObject): Promise<unknown> {
  const scenario = getScenario(name);
  return scenario.run(resolveParams(scenario, 'quick', overrides), 'quick', { store });
}

/** An idx3 image file and an idx1 label file with `labels` (28×28 images whose first pixel is the example index). */
function writeIdx(folder: string, stem: 'train' | 't10k', labels: number[]): void {
  const n = labels.length;
  const images = Buffer.alloc(16 + n * 784);
  images.writeUInt32BE(0x00000803, 0);
  images.writeUInt32BE(n, 4);
  images.writeUInt32BE(28, 8);
  images.writeUInt32BE(28, 12);
  for (let i = 0; i < n; i++) images[16 + i * 784] = i % 256;
  const labelFile = Buffer.alloc(8 + n);
  labelFile.writeUInt32BE(0x00000801, 0);
  labelFile.writeUInt32BE(n, 4);
  labels.forEach((y, i) => (labelFile[8 + i] = y));
  writeFileSync(join(folder, `${stem}-images-idx3-ubyte`), images);
  writeFileSync(join(folder, `${stem}-labels-idx1-ubyte`), labelFile);
}

test('r < 0 is refused naming the parameter and the value', async () => {
  await assert.rejects(run('digits-loss-mismatch', { r: [-1, 9] }), /digits-loss-mismatch.*parameter 'r\[0\]' must be >= 0, got -1/);
  assert.throws(() => lossMismatchSystem({ ...(getScenario('digits-loss-mismatch').presets.quick), r: -0.5 }), /parameter 'r' must be >= 0, got -0.5/);
});

test('r beyond what the data holds is refused naming r and the largest allowed value', async () => {
  await assert.rejects(run('digits-loss-mismatch', { r: [0, 25] }), /r = 25 needs 156 clean \+ 3900 noisy = 4056 examples.* Use r <= 19/);
});

test('p outside (0, 100] is refused for the subset sweep and the noise grid', async () => {
  await assert.rejects(run('digits-data-mismatch', { p: [0, 100] }), /parameter 'p\[0\]' must be > 0, got 0/);
  await assert.rejects(run('digits-data-mismatch', { p: [10, 150] }), /parameter 'p\[1\]' must be <= 100, got 150/);
  await assert.rejects(run('digits-anticorrelated', { p: [0, 101] }), /parameter 'p\[1\]' must be <= 100, got 101/);
  await assert.rejects(run('digits-anticorrelated', { p: [-5, 40] }), /parameter 'p\[0\]' must be >= 0, got -5/);
});

test('a sweep needs two ends, and a head deeper than the widths allow is refused', async () => {
  await assert.rejects(run('digits-data-mismatch', { p: [50] }), /parameter 'p' must be a list of at least 2 numbers, got \[50\]/);
  const quick = getScenario('digits-hypothesis-mismatch').presets.quick;
  assert.throws(() => hypothesisMismatchSystem({ ...quick, layers: 6 }), /parameter 'layers' must be <= 5, got 6/);
  assert.throws(() => hypothesisMismatchSystem({ ...quick, layers: 1.5 }), /parameter 'layers' must be an integer, got 1.5/);
});

test('an unknown source, svhn without a path, and missing or truncated files name what is wrong', async () => {
  await assert.rejects(run('digits-loss-mismatch', { source: 'cifar' }), /parameter 'source' must be one of 'mnist', 'svhn', 'idx', got "cifar"/);
  await assert.rejects(run('digits-loss-mismatch', { source: 'svhn' }), /parameter 'path' is required with source 'svhn'/);
  const empty = join(dir, 'empty');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(empty);
  await assert.rejects(run('digits-data-mismatch', { source: 'svhn', path: empty }), (e: Error) => e.message.includes(empty) && e.message.includes('train_32x32.mat'));
  await assert.rejects(run('digits-data-mismatch', { source: 'idx', path: empty }), (e: Error) => e.message.includes(empty) && e.message.includes('train-images-idx3-ubyte'));
  const truncated = join(dir, 'truncated');
  mkdirSync(truncated);
  writeIdx(truncated, 'train', [1, 3, 7, 9]);
  writeIdx(truncated, 't10k', [1, 3, 7, 9]);
  const file = join(truncated, 'train-images-idx3-ubyte');
  writeFileSync(file, Buffer.alloc(100, 0).fill(0x08, 2, 3));
  await assert.rejects(run('digits-loss-mismatch', { source: 'idx', path: truncated }), (e: Error) => e.message.includes(file));
});

test('a class the experiment needs but the data lacks is named with the classes present', async () => {
  const folder = join(dir, 'no-sevens');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(folder);
  const labels = Array.from({ length: 60 }, (_, i) => [0, 1, 2, 3, 4, 5][i % 6]);
  writeIdx(folder, 'train', labels);
  writeIdx(folder, 't10k', labels);
  await assert.rejects(run('digits-loss-mismatch', { source: 'idx', path: folder }), /digits-loss-mismatch \(training split\) needs classes 7, 9, which are missing .* \(it has 0, 1, 2, 3, 4, 5\)/);
  await assert.rejects(run('digits-anticorrelated', { source: 'idx', path: folder }), /needs classes 7, 6|needs class 7/);
});
