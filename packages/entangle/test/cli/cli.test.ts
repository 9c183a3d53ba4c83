// The CLI end to end in child processes, on the tiny test scenarios (pure-JS learners; no real scenario needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, USER_SYSTEM } from './fixtures/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'entangle-cli-'));
const store = join(dir, 'store');

/** The verdict table and verdict line of a run's stdout (everything from the first table row to the verdict). */
function verdictBlock(stdout: string): string {
  const start = stdout.indexOf('| model');
  const end = stdout.indexOf('\n', stdout.indexOf('Verdict:'));
  assert.ok(start >= 0 && end > start, `no verdict table in:\n${stdout}`);
  return stdout.slice(start, end);
}

test('run finds the self-defeating improvement (exit 3); a rerun trains nothing and prints identical numbers', async () => {
  const first = await runCli(['run', 'tiny-sdi', '--store', store]);
  assert.equal(first.code, 3, first.stderr);
  const table = verdictBlock(first.stdout);
  assert.match(table, /\| model \| role +\| loss +\| baseline mean ± sd \| updated mean ± sd \| Δ \[95% CI\] +\| p \(Holm\) \| verdict +\|/);
  assert.match(table, /\| u +\| updated +\| test-mse \| [^|]+ ± [^|]+\| [^|]+ ± [^|]+\| -[\d.e-]+ \[-[\d.e-]+, -[\d.e-]+\] +\| +[^|]+\| improved +\|/);
  assert.match(table, /\| w +\| descendant \| test-mse \|.*\| \+[\d.e-]+ \[\+[\d.e-]+, \+[\d.e-]+\] +\| +[^|]+\| deteriorated \|/);
  assert.match(table, /Verdict: SELF-DEFEATING IMPROVEMENT\. Self-defeating improvement: 'u' improved/);
  assert.match(first.stdout, /Overall: a self-defeating improvement was found\. 25 jobs trained, 5 from the store\./);
  assert.match(first.stdout, /Saved as result 'tiny-sdi-quick'\./);
  // Not a terminal: one plain line per job on stderr, no escape codes.
  assert.match(first.stderr, /\[30\/30\] updated 'w' seed 4: trained, test loss /);
  assert.doesNotMatch(first.stderr, /\u001b\[/);

  const again = await runCli(['run', 'tiny-sdi', '--store', store]);
  assert.equal(again.code, 3, again.stderr);
  assert.match(again.stdout, /0 jobs trained, 30 from the store \(every job came from the store\)\./);
  assert.equal(verdictBlock(again.stdout), table);
  assert.doesNotMatch(again.stderr, /: trained/);
});

test('--workers runs the jobs on worker threads with the same numbers as inline', async () => {
  const inline = await runCli(['run', 'tiny-sdi', '--store', store]);
  const pooled = await runCli(['run', 'tiny-sdi', '--workers', '2', '--threads', '1', '--store', join(dir, 'pool')]);
  assert.equal(pooled.code, 3, pooled.stderr);
  assert.match(pooled.stdout, /25 jobs trained, 5 from the store\./);
  assert.equal(verdictBlock(pooled.stdout), verdictBlock(inline.stdout));
});

test('--json prints only the JSON result with the verdict; --report writes a self-contained HTML file (exit 0)', async () => {
  const report = join(dir, 'improve.html');
  const run = await runCli(['run', 'tiny-improve', '--json', '--store', store, '--report', report]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  const parsed = JSON.parse(run.stdout) as { selfDefeating: boolean; results: { id: string; scenario: string; seeds: number[]; comparisons: { evaluation: { kind: string; models: { model: string; verdict: string }[] } }[] }[] };
  assert.equal(parsed.selfDefeating, false);
  assert.equal(parsed.results.length, 1);
  const [result] = parsed.results;
  assert.equal(result.id, 'tiny-improve-quick');
  assert.deepEqual(result.seeds, [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(result.comparisons[0].evaluation.kind, 'improvement');
  assert.equal(result.comparisons[0].evaluation.models.find((m) => m.model === 'u')!.verdict, 'improved');
  const html = readFileSync(report, 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<h2>Tiny genuine improvement \(tiny-improve\)<\/h2>/);
  assert.match(html, /class="badge good">Improvement<\/span><span class="subject">u on all its data<\/span>/);
  assert.match(html, /<td>✓<\/td><td>u on all its data is improvement<\/td>/);
  assert.match(html, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="40"/);
  assert.doesNotMatch(html, /<script|<link|src="http/);
});

test('bad usage and bad input exit 2 with a message and no stack trace', async () => {
  const cases: [string[], RegExp][] = [
    [['run', 'tiny-sdi', '--bogus'], /unknown option '--bogus'/],
    [['run', 'tiny-sdi', '--preset', 'huge'], /argument 'huge' is invalid\. Allowed choices are quick, standard, paper/],
    [['run', 'tiny-sdi', '--seeds', '0'], /expected a positive integer, got '0'/],
    [['run'], /missing required argument 'scenario'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['run', 'tiny-sdj', '--store', store], /Unknown scenario 'tiny-sdj'\. Did you mean 'tiny-sdi'\?.*Known scenarios: .*tiny-slow/],
    [['run', 'tiny-sdi', '--set', 'siez=100', '--store', store], /Scenario 'tiny-sdi' has no parameter 'siez'\. Did you mean 'size'\? Parameters of preset 'quick': seeds, size/],
    [['evaluate', USER_SYSTEM, '--update', 'train u on z', '--store', store], /has no update 'train u on z'\. Did you mean 'train u on y'\? Updates: train u on y, refit o/],
    [['evaluate', USER_SYSTEM, '--export', 'broken', '--update', 'train u on y', '--store', store], /System 'broken' is not valid: 1 problem:\n  1\. model 'w': lists parent 'uu', which is not in the system/],
    [['evaluate', join(dir, 'missing.js'), '--update', 'x', '--store', store], /missing\.js does not exist/],
    [['show', 'no-such-run', '--store', store], /No run 'no-such-run' in the store/],
  ];
  const results = await Promise.all(cases.map(([args]) => runCli(args)));
  results.forEach((r, i) => {
    const [args, message] = cases[i];
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /, `${args.join(' ')} printed a stack trace`);
    assert.equal(r.stdout, '', args.join(' '));
  });
});

test('a failing job exits 1 with its message; --debug adds the stack trace', async () => {
  const plain = await runCli(['run', 'tiny-broken', '--store', store]);
  assert.equal(plain.code, 1);
  assert.match(plain.stderr, /entangle: failed: Training model 'w' with seed \d failed \(job [0-9a-f]{12}\): singular matrix in the test learner\n\(rerun with --debug for the stack trace\)/);
  assert.doesNotMatch(plain.stderr, /\n\s+at /);
  const debug = await runCli(['run', 'tiny-broken', '--store', store, '--debug']);
  assert.equal(debug.code, 1);
  assert.match(debug.stderr, /JobError: Training model 'w'[^\n]*\n\s+at /);
  assert.match(debug.stderr, /caused by: Error: singular matrix in the test learner/);
});

test('evaluate judges an update of a user module and prints the verdict table (exit 3, then 0 for a harmless update)', async () => {
  const sdi = await runCli(['evaluate', USER_SYSTEM, '--update', 'train u on y', '--seeds', '4', '--store', store]);
  assert.equal(sdi.code, 3, sdi.stderr);
  assert.match(sdi.stdout, /^== leak: update 'train u on y' of model 'u', run [0-9a-f]{16}\n/);
  assert.match(sdi.stdout, /\| w +\| descendant \|.*\| deteriorated \|/);
  // The system and update of the tiny-sdi scenario, on 4 of its 5 seeds: every job is already in the store.
  assert.match(sdi.stdout, /0 jobs trained, 24 from the store \(every job came from the store\)\./);
  const harmless = await runCli(['evaluate', USER_SYSTEM, '--update', 'refit o', '--seeds', '3', '--params', '{"size": 40}', '--json', '--store', store]);
  assert.equal(harmless.code, 0, harmless.stderr);
  const parsed = JSON.parse(harmless.stdout) as { selfDefeating: boolean; jobs: { trained: number; reused: number }; evaluation: { model: string; seeds: number[]; descendants: string[] } };
  assert.equal(parsed.selfDefeating, false);
  assert.equal(parsed.evaluation.model, 'o');
  assert.deepEqual(parsed.evaluation.seeds, [0, 1, 2]);
  assert.deepEqual(parsed.evaluation.descendants, []);
  assert.deepEqual(parsed.jobs, { trained: 12, reused: 6 }, 'u, w and o for 3 seeds; only o differs in the updated system');
});

test('runs lists the store; show prints a run from the store without training; report writes every result', async () => {
  const runs = await runCli(['runs', '--json', '--store', store]);
  assert.equal(runs.code, 0, runs.stderr);
  const list = JSON.parse(runs.stdout) as { id: string; name: string; status: string; kind: string | null }[];
  const sdi = list.find((r) => r.name === 'tiny-sdi: train u on y')!;
  assert.equal(sdi.status, 'done');
  assert.equal(sdi.kind, 'self-defeating');
  assert.equal(list.find((r) => r.name === 'tiny-improve: u on all its data')!.kind, 'improvement');
  assert.equal(list.find((r) => r.name === 'tiny-broken: w fails')!.status, 'failed');
  const table = await runCli(['runs', '--store', store]);
  assert.match(table.stdout, new RegExp(`\\| ${sdi.id} \\| tiny-sdi: train u on y +\\| \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +\\| done +\\| self-defeating +\\|`));

  const show = await runCli(['show', sdi.id.slice(0, 6), '--store', store]);
  assert.equal(show.code, 3, show.stderr);
  assert.match(show.stdout, new RegExp(`^== tiny-sdi: train u on y \\(run ${sdi.id}, done, created .*\\)\\nsystem 'leak', updated model 'u', 5 seeds \\(0–4\\), from scenario 'tiny-sdi' \\(quick\\)\\n`));
  const rerun = await runCli(['run', 'tiny-sdi', '--store', store]);
  assert.equal(verdictBlock(show.stdout), verdictBlock(rerun.stdout));
  const result = await runCli(['show', 'tiny-sdi-quick', '--store', store]);
  assert.equal(result.code, 3);
  assert.equal(result.stdout.replace(/\d+\.\d s\n/, ''), rerun.stdout.replace(/\d+\.\d s\n/, ''), 'a saved result prints as the run printed it');
  const improve = await runCli(['show', 'tiny-improve: u on all its data', '--json', '--store', store]);
  assert.equal(improve.code, 0);
  assert.equal((JSON.parse(improve.stdout) as { evaluation: { kind: string } }).evaluation.kind, 'improvement');
  const broken = await runCli(['show', 'tiny-broken: w fails', '--store', store]);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /is failed and has no complete losses, so it has no verdict yet/);

  const out = join(dir, 'all.html');
  const report = await runCli(['report', '--out', out, '--store', store]);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /: 2 scenario results, 2 evaluations\./);
  const html = readFileSync(out, 'utf8');
  for (const heading of ['Summary', 'Tiny loss mismatch (tiny-sdi)', 'Tiny genuine improvement (tiny-improve)']) assert.ok(html.includes(`<h2>${heading}</h2>`), heading);
  assert.match(html, /<h2>train u on y \(run [0-9a-f]{16}\)<\/h2>/);
});

test('scenarios lists the built-in scenarios and those of ENTANGLE_EXTRA_MODULES', async () => {
  const list = await runCli(['scenarios', '--json'], { env: { ENTANGLE_NO_BUILTIN_SCENARIOS: '0' } });
  assert.equal(list.code, 0, list.stderr);
  const scenarios = JSON.parse(list.stdout) as { name: string; paper: string; presets: Record<string, object> }[];
  const tiny = scenarios.find((s) => s.name === 'tiny-sdi')!;
  assert.deepEqual(Object.keys(tiny.presets), ['quick', 'standard', 'paper']);
  assert.ok(scenarios.length > 4, `built-in scenarios are listed too: ${scenarios.map((s) => s.name).join(', ')}`);
  const text = await runCli(['scenarios']);
  assert.match(text.stdout, /^tiny-sdi  Tiny loss mismatch \(test fixture\)\n  Tiny loss mismatch \(test-only scenario\)\n  --preset quick    seeds=5 size=80\n/m);
});

test('read-only commands do not create a store', async () => {
  const empty = join(dir, 'no-store');
  const runs = await runCli(['runs', '--store', empty]);
  assert.equal(runs.code, 0);
  assert.match(runs.stdout, /No runs yet: there is no store in/);
  const report = await runCli(['report', '--store', empty]);
  assert.equal(report.code, 2);
  assert.equal(existsSync(empty), false);
});

test('serve prints its address, answers, and stops on Ctrl-C with exit 0', async () => {
  let url: string | undefined;
  let checked: Promise<void> | undefined;
  const served = await runCli(['serve', '--port', '0', '--store', store], {
    onStdout: (text, child) => {
      const m = /entangle dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
      if (m === null || url !== undefined) return;
      url = m[1];
      checked = (async () => {
        const runs = (await (await fetch(`${url}api/runs`)).json()) as { name: string }[];
        assert.ok(runs.some((r) => r.name === 'tiny-sdi: train u on y'));
        assert.equal((await fetch(`${url}api/results/tiny-sdi-quick`)).status, 200);
      })().finally(() => child.kill('SIGINT'));
      checked.catch(() => {}); // awaited (and so reported) after the child exits
    },
  });
  await checked;
  assert.equal(served.code, 0, served.stderr);
  assert.match(served.stderr, /Stopping the dashboard/);
  const busy = await runCli(['serve', '--port', new URL(url!).port, '--store', store], {
    onStdout: (_text, child) => child.kill('SIGINT'),
  });
  assert.ok(busy.code === 0 || busy.code === 2, `the port is free again or reported as in use: ${JSON.stringify(busy)}`);
});

test('Ctrl-C stops a run cleanly (exit 130) and the rerun resumes from the store', async () => {
  const slowStore = join(dir, 'slow');
  let sent = false;
  const interrupted = await runCli(['run', 'tiny-slow', '--store', slowStore], {
    onStderr: (text, child) => {
      if (!sent && /\[\d+\/\d+\] .*: trained/.test(text)) {
        sent = true;
        child.kill('SIGINT');
      }
    },
  });
  assert.equal(interrupted.code, 130, interrupted.stderr);
  assert.match(interrupted.stderr, /Stopping after the running job/);
  assert.match(interrupted.stderr, /Interrupted\. Jobs that finished are saved in the store; rerun the same command to resume:\n  entangle run tiny-slow --store /);
  const trainedBefore = (interrupted.stderr.match(/: trained/g) ?? []).length;
  const total = Number(/\[\d+\/(\d+)\]/.exec(interrupted.stderr)![1]);
  assert.ok(trainedBefore >= 1 && trainedBefore < total, `${trainedBefore} of ${total} trained before the interrupt`);

  const same = await runCli(['run', 'tiny-slow', '--store', slowStore]);
  assert.equal(same.code, 0, same.stderr);
  const reused = Number(/(\d+) from the store/.exec(same.stdout)![1]);
  assert.ok(reused >= trainedBefore, `the rerun reused ${reused} jobs, ${trainedBefore} had finished before the interrupt`);
});
