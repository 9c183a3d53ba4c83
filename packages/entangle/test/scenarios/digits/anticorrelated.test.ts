// digits-anticorrelated (paper §4.2) at the quick preset: the heat map's corners, both comparisons, the cached
// deterministic ranking and the linear downstream option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { aulRanking } from '../../../src/scenarios/digits/index.js';
import { getScenario } from '../../../src/scenarios/registry.js';
import { assertVerdictFields, quickStore } from './quick-run.js';

const q = quickStore();
test.after(() => q.close());

test('quick: w is good when u and v are both clean or both noisy and worse when only one is clean', async () => {
  const result = await q.run('digits-anticorrelated');
  assert.deepEqual(result.seeds, [0, 1]);
  const [uOnly, vOnly] = result.comparisons;
  assertVerdictFields(uOnly, 'u', ['w']);
  assertVerdictFields(vOnly, 'v', ['w']);
  for (const [c, model] of [[uOnly, 'u'], [vOnly, 'v']] as const) {
    const up = c.evaluation.models.find((m) => m.model === model)!;
    const w = c.evaluation.models.find((m) => m.model === 'w')!;
    assert.ok(up.updated.mean < up.baseline.mean, `${model} should improve`);
    assert.ok(w.updated.mean > w.baseline.mean, `w should get worse when only ${model} improves`);
  }
  const grid = result.tables.find((t) => t.caption?.includes('grid'))!;
  assert.deepEqual(grid.rows.map((r) => [r[0], r[1]]), [[0, 0], [0, 45], [45, 0], [45, 45]]);
  assert.deepEqual(result.findings.slice(-2).map((f) => f.holds), [true, true], result.findings.map((f) => f.detail).join('\n'));
  assert.match(result.figures[0].svg, /<svg[\s\S]*ℓ_w/);
  // 2×2 cells share u and v jobs: 2 u + 2 v + 4 w per seed.
  assert.equal(result.jobs.trained, 16);
});

test('the AUL ranking is cached in the store and recomputes to the same order; the linear downstream reuses u and v', async () => {
  const cached = readdirSync(join(q.store.dir, 'digits')).filter((f) => f.startsWith('digits-aul-'));
  assert.equal(cached.length, 1);
  const params = getScenario('digits-anticorrelated').presets.quick;
  const source = { source: 'mnist' as const, path: null, trainPerClass: params.trainPerClass as number | null };
  const ranker = params.ranker as { kind: string; args: Record<string, never> };
  const fromCache = await aulRanking({ source, learner: ranker, seed: 0, cacheDir: join(q.store.dir, 'digits') });
  assert.equal(fromCache.cached, true);
  const fresh = await aulRanking({ source, learner: ranker, seed: 0, cacheDir: null });
  assert.equal(fresh.cached, false);
  assert.deepEqual(fresh.ranking, fromCache.ranking);
  assert.equal(new Set(fresh.ranking).size, fresh.ranking.length);

  const linear = await q.run('digits-anticorrelated', { downstream: 'linear' });
  assert.equal(linear.jobs.trained, 8, 'only the four w models per seed are new');
  for (const c of linear.comparisons) assert.ok(Number.isFinite(c.evaluation.models.find((m) => m.model === 'w')!.updated.mean));
});
