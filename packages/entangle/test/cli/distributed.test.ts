// `--executor bullmq` and `entangle worker` in child processes, against a private redis-server: the same numbers as
// inline; unreachable Redis and flags that do not go together exit 2. Every process started here is stopped.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startRedis, type Child } from '../runtime/distributed/fixtures/processes.js';
import { MAIN, runCli, TINY_SCENARIOS } from './fixtures/run-cli.js';

const QUEUE = 'entangle-cli-test';
const dir = mkdtempSync(join(tmpdir(), 'entangle-cli-bullmq-'));
let redis: { url: string; child: Child } | undefined;
let worker: { child: ReturnType<typeof spawn>; log: string[]; exited: Promise<number | null> } | undefined;

/** Starts `entangle worker` (job threads import the tiny scenarios' module through ENTANGLE_EXTRA_MODULES) and waits until it is ready. */
function startCliWorker(url: string): Promise<NonNullable<typeof worker>> {
  const child = spawn(process.execPath, [MAIN, 'worker', '--redis', url, '--queue', QUEUE, '--threads', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ENTANGLE_EXTRA_MODULES: TINY_SCENARIOS, ENTANGLE_NO_BUILTIN_SCENARIOS: '1', ENTANGLE_THREADS: '1' },
  });
  const log: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`entangle worker was not ready within 30 s:\n${log.join('')}`)); }, 30_000);
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      log.push(text);
      if (/ready on queue 'entangle-cli-test'/.test(log.join(''))) {
        clearTimeout(timer);
        resolve({ child, log, exited });
      }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`entangle worker exited with ${code}:\n${log.join('')}`)); });
  });
}

before(async () => {
  redis = await startRedis();
  worker = await startCliWorker(redis.url);
});

after(async () => {
  if (worker !== undefined && worker.child.exitCode === null) {
    worker.child.kill('SIGTERM');
    const timer = setTimeout(() => worker!.child.kill('SIGKILL'), 10_000);
    assert.equal(await worker.exited, 0, `entangle worker stops gracefully on SIGTERM:\n${worker.log.join('')}`);
    clearTimeout(timer);
  }
  await redis?.child.stop();
  for (const p of [worker?.child, redis?.child.process]) if (p) assert.ok(p.exitCode !== null || p.signalCode !== null, `process ${p.pid} still runs`);
  rmSync(dir, { recursive: true, force: true });
});

/** The verdict table and verdict line of a run's stdout. */
function verdictBlock(stdout: string): string {
  const start = stdout.indexOf('| model');
  const end = stdout.indexOf('\n', stdout.indexOf('Verdict:'));
  assert.ok(start >= 0 && end > start, `no verdict table in:\n${stdout}`);
  return stdout.slice(start, end);
}

test('run --executor bullmq trains every job on the entangle worker and prints the inline numbers', async () => {
  const inline = await runCli(['run', 'tiny-sdi', '--store', join(dir, 'inline')]);
  assert.equal(inline.code, 3, inline.stderr);
  const remote = await runCli(['run', 'tiny-sdi', '--executor', 'bullmq', '--redis', redis!.url, '--queue', QUEUE, '--artifacts', 'redis', '--attempts', '2', '--store', join(dir, 'remote')]);
  assert.equal(remote.code, 3, remote.stderr);
  assert.match(remote.stdout, /25 jobs trained, 5 from the store\./);
  assert.equal(verdictBlock(remote.stdout), verdictBlock(inline.stdout));
  const done = worker!.log.join('').match(/\] done /g) ?? [];
  assert.equal(done.length, 25, 'the worker trained all 25 jobs');
});

test('unreachable Redis and executor flags that do not go together exit 2 before anything runs', async () => {
  const port = await freePort();
  const cases: [string[], RegExp][] = [
    [['run', 'tiny-sdi', '--executor', 'bullmq', '--redis', `redis://127.0.0.1:${port}`], new RegExp(`Cannot reach Redis at redis://127\\.0\\.0\\.1:${port} \\(--redis\\): connect ECONNREFUSED.*Start redis-server there`)],
    [['run', 'tiny-sdi', '--executor', 'bullmq'], /--executor bullmq needs --redis URL/],
    [['run', 'tiny-sdi', '--executor', 'bullmq', '--redis', redis!.url, '--workers', '2'], /--workers .* no meaning with --executor bullmq/],
    [['evaluate', 'x.js', '--update', 'u', '--redis', redis!.url], /--redis is only for --executor bullmq/],
    [['run', 'tiny-sdi', '--executor', 'cluster'], /argument 'cluster' is invalid\. Allowed choices are inline, pool, bullmq/],
    [['run', 'tiny-sdi', '--artifacts', 'nfs'], /Allowed choices are shared, redis/],
    [['worker', '--queue', QUEUE], /worker: --redis is required/],
    [['worker', '--redis', redis!.url, '--concurrency', 'many'], /--concurrency must be an integer/],
    [['worker', '--redis', `redis://127.0.0.1:${port}`], /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/],
  ];
  for (const [args, message] of cases) {
    const run = await runCli([...args, '--store', join(dir, 'unused')]);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(' '));
  }
});
