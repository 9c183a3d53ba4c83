// Figure 2 (hypothesis-space mismatch): a linear w cannot exploit the MLP upstream's swirled predictions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@entangle/torch';
import { diagnose } from '../../src/diagnose/index.js';
import { evaluateUpdate } from '../../src/evaluate/evaluate-update.js';
import { hypothesisSystem, richerUpstream } from '../../src/scenarios/toy/systems.js';
import { openStore } from '../../src/store/store.js';

torch.setNumThreads(1);
const dir = mkdtempSync(join(tmpdir(), 'entangle-diagnose-fig2-'));
const store = openStore(dir);
test.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

const params = { n: 400, epochs: 40 };

test('Figure 2: diagnosed as hypothesis-space mismatch (a richer w recovers; the information is mostly still there)', async () => {
  const system = hypothesisSystem(params);
  const update = richerUpstream(params);
  const evaluation = await evaluateUpdate(system, update, { seeds: 4, store });
  assert.equal(evaluation.kind, 'self-defeating');
  const d = await diagnose(system, update, evaluation, { store, refitSeeds: 2 });
  const w = d.descendants[0];
  assert.equal(w.ranked[0], 'hypothesis-mismatch', w.summary);
  assert.equal(w.primary, 'hypothesis-mismatch');
  const hyp = w.evidence[0];
  const s = hyp.statistics as { richer: number; updated: number; baseline: number; richerLearner: string };
  assert.equal(s.richerLearner, 'mlp');
  assert.ok(s.richer < s.updated / 3, `the richer w wins back most of the harm: ${JSON.stringify(s)}`);
  const loss = w.evidence.find((e) => e.kind === 'loss-mismatch')!;
  assert.ok(loss.score < hyp.score && loss.score < 0.5, `the probe finds little lost information (${loss.score})`);
  assert.match(w.summary, /hypothesis-space mismatch/);
});
