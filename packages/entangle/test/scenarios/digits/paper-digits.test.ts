// paper-digits and the registry: every digit scenario is registered with three presets; results merge by scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioResult } from '../../../src/scenarios/scenario.js';
import { PRESETS } from '../../../src/scenarios/scenario.js';
import '../../../src/scenarios/digits/index.js';
import { mergeResults, paperDigitsScenario } from '../../../src/scenarios/digits/paper-digits.js';
import { getScenario } from '../../../src/scenarios/registry.js';

const NAMES = ['digits-loss-mismatch', 'digits-data-mismatch', 'digits-hypothesis-mismatch', 'digits-anticorrelated', 'paper-digits'];

test('the five digit scenarios are registered with quick, standard and paper presets that share the source parameters', () => {
  for (const name of NAMES) {
    const s = getScenario(name);
    assert.deepEqual(Object.keys(s.presets).sort(), [...PRESETS].sort());
    for (const preset of PRESETS) {
      assert.equal(s.presets[preset].source, 'mnist', `${name} ${preset}`);
      assert.equal(s.presets[preset].path, null, `${name} ${preset}`);
    }
  }
  for (const name of NAMES.slice(0, 4)) {
    const { quick, standard, paper } = getScenario(name).presets;
    assert.equal(quick.seeds, 2);
    assert.ok((standard.seeds as number) >= 5);
    assert.equal(paper.seeds, 40);
    const sweep = (p: typeof quick) => (p.r ?? p.p ?? p.layers) as number[];
    assert.equal(sweep(quick).length, 2);
    assert.ok(sweep(standard).length >= 4);
  }
});

function fake(name: string, seeds: number[], selfDefeating: boolean): ScenarioResult {
  return {
    scenario: name, title: name, paper: '', preset: 'quick', params: {}, seeds,
    comparisons: [{ label: 'a → b', expected: 'self-defeating', evaluation: { selfDefeating } as never }],
    tables: [{ caption: 'sweep', columns: ['x'], rows: [[1]] }],
    figures: [{ name, title: name, svg: '<svg/>' }],
    findings: [{ claim: 'it falls', holds: true, detail: '' }],
    selfDefeating, jobs: { trained: 3, reused: 1 }, seconds: 1,
  };
}

test('mergeResults prefixes labels with the scenario, pools seeds, figures and jobs, and is self-defeating if any part is', () => {
  const merged = mergeResults(paperDigitsScenario, 'quick', { source: 'mnist' }, [fake('a', [0, 1], false), fake('b', [1, 2], true)], Date.now());
  assert.equal(merged.scenario, 'paper-digits');
  assert.deepEqual(merged.seeds, [0, 1, 2]);
  assert.deepEqual(merged.comparisons.map((c) => c.label), ['a: a → b', 'b: a → b']);
  assert.deepEqual(merged.tables.map((t) => t.caption), ['a: sweep', 'b: sweep']);
  assert.deepEqual(merged.findings.map((f) => f.claim), ['a: it falls', 'b: it falls']);
  assert.deepEqual(merged.figures.map((f) => f.name), ['a', 'b']);
  assert.deepEqual(merged.jobs, { trained: 6, reused: 2 });
  assert.equal(merged.selfDefeating, true);
  assert.equal(mergeResults(paperDigitsScenario, 'quick', {}, [fake('a', [0], false)], Date.now()).selfDefeating, false);
});

test('paper-digits refuses a bad source before training anything', async () => {
  await assert.rejects(
    paperDigitsScenario.run({ source: 'cifar', path: null }, 'quick', { store: {} as never }),
    /Scenario 'paper-digits': parameter 'source' must be one of 'mnist', 'svhn', 'idx', got "cifar"/,
  );
});
