import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMatV73, loadSvhnMat, readMatV5 } from '../../src/data/index.js';
import { svhnLike, writeMatV5 } from './mat-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'entangle-mat-'));
function save(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

for (const compressed of [false, true]) {
  for (const bigEndian of [false, true]) {
    test(`loadSvhnMat reads X as [n,3,h,w] in [0,1] and maps label 10 to 0 (compressed=${compressed}, bigEndian=${bigEndian})`, () => {
      const { X, y, pixel } = svhnLike(12, 4, 5);
      const path = save(`svhn-${compressed}-${bigEndian}.mat`, writeMatV5([X, y], { compressed, bigEndian }));
      const data = loadSvhnMat(path);
      assert.deepEqual(data.shape, [12, 3, 4, 5]);
      for (const [m, k, i, j] of [[0, 0, 0, 0], [3, 2, 1, 4], [11, 1, 3, 2]]) {
        const got = data.images[((m * 3 + k) * 4 + i) * 5 + j];
        assert.ok(Math.abs(got - pixel(i, j, k, m) / 255) < 1e-7, `pixel (${m},${k},${i},${j})`);
      }
      assert.deepEqual(Array.from(data.labels), [1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2]);
      assert.deepEqual(data.classes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      assert.match(data.source, /svhn-/);
    });
  }
}

test('readMatV5 returns the same values for compressed and uncompressed files, skipping nothing', () => {
  const { X, y } = svhnLike(3, 2, 2);
  const a = readMatV5(writeMatV5([X, y]), 'a.mat');
  const b = readMatV5(writeMatV5([X, y], { compressed: true }), 'b.mat');
  assert.deepEqual([...a.keys()], ['X', 'y']);
  assert.deepEqual(Array.from(a.get('X')!.data), Array.from(X.values));
  assert.deepEqual(Array.from(b.get('X')!.data), Array.from(X.values));
  assert.deepEqual(Array.from(b.get('y')!.data), Array.from(y.values));
  assert.equal(a.get('y')!.className, 'double');
  assert.deepEqual(a.get('X')!.dims, [2, 2, 3, 3]);
});

test('readMatV5 reads variable names longer than 4 bytes (normal name element)', () => {
  const vars = readMatV5(writeMatV5([{ name: 'labels_long', className: 'double', dims: [1, 2], values: [5, 6] }]), 'n.mat');
  assert.deepEqual(Array.from(vars.get('labels_long')!.data), [5, 6]);
});

test('the same content gives the same version; different content a different one', () => {
  const { X, y } = svhnLike(5, 2, 2);
  const v1 = loadSvhnMat(save('v1.mat', writeMatV5([X, y]))).version;
  const v2 = loadSvhnMat(save('v2.mat', writeMatV5([X, y], { compressed: true }))).version;
  const changed = { ...y, values: [2, 2, 3, 4, 5] };
  const v3 = loadSvhnMat(save('v3.mat', writeMatV5([X, changed]))).version;
  assert.equal(v1, v2);
  assert.notEqual(v1, v3);
});

test('a truncated uncompressed file gives an error naming the file and the byte offset', () => {
  const { X, y } = svhnLike(4, 4, 4);
  const full = writeMatV5([X, y]);
  const path = save('trunc.mat', full.subarray(0, 300));
  assert.throws(() => loadSvhnMat(path), (e: Error) => {
    assert.match(e.message, /trunc\.mat/);
    assert.match(e.message, /truncated at byte offset 300/);
    assert.match(e.message, /miMATRIX data element at byte offset 128/);
    return true;
  });
});

test('a truncated tag and a truncated header name their offsets', () => {
  const { X } = svhnLike(1, 2, 2);
  const full = writeMatV5([X]);
  assert.throws(() => readMatV5(full.subarray(0, 132), 'tag.mat'), /tag\.mat: truncated at byte offset 128: expected an 8-byte data element tag, but only 4 bytes remain/);
  assert.throws(() => readMatV5(full.subarray(0, 60), 'head.mat'), /head\.mat: truncated at byte offset 60/);
});

test('a truncated compressed element is reported with the file and offset', () => {
  const { X, y } = svhnLike(4, 4, 4);
  const full = writeMatV5([X, y], { compressed: true });
  assert.throws(() => readMatV5(full.subarray(0, full.length - 10), 'z.mat'), (e: Error) => {
    assert.match(e.message, /z\.mat/);
    assert.match(e.message, /byte offset \d+/);
    return true;
  });
  // Corrupt deflate stream with an intact length: the zlib failure is reported with the element offset.
  const corrupt = Uint8Array.from(full);
  corrupt.fill(0xff, 138, 150); // the first deflate byte 0xff declares the reserved block type 11
  assert.throws(() => readMatV5(corrupt, 'c.mat'), /c\.mat: cannot decompress the miCOMPRESSED element at byte offset 128/);
});

test('a v7.3 (HDF5) file gets an error that says so and how to convert', () => {
  const header = new Uint8Array(1024);
  header.set(new TextEncoder().encode('MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon'));
  header.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 512);
  assert.ok(isMatV73(header));
  const path = save('v73.mat', header);
  assert.throws(() => loadSvhnMat(path), (e: Error) => {
    assert.match(e.message, /v73\.mat is a MATLAB v7\.3/);
    assert.match(e.message, /savemat/);
    assert.match(e.message, /-v7/);
    return true;
  });
});

test('missing variables, wrong class and bad labels are explained', () => {
  const { X, y } = svhnLike(3, 2, 2);
  assert.throws(() => loadSvhnMat(save('noy.mat', writeMatV5([X]))), /no numeric variable 'y' \(found: X\)/);
  const xDouble = { ...X, className: 'double' as const };
  assert.throws(() => loadSvhnMat(save('xd.mat', writeMatV5([xDouble, y]))), /expected X to be a uint8 array .* got double/);
  const badY = { ...y, values: [1, 11, 2] };
  assert.throws(() => loadSvhnMat(save('by.mat', writeMatV5([X, badY]))), /y\[1\] = 11/);
  const shortY = { ...y, dims: [2, 1], values: [1, 2] };
  assert.throws(() => loadSvhnMat(save('sy.mat', writeMatV5([X, shortY]))), /X holds 3 images but y holds 2 labels/);
  assert.throws(() => readMatV5(new Uint8Array(200), 'zero.mat'), /zero\.mat is not a MATLAB level-5 MAT-file/);
});
