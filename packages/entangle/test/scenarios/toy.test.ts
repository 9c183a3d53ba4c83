// The toy scenarios reach the paper's verdicts on their quick presets, and a rerun trains nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@entangle/torch';
import '../../src/scenarios/toy/index.js';
import { getScenario } from '../../src/scenarios/registry.js';
import { openStore } from '../../src/store/store.js';
import type { ScenarioResult } from '../../src/scenarios/scenario.js';

torch.setNumThreads(1);
const dir = mkdtempSync(join(tmpdir(), 'entangle-toy-'));
const store = openStore(dir);
test.after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

async function runQuick(name: string): Promise<ScenarioResult> {
  const scenario = getScenario(name);
  return scenario.run(scenario.presets.quick, 'quick', { store });
}

const role = (r: ScenarioResult, model: string) => r.comparisons[0].evaluation.models.find((m) => m.model === model)!;

test('toy-hypothesis: v improves (MSE interval below 0), w deteriorates (interval above 0): self-defeating', async () => {
  const r = await runQuick('toy-hypothesis');
  const e = r.comparisons[0].evaluation;
  assert.equal(e.kind, 'self-defeating');
  assert.ok(role(r, 'v').difference.ci![1] < 0);
  assert.ok(role(r, 'w').difference.ci![0] > 0);
  assert.deepEqual(e.offending, ['w']);
  assert.equal(r.figures.length, 3);
  assert.ok(r.findings.every((f) => f.holds), JSON.stringify(r.findings));

  const again = await runQuick('toy-hypothesis');
  assert.equal(again.jobs.trained, 0, 'a rerun takes every job from the store');
  assert.ok(again.jobs.reused > 0);
  assert.deepEqual(again.comparisons[0].evaluation.models, e.models, 'a rerun prints identical numbers');
});

test('toy-anticorrelated: u′ improves, w′ deteriorates: self-defeating', async () => {
  const r = await runQuick('toy-anticorrelated');
  assert.equal(r.comparisons[0].evaluation.kind, 'self-defeating');
  assert.ok(role(r, 'u').difference.ci![1] < 0);
  assert.ok(role(r, 'w').difference.ci![0] > 0);
  assert.equal(role(r, 'v').role, 'other');
});

test('toy-genuine: cleaning u helps w when v is clean: an improvement', async () => {
  const r = await runQuick('toy-genuine');
  assert.equal(r.comparisons[0].evaluation.kind, 'improvement');
  assert.equal(r.selfDefeating, false);
  assert.equal(role(r, 'w').verdict, 'improved');
});

test('toy-null: another seed only: no evidence', async () => {
  const r = await runQuick('toy-null');
  assert.equal(r.comparisons[0].evaluation.kind, 'no evidence');
  assert.equal(role(r, 'w').verdict, 'no evidence');
  assert.notDeepEqual(role(r, 'u').difference.values, role(r, 'u').difference.values.map(() => 0), 'the seed really changed');
});
