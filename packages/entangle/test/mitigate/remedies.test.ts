// Remedies as system changes (applied identically to baseline and update), their refusals, their rebuild in
// workers, the outcome logic, and the whitening remedy on the concepts.md loss mismatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@entangle/torch';
import type { UpdateEvaluation } from '../../src/evaluate/evaluate-update.js';
import { pairedDifference } from '../../src/evaluate/stats/paired.js';
import { applyRemedy, judgeMitigation, mitigate, resolveRemedy, type ResolvedRemedy } from '../../src/mitigate/index.js';
import { loadSystem } from '../../src/runtime/load-system.js';
import { anticorrelatedSystem, cleanU, hypothesisSystem, richerUpstream } from '../../src/scenarios/toy/systems.js';
import { openStore } from '../../src/store/store.js';
import { jobKeys } from '../../src/system/job-key.js';
import { applyUpdate } from '../../src/system/update.js';
import { lossMismatchSystem, trainUOnY } from '../diagnose/fixtures.js';

torch.setNumThreads(1);
const dir = mkdtempSync(join(tmpdir(), 'entangle-remedies-'));
const store = openStore(dir);
test.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

test('resolveRemedy: defaults per kind, and a reason when a remedy does not fit', () => {
  const fig2 = hypothesisSystem({ n: 50, epochs: 1 });
  const widen = resolveRemedy(fig2, 'v', ['w'], { kind: 'widen-downstream' }) as ResolvedRemedy;
  assert.equal(widen.kind, 'widen-downstream');
  assert.equal(widen.kind === 'widen-downstream' && widen.learners.w.kind, 'mlp');
  assert.match(resolveRemedy(fig2, 'v', ['w'], { kind: 'calibrate' }) as string, /emits 'value'.*try 'whiten'/);
  assert.match(resolveRemedy(fig2, 'v', ['w'], { kind: 'whiten', models: ['w'] }) as string, /no children/);
  const fig3 = anticorrelatedSystem({ n: 50, epochs: 1 });
  assert.match(resolveRemedy(fig3, 'u', ['w'], { kind: 'widen-downstream' }) as string, /Bayes-optimal/);
  assert.deepEqual(resolveRemedy(fig3, 'u', ['w'], { kind: 'calibrate' }), { kind: 'calibrate', models: ['u'] });
  assert.throws(() => resolveRemedy(fig3, 'u', ['w'], { kind: 'calibrate', models: ['x'] }), /names model 'x'.*Known models: u, v, w/);
  assert.throws(() => resolveRemedy(fig3, 'u', ['w'], { kind: 'tighten' as never }), /Unknown remedy 'tighten'/);
});

test('applyRemedy: widen changes only w (upstream jobs are shared); calibrate and whiten change the API of u', async () => {
  const fig3 = anticorrelatedSystem({ n: 50, epochs: 1 });
  const calibrated = applyRemedy(fig3, { kind: 'calibrate', models: ['u'] }).system;
  assert.equal(calibrated.model('u').output, 'probabilities');
  assert.equal(calibrated.model('u').learner.args.output, 'probabilities');
  const whitened = applyRemedy(fig3, { kind: 'whiten', models: ['u'], args: { method: 'zca', epsilon: 1e-5 } });
  assert.deepEqual(whitened.inserted, ['u.whitened']);
  assert.deepEqual(whitened.system.model('w').parents, ['u.whitened', 'v']);
  assert.deepEqual(whitened.system.model('u.whitened').parents, ['u']);
  assert.equal(whitened.system.model('u.whitened').train, 'downstreamTrain', "statistics from the training set of the model it feeds");

  const fig2 = hypothesisSystem({ n: 50, epochs: 1 });
  const remedy = resolveRemedy(fig2, 'v', ['w'], { kind: 'widen-downstream' }) as ResolvedRemedy;
  const widened = applyRemedy(applyUpdate(fig2, richerUpstream({ n: 50, epochs: 1 })), remedy).system;
  const before = jobKeys(applyUpdate(fig2, richerUpstream({ n: 50, epochs: 1 })), 0), after = jobKeys(widened, 0);
  assert.equal(after.get('v'), before.get('v'), 'v is the same job with and without the remedy');
  assert.notEqual(after.get('w'), before.get('w'));

  // Workers rebuild a remedied system from its source: same fingerprint.
  const rebuilt = await loadSystem(widened.source!);
  assert.equal(rebuilt.fingerprint(), widened.fingerprint());
  const rebuiltWhite = await loadSystem(applyRemedy(applyUpdate(fig3, cleanU), { kind: 'whiten', models: ['u'], args: { method: 'zca', epsilon: 1e-5 } }).system.source!);
  assert.ok(rebuiltWhite.has('u.whitened'));
});

/** A hand-made evaluation: per model [baseline values, updated values, role]. */
function fakeEvaluation(models: Record<string, [number[], number[], 'updated' | 'descendant' | 'other']>): UpdateEvaluation {
  const ms = Object.entries(models).map(([model, [b, u, role]]) => {
    const diff = pairedDifference(b, u);
    const verdict = diff.ci![1] < 0 ? 'improved' : diff.ci![0] > 0 ? 'deteriorated' : 'no evidence';
    const mean = (x: number[]) => x.reduce((a, c) => a + c, 0) / x.length;
    return { model, role, loss: 'zero-one', baseline: { mean: mean(b), sd: 0, n: b.length, values: b }, updated: { mean: mean(u), sd: 0, n: u.length, values: u }, difference: { ...diff, values: u.map((x, i) => x - b[i]), pAdjusted: role === 'descendant' ? diff.p : null }, verdict };
  });
  const offending = ms.filter((m) => m.role === 'descendant' && m.verdict === 'deteriorated').map((m) => m.model);
  const vImproved = ms.find((m) => m.role === 'updated')!.verdict === 'improved';
  return { run: 'x', name: 'x', system: 's', model: ms.find((m) => m.role === 'updated')!.model, descendants: [], seeds: [0, 1, 2, 3], alpha: 0.05, models: ms, selfDefeating: vImproved && offending.length > 0, offending, kind: vImproved && offending.length > 0 ? 'self-defeating' : 'improvement', summary: '' } as unknown as UpdateEvaluation;
}

test('judgeMitigation: removed, costly (the remedy wrecks w), reduced, persists, improvement lost, margin', () => {
  const v: [number[], number[], 'updated'] = [[0.3, 0.31, 0.29, 0.3], [0.1, 0.11, 0.1, 0.09], 'updated'];
  const before = fakeEvaluation({ v, w: [[0.01, 0.02, 0.01, 0.02], [0.2, 0.21, 0.19, 0.2], 'descendant'] });
  const after = (w: number[][], vv = v) => fakeEvaluation({ v: vv, w: [w[0], w[1], 'descendant'] });
  assert.equal(judgeMitigation(before, after([[0.01, 0.02, 0.01, 0.02], [0.02, 0.01, 0.02, 0.01]]), ['v', 'w'], 0).outcome, 'removed');
  const costly = judgeMitigation(before, after([[0.4, 0.41, 0.4, 0.39], [0.4, 0.4, 0.41, 0.39]]), ['v', 'w'], 0);
  assert.equal(costly.outcome, 'costly');
  assert.equal(costly.models[1].shipped!.worse, true);
  assert.equal(judgeMitigation(before, after([[0.01, 0.02, 0.01, 0.02], [0.05, 0.06, 0.05, 0.06]]), ['v', 'w'], 0).outcome, 'reduced');
  assert.equal(judgeMitigation(before, after([[0.01, 0.02, 0.01, 0.02], [0.05, 0.06, 0.05, 0.06]]), ['v', 'w'], 0.1).outcome, 'removed', 'a harm below the margin does not count');
  assert.equal(judgeMitigation(before, after([[0.01, 0.02, 0.01, 0.02], [0.18, 0.19, 0.18, 0.19]]), ['v', 'w'], 0).outcome, 'persists');
  assert.equal(judgeMitigation(before, after([[0.01, 0.02, 0.01, 0.02], [0.02, 0.01, 0.02, 0.01]], [[0.3, 0.31, 0.29, 0.3], [0.3, 0.29, 0.31, 0.3], 'updated']), ['v', 'w'], 0).outcome, 'improvement-lost');
  const reduced = judgeMitigation(before, after([[0.01, 0.02, 0.01, 0.02], [0.05, 0.06, 0.05, 0.06]]), ['v', 'w'], 0);
  assert.ok(Math.abs(reduced.models[1].harmReduction! - (1 - 0.04 / 0.185)) < 1e-9);
});

test('whiten on the concepts.md loss mismatch: the harm persists exactly (least squares is invariant to an affine map of its input)', async () => {
  const system = lossMismatchSystem();
  const r = await mitigate(system, trainUOnY, 'whiten', { store, seeds: 3 });
  assert.equal(r.outcome, 'persists', r.summary);
  assert.deepEqual(r.inserted, ['u.whitened']);
  const w = r.models.find((m) => m.model === 'w')!;
  assert.ok(Math.abs(w.after!.difference - w.before.difference) < 1e-6, `${w.after!.difference} vs ${w.before.difference}`);
  assert.ok(w.after!.difference > 0.05);
  assert.deepEqual(r.models.map((m) => m.model), ['u', 'w'], 'the inserted node is reported in `inserted`, not judged');
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'plain data');

  const na = await mitigate(system, trainUOnY, 'calibrate', { store, seeds: 3 });
  assert.equal(na.outcome, 'not-applicable');
  assert.match(na.summary, /not applicable — 'u' emits 'value'/);
  assert.equal(na.after, null);
});
