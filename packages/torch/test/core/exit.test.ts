import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./helpers/exit-child.js', import.meta.url));

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(mode: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [child, mode], { env: { ...process.env, ENTANGLE_THREADS: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function assertClean(o: Outcome, code: number): void {
  assert.equal(o.signal, null, `killed by ${o.signal}; stderr: ${o.stderr}`);
  assert.equal(o.code, code, `stderr: ${o.stderr}`);
  assert.doesNotMatch(o.stderr, /terminate called|Aborted|Segmentation|FATAL/);
}

test('worker.terminate(), process.exit() and a worker calling process.exit() mid-op do not crash', async () => {
  const [terminate, exit, workerExit, mainExit] = await Promise.all([
    run('terminate'),
    run('exit'),
    run('worker-exit'),
    run('main-exit'),
  ]);
  assertClean(terminate, 0);
  assert.match(terminate.stdout, /main still works: 4/);
  assertClean(exit, 7);
  assertClean(workerExit, 0);
  assert.match(workerExit.stdout, /worker exit code 3/);
  assertClean(mainExit, 5);
});
