// `entangle diagnose`, `entangle mitigate` and `evaluate --diagnose` in child processes, on test-only scenarios:
// tiny-diagnose (pure JS, loss-function mismatch) and tiny-cube (closed-form libtorch regressions, a harm that a
// richer downstream model removes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIAGNOSE_SCENARIOS, runCli, TORCH_SCENARIOS, USER_SYSTEM } from './fixtures/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'entangle-cli-diagnose-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const store = join(dir, 'store');
const pure = { env: { ENTANGLE_EXTRA_MODULES: DIAGNOSE_SCENARIOS } };
const torch = { env: { ENTANGLE_EXTRA_MODULES: TORCH_SCENARIOS, GOMP_SPINCOUNT: '1000' } };

interface DiagnoseJson {
  scenario: string;
  result: string;
  jobs: { scenario: { trained: number; reused: number }; followup: { trained: number; reused: number } };
  comparisons: {
    index: number;
    label: string;
    kind: string;
    note?: string;
    diagnosis: { status: string; descendants: { model: string; primary: string | null; ranked: string[]; evidence: { kind: string; score: number; applicable: boolean }[] }[] } | null;
  }[];
}

test('diagnose ranks the kinds for the self-defeating update, says why the others are not diagnosed, exits 0', async () => {
  const run = await runCli(['diagnose', 'tiny-diagnose', '--store', store], pure);
  assert.equal(run.code, 0, run.stderr);
  const out = run.stdout;
  assert.match(out, /^== tiny-diagnose: Tiny diagnosable loss mismatch \(test fixture\), preset quick, 4 seeds, saved as result 'tiny-diagnose-quick'\n/);
  assert.match(out, /-- 1\. train u on y: Self-defeating improvement: 'u' improved/);
  assert.match(out, /Diagnosis: Self-defeating improvement 'train u on y': 'w' — loss-function mismatch \(§3\.1\)\./);
  assert.match(out, /'w' deteriorated: Δtest-mse \+[\d.]+ \[\+[\d.]+, \+[\d.]+\] \([\d.e-]+ → [\d.]+\); primary cause: loss-function mismatch \(§3\.1\)\./);
  assert.match(out, /\n {2}1\. loss-function mismatch \(§3\.1\) +score 1\.00 {2}← primary\n {5}'u' improved its own loss .*rose from [\d.]+ to [\d.]+ \(a 5-NN probe\)/);
  assert.match(out, /\n {2}4\. hypothesis-space mismatch \(§3\.1\) +score n\/a\n {5}Not measured: there is no widening rule for learner kind 'test-least-squares'/);
  assert.match(out, /-- 2\. refit o: Regression: .*\nNothing to diagnose: the evaluation of 'refit o' is 'regression'/);
  assert.match(out, /-- 3\. two systems: Self-defeating improvement: .*\nNot diagnosed: diagnosis needs an update comparison \(sweep ends are two systems\)\./);
  assert.match(out, /Scenario: 24 jobs trained, 48 from the store\. Diagnosis: 0 jobs trained, 24 from the store/);

  const json = await runCli(['diagnose', 'tiny-diagnose', '--comparison', '1', '--threshold', '0.9', '--json', '--store', store], pure);
  assert.equal(json.code, 0, json.stderr);
  assert.equal(json.stderr, '');
  const parsed = JSON.parse(json.stdout) as DiagnoseJson;
  assert.equal(parsed.result, 'tiny-diagnose-quick');
  assert.deepEqual(parsed.jobs.scenario, { trained: 0, reused: 72 }, 'the scenario comes from the store');
  assert.deepEqual(parsed.comparisons.map((c) => [c.index, c.label, c.kind]), [[1, 'train u on y', 'self-defeating']]);
  const [w] = parsed.comparisons[0].diagnosis!.descendants;
  assert.equal(w.model, 'w');
  assert.equal(w.primary, 'loss-mismatch');
  assert.deepEqual(w.ranked, w.evidence.map((e) => e.kind));
  assert.ok(w.evidence[0].score >= 0.9, `the loss-mismatch score ${w.evidence[0].score} reaches the threshold 0.9`);

  const sweep = await runCli(['diagnose', 'tiny-diagnose', '--comparison', 'two systems', '--json', '--store', store], pure);
  assert.equal(sweep.code, 0, sweep.stderr);
  const ends = (JSON.parse(sweep.stdout) as DiagnoseJson).comparisons;
  assert.deepEqual(ends.map((c) => [c.index, c.diagnosis, c.note]), [[3, null, 'diagnosis needs an update comparison (sweep ends are two systems)']]);
});

test('mitigate: whitening cannot restore lost information (exit 3); no harm to remove exits 0', async () => {
  const whiten = await runCli(['mitigate', 'tiny-diagnose', '--remedy', 'whiten', '--comparison', 'train u on y', '--store', store], pure);
  assert.equal(whiten.code, 3, whiten.stderr);
  assert.match(whiten.stdout, /Remedy 'whiten': inserted 'u\.whitened' \(zca whitening/);
  assert.match(whiten.stdout, /\| model \| role +\| loss +\| Δ before \[95% CI\] +\| Δ with the remedy \[95% CI\] +\| harm reduction \| shipped vs original \[95% CI\] +\|/);
  assert.match(whiten.stdout, /\| w +\| descendant \| test-mse \| \+[\d.]+ \[[^\]]+\] deteriorated, harmed \| \+[\d.]+ \[[^\]]+\] deteriorated, harmed \| [-\d.]+ +\|/);
  assert.match(whiten.stdout, /Outcome: PERSISTS\. Remedy 'whiten' for 'train u on y': the self-defeating improvement persists/);
  assert.match(whiten.stdout, /Overall: a self-defeating improvement remains\./);

  const unfit = await runCli(['mitigate', 'tiny-diagnose', '--remedy', 'widen-downstream', '--comparison', '1', '--json', '--store', store], pure);
  assert.equal(unfit.code, 3, 'a remedy that does not apply leaves the harm in place');
  const result = JSON.parse(unfit.stdout) as { selfDefeating: boolean; comparisons: { mitigation: { outcome: string; reason: string } }[] };
  assert.equal(result.selfDefeating, true);
  assert.equal(result.comparisons[0].mitigation.outcome, 'not-applicable');
  assert.match(result.comparisons[0].mitigation.reason, /cannot widen 'w'/);

  const none = await runCli(['mitigate', 'tiny-diagnose', '--remedy', 'whiten', '--comparison', 'refit o', '--store', store], pure);
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stdout, /Outcome: NOT APPLICABLE\. .*'o' has no children/);
  assert.match(none.stdout, /Overall: no self-defeating improvement remains\./);

  const sweep = await runCli(['mitigate', 'tiny-diagnose', '--remedy', 'whiten', '--comparison', '3', '--store', store], pure);
  assert.equal(sweep.code, 3, 'a self-defeating comparison of two systems cannot be remedied, so it remains');
  assert.match(sweep.stdout, /Not remedied: a remedy needs an update comparison \(sweep ends are two systems\)\./);
});

test('a richer downstream model: diagnosed as hypothesis-space mismatch; widening reduces the harm (exit 3) and removes it above a margin (exit 0)', async () => {
  const torchStore = join(dir, 'torch');
  const diagnosis = await runCli(['diagnose', 'tiny-cube', '--refit-seeds', '2', '--store', torchStore], torch);
  assert.equal(diagnosis.code, 0, diagnosis.stderr);
  assert.match(diagnosis.stdout, /\n {2}1\. hypothesis-space mismatch \(§3\.1\) +score 0\.9\d {2}← primary\n {5}A richer 'w' \(mlp\) on the updated upstream outputs/);
  assert.match(diagnosis.stdout, /richer downstream refit on seeds 0, 1; 2 jobs trained by the diagnosis/);

  const reduced = await runCli(['mitigate', 'tiny-cube', '--remedy', 'widen-downstream', '--json', '--store', torchStore], torch);
  assert.equal(reduced.code, 3, reduced.stderr);
  const r = JSON.parse(reduced.stdout) as { comparisons: { mitigation: { outcome: string; models: { model: string; before: { difference: number }; after: { difference: number; ci: [number, number] }; harmReduction: number }[] } }[] };
  const m = r.comparisons[0].mitigation;
  assert.equal(m.outcome, 'reduced');
  const w = m.models.find((x) => x.model === 'w')!;
  assert.ok(w.harmReduction > 0.9 && w.after.ci[1] < 0.005, `the wider w wins back most of the harm: ${JSON.stringify(w)}`);

  const removed = await runCli(['mitigate', 'tiny-cube', '--remedy', 'widen-downstream', '--margin', '0.005', '--store', torchStore], torch);
  assert.equal(removed.code, 0, removed.stderr);
  assert.match(removed.stdout, /Remedy 'widen-downstream': 'w': learner linear-regression → mlp/);
  assert.match(removed.stdout, /Outcome: REMOVED\. .*the self-defeating improvement disappears \(harm counted above a margin of 0\.00500\)/);
  assert.match(removed.stdout, /Remedy: 0 jobs trained, 12 from the store \(every job came from the store\)\./);
});

test('evaluate --diagnose adds the diagnosis to the verdict (exit 3 as without it)', async () => {
  const run = await runCli(['evaluate', USER_SYSTEM, '--update', 'train u on y', '--seeds', '3', '--diagnose', '--store', store]);
  assert.equal(run.code, 3, run.stderr);
  assert.match(run.stdout, /Verdict: SELF-DEFEATING IMPROVEMENT\./);
  assert.match(run.stdout, /\n\nDiagnosis: Self-defeating improvement 'train u on y': 'w' — loss-function mismatch \(§3\.1\)\.\n/);
  const json = await runCli(['evaluate', USER_SYSTEM, '--update', 'refit o', '--seeds', '3', '--diagnose', '--json', '--store', store]);
  assert.equal(json.code, 0, json.stderr);
  const parsed = JSON.parse(json.stdout) as { diagnosis: { status: string } };
  assert.equal(parsed.diagnosis.status, 'nothing-to-diagnose');
});

test('bad usage of diagnose and mitigate exits 2 with a message', async () => {
  const cases: [string[], RegExp][] = [
    [['mitigate', 'tiny-diagnose'], /required option '--remedy <kind>' not specified/],
    [['mitigate', 'tiny-diagnose', '--remedy', 'prune'], /argument 'prune' is invalid\. Allowed choices are widen-downstream, calibrate, whiten/],
    [['mitigate', 'tiny-diagnose', '--remedy', 'whiten', '--margin', '-1'], /--margin <x>' argument '-1' is invalid\. expected a number ≥ 0/],
    [['diagnose', 'tiny-diagnose', '--threshold', '1.5'], /expected a number from 0 to 1, got '1\.5'/],
    [['diagnose', 'tiny-diagnose', '--refit-seeds', '0'], /expected a positive integer, got '0'/],
    [['diagnose', 'tiny-diagnose', 'tiny-cube'], /too many arguments for 'diagnose'/],
    [['diagnose', 'tiny-diagnos', '--store', store], /Unknown scenario 'tiny-diagnos'\. Did you mean 'tiny-diagnose'\?/],
    [['diagnose', 'tiny-diagnose', '--comparison', '9', '--store', store], /Scenario 'tiny-diagnose' has no comparison '9'\. Pass --comparison with a number from 1 to 3 or a label: 1 'train u on y', 2 'refit o', 3 'two systems'\./],
    [['evaluate', USER_SYSTEM, '--update', 'train u on y', '--threshold', '0.3', '--store', store], /--refit-seeds and --threshold tune the diagnosis: add --diagnose/],
  ];
  for (const [args, message] of cases) {
    const run = await runCli(args, pure);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(' '));
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  }
});
