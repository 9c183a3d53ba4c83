// Test helper: runs a digit scenario's quick preset in a temporary store, and the checks every sweep result must pass.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '../../../src/core/types.js';
import { updateKind } from '../../../src/evaluate/verdict.js';
import type { Comparison, ScenarioResult } from '../../../src/scenarios/scenario.js';
import '../../../src/scenarios/digits/index.js';
import { getScenario } from '../../../src/scenarios/registry.js';
import { resolveParams } from '../../../src/scenarios/kit.js';
import { openStore, type Store } from '../../../src/store/store.js';
import type { Executor } from '../../../src/runtime/executor.js';
import { InlineExecutor } from '../../../src/runtime/inline.js';

/** Inline jobs pinned to one libtorch thread, so the fixed-seed numbers do not depend on the machine's core count. */
function oneThread(): Executor {
  const inline = new InlineExecutor();
  return { run: (jobs, ctx) => inline.run(jobs.map((job) => ({ ...job, threads: 1 })), ctx), close: () => inline.close() };
}

export interface QuickStore {
  store: Store;
  dir: string;
  run(name: string, overrides?: JsonObject): Promise<ScenarioResult>;
  close(): void;
}

export function quickStore(): QuickStore {
  const dir = mkdtempSync(join(tmpdir(), 'entangle-digits-'));
  const store = openStore(join(dir, 'store'));
  const executor = oneThread();
  return {
    store,
    dir,
    run: (name, overrides = {}) => {
      const scenario = getScenario(name);
      return scenario.run(resolveParams(scenario, 'quick', overrides), 'quick', { store, executor });
    },
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Definition 2.1 fields of a comparison are present and agree with each other. */
export function assertVerdictFields(c: Comparison, model: string, descendants: string[]): void {
  const e = c.evaluation;
  assert.equal(c.expected, 'self-defeating');
  assert.equal(e.model, model);
  assert.deepEqual(e.descendants, descendants);
  assert.deepEqual(e.seeds, [0, 1]);
  const v = e.models.find((m) => m.model === model)!;
  assert.equal(v.role, 'updated');
  const ds = e.models.filter((m) => m.role === 'descendant');
  assert.deepEqual(ds.map((m) => m.model), descendants);
  for (const m of [v, ...ds]) {
    assert.equal(m.baseline.values.length, 2);
    assert.deepEqual(m.difference.values, m.updated.values.map((u, i) => u - m.baseline.values[i]));
    if (m.difference.ci !== null) assert.ok(m.difference.ci[0] <= m.difference.mean && m.difference.mean <= m.difference.ci[1]);
  }
  assert.equal(e.kind, updateKind(v.verdict, ds.map((m) => m.verdict)));
  assert.equal(e.selfDefeating, e.kind === 'self-defeating');
  assert.deepEqual(e.offending, ds.filter((m) => m.verdict === 'deteriorated').map((m) => m.model));
  assert.ok(e.summary.length > 0);
}

/** A §4.1 sweep result: upstream loss fell and downstream loss rose between the sweep's ends, with table, figure and findings. */
export function assertSweepResult(result: ScenarioResult, name: string, values: number[]): void {
  assert.equal(result.scenario, name);
  assert.equal(result.preset, 'quick');
  assert.deepEqual(result.seeds, [0, 1]);
  assert.equal(result.comparisons.length, 1);
  const [c] = result.comparisons;
  assertVerdictFields(c, 'v', ['w']);
  const v = c.evaluation.models.find((m) => m.model === 'v')!;
  const w = c.evaluation.models.find((m) => m.model === 'w')!;
  assert.ok(v.updated.mean < v.baseline.mean, `upstream loss should fall: ${v.baseline.mean} → ${v.updated.mean}`);
  assert.ok(w.updated.mean > w.baseline.mean, `downstream loss should rise: ${w.baseline.mean} → ${w.updated.mean}`);
  const sweep = result.tables.find((t) => t.caption?.includes('along the sweep'))!;
  assert.deepEqual(sweep.rows.map((r) => r[0]), values);
  assert.equal(sweep.rows[0][1], v.baseline.mean);
  assert.equal(sweep.rows[sweep.rows.length - 1][3], w.updated.mean);
  assert.equal(result.figures.length, 1);
  assert.match(result.figures[0].svg, /^<svg[\s\S]*<\/svg>\s*$/);
  const trends = result.findings.slice(-2);
  assert.deepEqual(trends.map((f) => f.holds), [true, true], trends.map((f) => f.detail).join('\n'));
  assert.equal(result.selfDefeating, c.evaluation.selfDefeating);
}
