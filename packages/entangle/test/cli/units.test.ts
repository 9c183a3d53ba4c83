// In-process tests of the CLI's pieces: option parsers, scenario resolution, the store-rebuilt verdict,
// the report sections of a result, and the plain/silent progress display.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import './fixtures/tiny-scenarios.js';
import { assignment, jsonObject, positiveInt } from '../../src/cli/options.js';
import { resolveScenario } from '../../src/cli/scenario-run.js';
import { UsageError, exitCodeFor } from '../../src/cli/exit-codes.js';
import { evaluationFromStore } from '../../src/cli/stored-evaluation.js';
import { findRun } from '../../src/cli/run-index.js';
import { Progress } from '../../src/cli/progress.js';
import { evaluateUpdate } from '../../src/evaluate/evaluate-update.js';
import { openStore } from '../../src/store/store.js';
import { evaluationTable, extraTables, formatP, formatSigned, scenarioSection, seedsText } from '../../src/report/run-report.js';
import type { ScenarioResult } from '../../src/scenarios/scenario.js';
import { JobError, SystemValidationError } from '../../src/core/errors.js';
import { leakSystem } from '../system/fixtures/systems.js';

test('option parsers: --set builds nested JSON overrides; bad values are InvalidArgumentErrors', () => {
  let set = assignment('n=200');
  set = assignment('train.lr=0.1', set);
  set = assignment('train.epochs=3', set);
  set = assignment('name=abc', set);
  set = assignment('layers=[1,5]', set);
  assert.deepEqual(set, { n: 200, train: { lr: 0.1, epochs: 3 }, name: 'abc', layers: [1, 5] });
  assert.throws(() => assignment('=3'), InvalidArgumentError);
  assert.throws(() => assignment('novalue'), /expected key=value, got 'novalue'/);
  assert.equal(positiveInt('12'), 12);
  for (const bad of ['0', '-1', '1.5', 'x', '']) assert.throws(() => positiveInt(bad), InvalidArgumentError, bad);
  assert.deepEqual(jsonObject('{"size": 40}'), { size: 40 });
  assert.throws(() => jsonObject('[1]'), /expected a JSON object/);
});

test('resolveScenario merges overrides into the preset and refuses unknown names', () => {
  const plain = resolveScenario({ scenario: 'tiny-sdi', preset: 'standard' });
  assert.deepEqual(plain.params, { seeds: 7, size: 80 });
  assert.equal(plain.custom, false);
  const custom = resolveScenario({ scenario: 'tiny-sdi', preset: 'quick', overrides: { size: 50 }, seeds: 3 });
  assert.deepEqual([custom.params, custom.seeds, custom.custom], [{ seeds: 5, size: 50 }, 3, true]);
  assert.throws(() => resolveScenario({ scenario: 'tiny-sdi', preset: 'quick', overrides: { siez: 1 } }), (e: unknown) => e instanceof UsageError && /Did you mean 'size'\?/.test(e.message));
});

test('exit codes: input errors are 2 before jobs run; failures 1; invalid systems always 2', () => {
  const invalid = new SystemValidationError('s', [{ code: 'cycle', what: 'cycle' }]);
  const job = new JobError('w', 0, 'abc', new Error('boom'));
  assert.equal(exitCodeFor(invalid, 'run'), 2);
  assert.equal(exitCodeFor(new RangeError('seeds'), 'input'), 2);
  assert.equal(exitCodeFor(new RangeError('seeds'), 'run'), 1);
  assert.equal(exitCodeFor(job, 'input'), 1);
  assert.equal(exitCodeFor(new TypeError('bug'), 'input'), 1);
  assert.equal(exitCodeFor(new DOMException('stop', 'AbortError'), 'run'), 130);
});

test('a run rebuilt from the store\'s losses has the verdict and statistics evaluateUpdate returned', async () => {
  const store = openStore(mkdtempSync(join(tmpdir(), 'entangle-rebuild-')));
  const evaluation = await evaluateUpdate(leakSystem(), { name: 'train u on y', model: 'u', target: 'y' }, { seeds: 5, store });
  const rebuilt = evaluationFromStore(store, evaluation.run)!;
  assert.ok(rebuilt !== undefined);
  const { summary: _a, ...expected } = evaluation;
  const { summary, ...actual } = rebuilt;
  assert.deepEqual(actual, expected);
  assert.match(summary, /^Self-defeating improvement: 'u' improved; deteriorated: 'w' \(recomputed/);
  assert.equal(findRun(store, evaluation.run.slice(0, 4)).id, evaluation.run);
  assert.equal(findRun(store, 'train u on y').id, evaluation.run);
  assert.equal(evaluationFromStore(store, 'nope'), undefined);
  store.close();
});

test('report pieces: verdict table cells, seeds, p-values, and verdict tables of comparisons not repeated', async () => {
  const store = openStore(mkdtempSync(join(tmpdir(), 'entangle-report-')));
  const evaluation = await evaluateUpdate(leakSystem(), { name: 'train u on y', model: 'u', target: 'y' }, { seeds: 5, store });
  store.close();
  const table = evaluationTable(evaluation, 'caption');
  const u = evaluation.models.find((m) => m.model === 'u')!;
  const w = table.rows.find((r) => r[0] === 'w')!;
  assert.deepEqual(table.rows.find((r) => r[0] === 'u')!.slice(0, 3), ['u', 'updated', 'test-mse']);
  assert.equal(table.rows.find((r) => r[0] === 'u')![5], `${formatSigned(u.difference.mean)} [${formatSigned(u.difference.ci![0])}, ${formatSigned(u.difference.ci![1])}]`);
  assert.equal(w[6], formatP(evaluation.models.find((m) => m.model === 'w')!.difference.pAdjusted));
  assert.equal(w[7], 'deteriorated');
  assert.deepEqual([formatP(0.5), formatP(0.0123), formatP(1e-7), formatP(null)], ['0.50', '0.012', '<1e-4', '—']);
  assert.deepEqual([seedsText([0, 1, 2, 3]), seedsText([0, 1]), seedsText([3, 7])], ['0–3', '0, 1', '3, 7']);

  const result: ScenarioResult = {
    scenario: 's', title: 'S', paper: 'Figure 9', preset: 'quick', params: { n: 3 }, seeds: evaluation.seeds,
    comparisons: [{ label: 'train u on y', expected: 'improvement', evaluation }],
    tables: [
      { caption: 'train u on y', columns: ['model', 'verdict'], rows: [['u', 'improved']] },
      { caption: 'sweep', columns: ['r', 'loss'], rows: [[1, 0.5]] },
    ],
    figures: [], findings: [{ claim: 'c', holds: false, detail: 'd' }], selfDefeating: true, jobs: { trained: 1, reused: 2 }, seconds: 1,
  };
  assert.deepEqual(extraTables(result).map((t) => t.caption), ['sweep']);
  const section = scenarioSection(result);
  assert.equal(section.heading, 'S (s)');
  assert.equal(section.verdicts![0].kind, 'self-defeating');
  assert.match(section.verdicts![0].text!, /\(✗ expected improvement\)$/);
  assert.deepEqual(section.tables!.map((t) => t.caption), ['Findings: claims of the paper checked on this run', 'train u on y (expected: improvement)', 'sweep']);
  assert.match(section.text!, /1 jobs trained, 2 from the store[\s\S]*0 of 1 findings hold\./);
});

test('progress: one line per finished job when not a terminal, nothing in --json mode; counts either way', () => {
  const sink = (): { stream: Writable; text: () => string } => {
    let text = '';
    return { stream: new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } }), text: () => text };
  };
  const events = [
    { type: 'job-start', variant: 'baseline', model: 'u', seed: 0, key: 'k1', completed: 0, total: 2 },
    { type: 'epoch', variant: 'baseline', model: 'u', seed: 0, key: 'k1', epoch: 1, epochs: 3 },
    { type: 'job-done', variant: 'baseline', model: 'u', seed: 0, key: 'k1', testLoss: 0.123456, completed: 1, total: 2 },
    { type: 'job-cached', variant: 'updated', model: 'o', seed: 0, key: 'k2', testLoss: 2, completed: 2, total: 2 },
  ] as const;
  const plain = sink();
  const p = new Progress('plain', 'demo', plain.stream);
  assert.equal(p.jobsSeen, false);
  for (const e of events) p.onEvent(e);
  p.log('phase two');
  assert.equal(plain.text(), "demo: started\n[1/2] baseline 'u' seed 0: trained, test loss 0.1235\n[2/2] updated 'o' seed 0: from the store, test loss 2\nphase two\n");
  assert.deepEqual(p.counts, { trained: 1, reused: 1 });
  assert.equal(p.jobsSeen, true);
  const silent = sink();
  const q = new Progress('silent', 'demo', silent.stream);
  for (const e of events) q.onEvent(e);
  q.log('phase two');
  q.stop();
  assert.equal(silent.text(), '');
  assert.deepEqual(q.counts, { trained: 1, reused: 1 });
});
