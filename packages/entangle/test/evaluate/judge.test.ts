import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeModels, type PairedLosses } from '../../src/evaluate/judge.js';
import { holmAdjust, pairedDifference } from '../../src/evaluate/stats/index.js';

const rows: PairedLosses[] = [
  { model: 'u', role: 'updated', loss: 'mae', baseline: [1.0, 1.1, 1.05, 0.98], updated: [0.8, 0.85, 0.83, 0.8] },
  { model: 'r', role: 'descendant', loss: 'not-learned', baseline: [0, 0, 0, 0], updated: [0, 0, 0, 0] },
  { model: 'v', role: 'descendant', loss: 'ap', baseline: [0.5, 0.52, 0.49, 0.5], updated: [0.51, 0.5, 0.5, 0.52] },
  { model: 'w', role: 'descendant', loss: 'ap', baseline: [0.40, 0.41, 0.42, 0.40], updated: [0.45, 0.455, 0.47, 0.44] },
];

test("a descendant whose loss never moved (Δ = 0 in every seed) stays out of Holm's family", () => {
  const { models, kind, offending } = judgeModels(rows, 0.05);
  const by = Object.fromEntries(models.map((m) => [m.model, m]));
  assert.equal(by.r.difference.pAdjusted, null);
  assert.equal(by.r.verdict, 'no evidence');
  const [pv, pw] = [rows[2], rows[3]].map((r) => pairedDifference(r.baseline, r.updated).p);
  assert.deepEqual([by.v.difference.pAdjusted, by.w.difference.pAdjusted], holmAdjust([pv, pw]), 'm = 2 (v, w), not 3');
  assert.equal(by.w.verdict, 'deteriorated');
  assert.deepEqual(offending, ['w']);
  assert.equal(kind, 'self-defeating');
});

test('a constant but non-zero change is a (degenerate) test and stays in the family', () => {
  const shifted: PairedLosses[] = [rows[0], { ...rows[1], updated: [0.1, 0.1, 0.1, 0.1] }, rows[3]];
  const by = Object.fromEntries(judgeModels(shifted, 0.05).models.map((m) => [m.model, m]));
  const pw = pairedDifference(rows[3].baseline, rows[3].updated).p;
  assert.equal(by.r.difference.pAdjusted, 0);
  assert.equal(by.w.difference.pAdjusted, holmAdjust([0, pw])[1]);
});
