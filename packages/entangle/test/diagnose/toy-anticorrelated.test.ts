// Figure 3 (anti-correlated errors) is diagnosed as such; the genuine-improvement control has nothing to diagnose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@entangle/torch';
import { diagnose } from '../../src/diagnose/index.js';
import { evaluateUpdate } from '../../src/evaluate/evaluate-update.js';
import { anticorrelatedSystem, cleanU } from '../../src/scenarios/toy/systems.js';
import { openStore } from '../../src/store/store.js';

torch.setNumThreads(1);
const dir = mkdtempSync(join(tmpdir(), 'entangle-diagnose-fig3-'));
const store = openStore(dir);
test.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

const params = { n: 1000, epochs: 60 };

test('Figure 3: diagnosed as anti-correlated errors (cancellation lost, joint Bayes rate up, u alone no worse)', async () => {
  const system = anticorrelatedSystem(params);
  const evaluation = await evaluateUpdate(system, cleanU, { seeds: 4, store });
  assert.equal(evaluation.kind, 'self-defeating');
  const d = await diagnose(system, cleanU, evaluation, { store });
  assert.equal(d.trainedJobs, 0, 'w is Bayes-optimal already: nothing is refitted');
  const w = d.descendants[0];
  assert.equal(w.ranked[0], 'anti-correlated', w.summary);
  assert.equal(w.primary, 'anti-correlated');
  const s = w.evidence[0].statistics as { correlations: { parents: string[]; before: number; after: number }[]; collisionBefore: number; collisionAfter: number; method: string };
  assert.equal(s.method, 'bayes-table');
  assert.deepEqual(s.correlations[0].parents, ['u', 'v']);
  assert.ok(s.correlations[0].before < -0.5, `u's and v's signed errors cancel before the update (${s.correlations[0].before})`);
  assert.ok(s.correlations[0].after > s.correlations[0].before + 0.5, 'and no longer after');
  assert.ok(s.collisionAfter > s.collisionBefore + 0.03, `w's input tuple mixes classes more often after (${s.collisionBefore} → ${s.collisionAfter})`);
  const hyp = w.evidence.find((e) => e.kind === 'hypothesis-mismatch')!;
  assert.equal(hyp.applicable, false);
  assert.match(hyp.explanation, /Bayes-optimal/);
  assert.ok(w.evidence.find((e) => e.kind === 'loss-mismatch')!.score < 0.3);
});

test('a genuine improvement (v trained on clean labels too): nothing to diagnose', async () => {
  const system = anticorrelatedSystem({ ...params, cleanV: true });
  const evaluation = await evaluateUpdate(system, cleanU, { seeds: 4, store });
  assert.equal(evaluation.kind, 'improvement');
  const d = await diagnose(system, cleanU, evaluation, { store });
  assert.equal(d.status, 'nothing-to-diagnose');
  assert.deepEqual(d.descendants, []);
  assert.equal(d.trainedJobs, 0);
  assert.match(d.summary, /^Nothing to diagnose: .*'improvement'/);
});
