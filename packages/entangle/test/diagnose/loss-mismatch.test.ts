// The concepts.md loss-function mismatch (closed-form linear regressions) is diagnosed as loss-function mismatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@entangle/torch';
import { diagnose } from '../../src/diagnose/index.js';
import { evaluateUpdate } from '../../src/evaluate/evaluate-update.js';
import { openStore } from '../../src/store/store.js';
import { lossMismatchSystem, trainUOnY } from './fixtures.js';

torch.setNumThreads(1);
const dir = mkdtempSync(join(tmpdir(), 'entangle-diagnose-loss-'));
const store = openStore(dir);
test.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

const system = lossMismatchSystem();

test('loss-function mismatch: ranked first, with the information probe rising and no richer-w recovery', async () => {
  const evaluation = await evaluateUpdate(system, trainUOnY, { seeds: 3, store });
  assert.equal(evaluation.kind, 'self-defeating');
  const d = await diagnose(system, trainUOnY, evaluation, { store, refitSeeds: 2 });
  assert.equal(d.status, 'diagnosed');
  assert.equal(d.descendants.length, 1);
  const w = d.descendants[0];
  assert.equal(w.model, 'w');
  assert.equal(w.ranked[0], 'loss-mismatch');
  assert.equal(w.primary, 'loss-mismatch');
  const loss = w.evidence.find((e) => e.kind === 'loss-mismatch')!;
  assert.ok(loss.score > 0.8, `loss-mismatch score ${loss.score}`);
  const s = loss.statistics as { proxyBefore: number; proxyAfter: number };
  // Before the update u emits x1 + x2/2 (all w needs); after, about x1: the best mse rises by about Var(x2/2) = 1/12.
  assert.ok(s.proxyBefore < 0.01 && s.proxyAfter > 0.06, JSON.stringify(s));
  const hyp = w.evidence.find((e) => e.kind === 'hypothesis-mismatch')!;
  assert.equal(hyp.applicable, true);
  assert.ok(hyp.score < 0.2, `a richer w cannot recover lost information (score ${hyp.score})`);
  assert.equal(w.evidence.find((e) => e.kind === 'anti-correlated')!.applicable, false);
  assert.equal(w.evidence.find((e) => e.kind === 'data-mismatch')!.score, 0);
  assert.equal(d.trainedJobs, 2, 'only the richer w was trained, once per refit seed');
  assert.deepEqual(JSON.parse(JSON.stringify(d)), d, 'the diagnosis is plain data');

  const again = await diagnose(system, trainUOnY, evaluation, { store, refitSeeds: 2 });
  assert.equal(again.trainedJobs, 0, 'a second diagnosis reads everything from the store');
  assert.deepEqual(again.descendants, d.descendants);
});

test('diagnose refuses an evaluation of another update, and says why', async () => {
  const evaluation = await evaluateUpdate(system, trainUOnY, { seeds: 2, store });
  await assert.rejects(diagnose(system, { name: 'other', model: 'u', target: 'z' }, evaluation, { store }), /evaluation is of update 'train u on y'/);
  await assert.rejects(diagnose(system, { ...trainUOnY, model: 'w' }, evaluation, { store }), /judges an update of 'u'/);
  await assert.rejects(diagnose(system, trainUOnY, evaluation, { store, refitSeeds: [7] }), /not one of the evaluation's seeds/);
});

test('data-distribution statistic: u improves where |x2| is large, so a w tested only on small |x2| sees little of it', async () => {
  // u's error before the update is (x2/2)², so its improvement lives where |x2| is large.
  const scores: number[] = [];
  for (const keep of [(x2: number) => Math.abs(x2) < 0.2, (x2: number) => Math.abs(x2) > 0.6]) {
    const sliced = lossMismatchSystem(200, keep);
    const evaluation = await evaluateUpdate(sliced, trainUOnY, { seeds: 2, store });
    assert.equal(evaluation.kind, 'self-defeating');
    const d = await diagnose(sliced, trainUOnY, evaluation, { store, refitSeeds: 1 });
    const data = d.descendants[0].evidence.find((e) => e.kind === 'data-mismatch')!;
    assert.equal(data.applicable, true);
    const s = data.statistics as { overallDifference: number; sliceDifference: number; wTest: string };
    assert.equal(s.wTest, 'w-test');
    assert.ok(s.sliceDifference < 0, 'u also improves a little on the slice');
    scores.push(data.score);
  }
  assert.ok(scores[0] > 0.8, `small-|x2| slice: most of the improvement is elsewhere (${scores[0]})`);
  assert.equal(scores[1], 0, 'large-|x2| slice: the improvement is concentrated there');
});
