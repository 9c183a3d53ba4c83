import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balancedSubsample, classCounts, filterClasses, randomSubset, relabel, requireClasses } from '../../src/data/index.js';
import { ids, labelled, withCounts } from './fixtures.js';

test('filterClasses keeps the listed classes in original order and errors on missing ones', () => {
  const d = labelled([1, 7, 6, 1, 3, 7]);
  const f = filterClasses(d, [7, 1]);
  assert.deepEqual(ids(f), [0, 1, 3, 5]);
  assert.deepEqual(Array.from(f.labels), [1, 7, 1, 7]);
  assert.deepEqual(f.classes, [1, 7]);
  assert.deepEqual(Array.from(f.origin), [0, 1, 3, 5]);
  assert.notEqual(f.version, d.version);
  assert.throws(() => filterClasses(d, [1, 9]), /needs class 9, which is missing from fixture \(it has 1, 3, 6, 7\)/);
});

test('relabel maps every label and refuses labels outside the map', () => {
  const d = labelled([1, 6, 7]);
  const up1 = relabel(d, { 1: 1, 6: 0, 7: 0 });
  assert.deepEqual(Array.from(up1.labels), [1, 0, 0]);
  assert.deepEqual(up1.classes, [0, 1]);
  assert.equal(up1.images, d.images);
  assert.notEqual(relabel(d, { 1: 0, 6: 0, 7: 1 }).version, up1.version);
  assert.throws(() => relabel(d, { 1: 0, 7: 1 }), /example 1 has label 6, which the map \{1: 0, 7: 1\} does not cover/);
});

test('balancedSubsample draws min-count examples per class, concatenated in the given class order, same for the same seed', () => {
  const d = withCounts({ 1: 9, 3: 4, 7: 6, 9: 5 });
  const b = balancedSubsample(d, [1, 3, 7, 9]);
  assert.deepEqual(Array.from(b.labels), [1, 1, 1, 1, 3, 3, 3, 3, 7, 7, 7, 7, 9, 9, 9, 9]);
  assert.equal(new Set(ids(b)).size, 16);
  assert.deepEqual(ids(balancedSubsample(d, [1, 3, 7, 9])), ids(b));
  assert.equal(balancedSubsample(d, [1, 3, 7, 9]).version, b.version);
  const other = balancedSubsample(d, [1, 3, 7, 9], 5);
  assert.notDeepEqual(ids(other), ids(b));
  assert.notEqual(other.version, b.version);
  const ordered = balancedSubsample(d, [7, 1]);
  assert.deepEqual(Array.from(ordered.labels), [7, 7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1]);
  assert.throws(() => balancedSubsample(d, [1, 2]), /balancedSubsample\(\[1, 2\]\) needs class 2, which is missing/);
});

test('randomSubset takes floor(p% of n) distinct examples, seeded, and rejects p outside (0, 100]', () => {
  const d = withCounts({ 0: 50, 1: 50 });
  const s = randomSubset(d, 30, 0);
  assert.equal(s.shape[0], 30);
  assert.equal(new Set(ids(s)).size, 30);
  assert.deepEqual(ids(randomSubset(d, 30, 0)), ids(s));
  assert.notDeepEqual(ids(randomSubset(d, 30, 1)), ids(s));
  assert.equal(randomSubset(d, 100, 3).shape[0], 100);
  assert.equal(randomSubset(d, 2.5, 3).shape[0], 2);
  for (const p of [0, -5, 100.5, Number.NaN]) {
    assert.throws(() => randomSubset(d, p, 0), new RegExp(`p must be in \\(0, 100\\] percent, got p = ${p}`));
  }
  assert.throws(() => randomSubset(d, 0.5, 0), /p = 0\.5% of 100 examples selects none/);
});

test('randomSubset is roughly uniform: each class keeps about its share over many seeds', () => {
  const d = withCounts({ 0: 100, 1: 300 });
  let ones = 0;
  for (let seed = 0; seed < 50; seed++) ones += classCounts(randomSubset(d, 10, seed).labels).get(1) ?? 0;
  // 50 draws of 40 examples, 75% ones expected => 1500; sd about sqrt(2000 * 0.75 * 0.25) * correction ~ 19.
  assert.ok(Math.abs(ones - 1500) < 100, `ones = ${ones}`);
});

test('requireClasses names every missing class and the context', () => {
  const d = labelled([0, 1]);
  requireClasses(d, [0, 1], 'x');
  assert.throws(() => requireClasses(d, [2, 3, 1], '4.2 anti-correlated'), /4\.2 anti-correlated needs classes 2, 3, which are missing from fixture \(it has 0, 1\)/);
});
