import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balancedSubsample, flipTopRanked, lossMismatchNoise } from '../../src/data/index.js';
import { ids, labelled, withCounts } from './fixtures.js';

const base = balancedSubsample(withCounts({ 1: 100, 3: 100, 7: 100, 9: 100 }), [1, 3, 7, 9]);

test('lossMismatchNoise keeps a clean block of 10% and adds r times as many noisy examples', () => {
  for (const r of [0, 1, 3.5, 9]) {
    const d = lossMismatchNoise(base, { r, seed: 2 });
    assert.equal(d.shape[0], 40 + Math.floor(r * 40));
    assert.equal(new Set(ids(d)).size, d.shape[0]);
    // Clean block: labels untouched.
    for (let i = 0; i < 40; i++) assert.equal(d.labels[i], d.trueLabels![i]);
  }
});

test('exactly half (floor) of the noisy 1/3 examples flip 1<->3 and half of the 7/9 examples flip 7<->9', () => {
  const d = lossMismatchNoise(base, { r: 5, seed: 7 });
  let pairA = 0, flippedA = 0, pairB = 0, flippedB = 0;
  for (let i = 40; i < d.shape[0]; i++) {
    const t = d.trueLabels![i], y = d.labels[i];
    if (t === 1 || t === 3) { pairA++; if (y !== t) { flippedA++; assert.equal(y, 4 - t); } }
    if (t === 7 || t === 9) { pairB++; if (y !== t) { flippedB++; assert.equal(y, 16 - t); } }
  }
  assert.equal(pairA + pairB, 200);
  assert.equal(flippedA, Math.floor(pairA / 2));
  assert.equal(flippedB, Math.floor(pairB / 2));
  // The true labels are the balanced set's labels of the same examples.
  const byId = new Map(ids(base).map((id, i) => [id, base.labels[i]]));
  ids(d).forEach((id, i) => assert.equal(d.trueLabels![i], byId.get(id)));
});

test('lossMismatchNoise is seeded: same seed same data and version, other seed differs', () => {
  const a = lossMismatchNoise(base, { r: 2, seed: 1 });
  const b = lossMismatchNoise(base, { r: 2, seed: 1 });
  const c = lossMismatchNoise(base, { r: 2, seed: 2 });
  assert.deepEqual(ids(a), ids(b));
  assert.deepEqual(Array.from(a.labels), Array.from(b.labels));
  assert.equal(a.version, b.version);
  assert.notDeepEqual(ids(a), ids(c));
  assert.notEqual(a.version, c.version);
});

test('lossMismatchNoise rejects r < 0, r too large for the data, and data without the paired classes', () => {
  assert.throws(() => lossMismatchNoise(base, { r: -1, seed: 0 }), /r \(noisy examples per clean one\) must be >= 0, got r = -1/);
  assert.throws(() => lossMismatchNoise(base, { r: 10, seed: 0 }), /r = 10 needs 40 clean \+ 400 noisy = 440 examples, but fixture has 400\. Use r <= 9/);
  assert.throws(() => lossMismatchNoise(labelled([1, 3, 7]), { r: 0, seed: 0, cleanFraction: 1 }), /needs class 9, which is missing/);
});

test('flipTopRanked flips exactly the top percent of the ranking and nothing else', () => {
  const d = labelled([1, 7, 6, 1, 7, 1, 7, 6]);
  const ranking = [4, 0, 6, 3, 1, 5];
  const flipped = flipTopRanked(d, { ranking, percent: 50 });
  assert.deepEqual(Array.from(flipped.labels), [7, 7, 6, 1, 1, 1, 1, 6]);
  assert.deepEqual(Array.from(flipped.trueLabels!), Array.from(d.labels));
  assert.deepEqual(Array.from(flipTopRanked(d, { ranking, percent: 0 }).labels), Array.from(d.labels));
  assert.notEqual(flipTopRanked(d, { ranking, percent: 50 }).version, flipTopRanked(d, { ranking, percent: 100 }).version);
  // Nested: the flipped set at a lower percent is contained in the one at a higher percent.
  const at33 = flipTopRanked(d, { ranking, percent: 33.4 });
  assert.deepEqual(Array.from(at33.labels), [7, 7, 6, 1, 1, 1, 7, 6]);
});

test('flipTopRanked validates percent, the ranking and the labels it flips', () => {
  const d = labelled([1, 7, 6]);
  assert.throws(() => flipTopRanked(d, { ranking: [0, 1], percent: 120 }), /percent must be in \[0, 100\], got 120/);
  assert.throws(() => flipTopRanked(d, { ranking: [0, 3], percent: 10 }), /ranking\[1\] = 3 is not a position in fixture \(0\.\.2\)/);
  assert.throws(() => flipTopRanked(d, { ranking: [1, 1], percent: 10 }), /lists position 1 twice/);
  assert.throws(() => flipTopRanked(d, { ranking: [2, 0], percent: 50 }), /position 2 has label 6, which is in no flip pair \(1<->7\)/);
});
