// Figure 2: a richer downstream model (widen-downstream) removes most of the hypothesis-space harm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@entangle/torch';
import { mitigate } from '../../src/mitigate/index.js';
import { hypothesisSystem, richerUpstream } from '../../src/scenarios/toy/systems.js';
import { openStore } from '../../src/store/store.js';

torch.setNumThreads(1);
const dir = mkdtempSync(join(tmpdir(), 'entangle-widen-'));
const store = openStore(dir);
test.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

const params = { n: 400, epochs: 40 };

test('Figure 2 + widen-downstream: the harm shrinks by ≥ 80%; within a 2-point margin the self-defeating improvement is gone', async () => {
  const system = hypothesisSystem(params);
  const update = richerUpstream(params);
  const strict = await mitigate(system, update, 'widen-downstream', { store, seeds: 4 });
  assert.equal(strict.before.selfDefeating, true);
  assert.ok(strict.changes[0].includes("'w': learner logistic-regression → mlp"), strict.changes[0]);
  const w = strict.models.find((m) => m.model === 'w')!;
  assert.ok(w.harmReduction! >= 0.8, `harm reduction ${w.harmReduction}: ${strict.summary}`);
  assert.ok(w.after!.ci![1] < w.before.ci![0], 'the remedied interval lies wholly below the original one');
  // The MLP v′ is not exactly injective near the class boundary, so a sliver of harm (≈1 point) can remain.
  assert.ok(['removed', 'reduced'].includes(strict.outcome), strict.summary);

  const lenient = await mitigate(system, update, 'widen-downstream', { store, seeds: 4, margin: 0.02 });
  assert.equal(lenient.outcome, 'removed', lenient.summary);
  assert.deepEqual(lenient.models.find((m) => m.model === 'w')!.after, { ...w.after!, harmed: false }, 'the margin changes the judgement, not the numbers');
});
