import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelVerdict, updateKind } from '../../src/evaluate/verdict.js';
import type { PairedDifference } from '../../src/evaluate/stats/paired.js';

const diff = (ci: [number, number] | null, p: number | null = 0.01): PairedDifference => ({ mean: ci ? (ci[0] + ci[1]) / 2 : 0, sd: 1, n: 5, se: 1, ci, p });

test('a model improves when the interval of Δ lies below zero and deteriorates when it lies above', () => {
  assert.equal(modelVerdict(diff([-0.3, -0.1]), 0.05), 'improved');
  assert.equal(modelVerdict(diff([0.1, 0.3]), 0.05), 'deteriorated');
  assert.equal(modelVerdict(diff([-0.1, 0.3], 0.4), 0.05), 'no evidence');
  assert.equal(modelVerdict(diff([-0.3, 0]), 0.05), 'no evidence');
  assert.equal(modelVerdict(diff(null, null), 0.05), 'no evidence');
});

test('descendants also need their Holm-adjusted p-value below alpha', () => {
  assert.equal(modelVerdict(diff([0.1, 0.3], 0.02), 0.05, 0.04), 'deteriorated');
  assert.equal(modelVerdict(diff([0.1, 0.3], 0.02), 0.05, 0.06), 'no evidence');
  assert.equal(modelVerdict(diff([0.1, 0.3], 0.02), 0.05, null), 'no evidence');
});

test('overall kind follows Definition 2.1', () => {
  assert.equal(updateKind('improved', ['no evidence', 'deteriorated']), 'self-defeating');
  assert.equal(updateKind('improved', ['improved', 'no evidence']), 'improvement');
  assert.equal(updateKind('improved', []), 'improvement');
  assert.equal(updateKind('deteriorated', ['improved']), 'regression');
  assert.equal(updateKind('no evidence', ['deteriorated']), 'regression');
  assert.equal(updateKind('no evidence', ['improved']), 'improvement');
  assert.equal(updateKind('no evidence', ['no evidence']), 'no evidence');
});
