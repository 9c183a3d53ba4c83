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

test('withLosses judges the same runs with another test loss for some models: Holm, verdicts and summary follow', async () => {
  const { judgedEvaluation, withLosses } = await import('../../src/evaluate/evaluate-update.js');
  const flat: PairedLosses[] = [rows[0], rows[1], rows[2], { ...rows[3], updated: [0.41, 0.40, 0.42, 0.405] }];
  const base = judgedEvaluation({ run: 'r1', name: 'first', system: 's', model: 'u', descendants: ['r', 'v', 'w'], seeds: [0, 1, 2, 3], alpha: 0.05 }, flat);
  const e = { ...base, summary: 'first' };
  assert.equal(e.kind, 'improvement');
  const other = withLosses(e, 'second', new Map([['w', { loss: 'ap-bev', baseline: rows[3].baseline, updated: rows[3].updated }]]));
  assert.equal(other.name, 'second');
  assert.equal(other.run, 'r1');
  assert.equal(other.kind, 'self-defeating');
  assert.deepEqual(other.offending, ['w']);
  const w = other.models.find((m) => m.model === 'w')!;
  assert.equal(w.loss, 'ap-bev');
  assert.deepEqual(w.updated.values, rows[3].updated);
  assert.equal(w.difference.pAdjusted, judgeModels(rows, 0.05).models.find((m) => m.model === 'w')!.difference.pAdjusted);
  const [v1, v2] = [e, other].map((x) => x.models.find((m) => m.model === 'v')!);
  assert.deepEqual([v2.loss, v2.baseline, v2.updated], [v1.loss, v1.baseline, v1.updated], 'v keeps its loss and values');
  assert.notEqual(v2.difference.pAdjusted, v1.difference.pAdjusted, "v's Holm p moves with w's");
  assert.match(other.summary, /'w' \(Δap-bev = \+/);
  assert.equal(e.models.find((m) => m.model === 'w')!.loss, 'ap', 'the first evaluation is left as it was');
  assert.throws(() => withLosses(e, 'x', new Map([['z', { loss: 'l', baseline: [1, 2, 3, 4], updated: [1, 2, 3, 4] }]])), /'z' is not a model of the evaluation \(models: u, r, v, w\)/);
  assert.throws(() => withLosses(e, 'x', new Map([['w', { loss: 'l', baseline: [1, 2], updated: [1, 2, 3, 4] }]])), /'w' needs one value per seed \(4\), got 2 baseline and 4 updated/);
});
