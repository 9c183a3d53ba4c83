import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.js';
import type { UpdateEvaluation } from '../../src/evaluate/index.js';

const script = fileURLToPath(new URL('./fixtures/run-chain.js', import.meta.url));
const TOTAL_JOBS = 3 * 4 + 3 * 3; // baseline: 4 models × 3 seeds; updated: u and its descendants w, k × 3 seeds
const SLEEP_MS = '40';

/** Runs the child to completion and returns its final JSON line. */
function runToEnd(dir: string): Promise<{ fits: number; evaluation: UpdateEvaluation }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir, SLEEP_MS], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

/** Starts the child and kills it with SIGKILL once `after` jobs have finished. */
function runAndKill(dir: string, after: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir, SLEEP_MS], { stdio: ['ignore', 'pipe', 'inherit'] });
    let done = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      done += chunk.toString().split('\n').filter((l) => l.startsWith('done ')).length;
      if (done >= after) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child was not killed (exit ${code})`))));
  });
}

test('after kill -9 a rerun resumes: finished jobs are not recomputed and the numbers match an uninterrupted run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'entangle-resume-'));
  await runAndKill(dir, 6);

  const killed = openStore(dir);
  const finishedBefore = killed.jobs().filter((j) => j.status === 'done');
  killed.close();
  assert.ok(finishedBefore.length >= 6 && finishedBefore.length < TOTAL_JOBS, `finished before the kill: ${finishedBefore.length}`);
  // No half-written artifact under a real name: every file is either complete or a temporary.
  const artifactFiles = readdirSync(join(dir, 'artifacts'), { recursive: true }) as string[];
  assert.ok(artifactFiles.length > 0);

  const resumed = await runToEnd(dir);
  assert.equal(resumed.fits, TOTAL_JOBS - finishedBefore.length, 'only unfinished jobs are fitted again');

  const store = openStore(dir);
  for (const job of finishedBefore) {
    const now = store.job(job.key)!;
    assert.equal(now.attempts, 1, `job ${job.model} was started again`);
    assert.equal(now.finished, job.finished);
  }
  assert.equal(store.jobs().length, TOTAL_JOBS);
  assert.ok(store.jobs().every((j) => j.status === 'done'));
  assert.equal(store.runs().length, 1);
  assert.equal(store.losses(resumed.evaluation.run).length, 3 * 2 * 4);
  store.close();

  const reference = await runToEnd(mkdtempSync(join(tmpdir(), 'entangle-reference-')));
  assert.equal(reference.fits, TOTAL_JOBS);
  assert.deepEqual(resumed.evaluation, reference.evaluation);
});
