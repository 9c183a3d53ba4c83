import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flipTopRanked, toDataset } from '../../src/data/index.js';
import { labelled } from './fixtures.js';

test('toDataset exposes image, label and origin fields with matching sizes', () => {
  const d = labelled([3, 1, 4]);
  const ds = toDataset(d);
  assert.equal(ds.size, 3);
  assert.deepEqual(Object.keys(ds.fields), ['image', 'label', 'origin']);
  assert.deepEqual(ds.fields.image.shape, [3, 1, 2, 2]);
  assert.equal(ds.fields.image.data, d.images);
  assert.deepEqual(Array.from(ds.fields.label.data), [3, 1, 4]);
  assert.deepEqual(ds.fields.label.shape, [3]);
  assert.deepEqual(Array.from(ds.fields.origin.data), [0, 1, 2]);
  assert.ok(ds.version.startsWith(d.version));
  assert.equal(toDataset(labelled([3, 1, 4])).version, ds.version);
  assert.notEqual(toDataset(labelled([3, 1, 5])).version, ds.version);
});

test('toDataset adds true_label after label noise and honours custom field names', () => {
  const noisy = flipTopRanked(labelled([1, 7]), { ranking: [0], percent: 100 });
  const ds = toDataset(noisy, { imageField: 'x', labelField: 'y' });
  assert.deepEqual(Object.keys(ds.fields), ['x', 'y', 'origin', 'true_label']);
  assert.deepEqual(Array.from(ds.fields.y.data), [7, 7]);
  assert.deepEqual(Array.from(ds.fields.true_label.data), [1, 7]);
  assert.notEqual(ds.version, toDataset(noisy).version);
});
