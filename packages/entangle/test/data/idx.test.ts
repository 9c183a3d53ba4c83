import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadIdx, parseDigitSource, selectDigitSource } from '../../src/data/index.js';

const dir = mkdtempSync(join(tmpdir(), 'entangle-idx-'));

/** idx bytes: magic 0x0000 08 <ndims>, big-endian dims, then data. */
function idx(dims: number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x0800 + dims.length, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  return Buffer.concat([header, data]);
}

function writeSet(prefix: string, n: number, gz: boolean): { images: string; labels: string } {
  const pixels = Uint8Array.from({ length: n * 3 * 2 }, (_, i) => (i * 17) % 256);
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  const images = join(dir, `${prefix}-images-idx3-ubyte${gz ? '.gz' : ''}`);
  const lab = join(dir, `${prefix}-labels-idx1-ubyte${gz ? '.gz' : ''}`);
  const enc = (b: Uint8Array) => (gz ? gzipSync(b) : b);
  writeFileSync(images, enc(idx([n, 3, 2], pixels)));
  writeFileSync(lab, enc(idx([n], labels)));
  return { images, labels: lab };
}

for (const gz of [false, true]) {
  test(`loadIdx reads images as [n,1,rows,cols] / 255 and labels (gzipped=${gz})`, () => {
    const { images, labels } = writeSet(`plain${gz}`, 7, gz);
    const data = loadIdx(images, labels);
    assert.deepEqual(data.shape, [7, 1, 3, 2]);
    assert.ok(Math.abs(data.images[5] - ((5 * 17) % 256) / 255) < 1e-7);
    assert.ok(Math.abs(data.images[6 * 4 + 1] - ((25 * 17) % 256) / 255) < 1e-7);
    assert.deepEqual(Array.from(data.labels), [0, 1, 2, 3, 4, 5, 6]);
  });
}

test('loadIdx checks magic numbers, sizes and counts with clear errors', () => {
  const { images, labels } = writeSet('chk', 5, false);
  assert.throws(() => loadIdx(labels, images), /magic number is 2049 .* expected 2051 .* swapped/);
  const short = join(dir, 'short-images');
  writeFileSync(short, idx([5, 3, 2], new Uint8Array(20)));
  assert.throws(() => loadIdx(short, labels), /short-images: truncated at byte offset 36: header says 5x3x2 = 30 data bytes/);
  const fewer = join(dir, 'fewer-labels');
  writeFileSync(fewer, idx([4], new Uint8Array(4)));
  assert.throws(() => loadIdx(images, fewer), /holds 5 images but .*fewer-labels holds 4 labels/);
  const tiny = join(dir, 'tiny');
  writeFileSync(tiny, Uint8Array.from([0, 0, 8, 3, 0, 0]));
  assert.throws(() => loadIdx(tiny, labels), /tiny: truncated at byte offset 6: an idx file with 3 dimension\(s\) has a 16-byte header/);
  const badGz = join(dir, 'bad.gz');
  writeFileSync(badGz, gzipSync(idx([5], new Uint8Array(5))).subarray(0, 12));
  assert.throws(() => loadIdx(images, badGz), /bad\.gz: looks gzipped but cannot be decompressed/);
});

test('selectDigitSource loads an idx directory with train and t10k files', () => {
  writeSet('train', 9, true);
  writeSet('t10k', 4, false);
  const splits = selectDigitSource({ source: 'idx', path: dir });
  assert.equal(splits.train.shape[0], 9);
  assert.equal(splits.test.shape[0], 4);
  assert.throws(() => selectDigitSource({ source: 'idx', path: join(dir, 'none') }), /has none of train-images-idx3-ubyte, train-images-idx3-ubyte\.gz/);
  assert.throws(() => selectDigitSource({ source: 'svhn', path: dir }), /has none of train_32x32\.mat/);
  assert.throws(() => selectDigitSource({ source: 'png' } as never), /Unknown digit source 'png'\. Known sources: mnist, svhn, idx/);
});

test('parseDigitSource understands the CLI forms and rejects others', () => {
  assert.deepEqual(parseDigitSource('mnist'), { source: 'mnist' });
  assert.deepEqual(parseDigitSource('svhn:/data/svhn'), { source: 'svhn', path: '/data/svhn' });
  assert.deepEqual(parseDigitSource('idx'), { source: 'idx' });
  assert.deepEqual(parseDigitSource('idx:/x'), { source: 'idx', path: '/x' });
  assert.throws(() => parseDigitSource('svhn'), /Cannot parse digit source 'svhn'/);
  assert.throws(() => parseDigitSource('cifar:/x'), /Cannot parse digit source/);
});
