// writeFileAtomic: whole files only, no leftovers, and worker threads of one process writing the same file at once
// (they share a pid) do not trip over each other's temporary files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { writeFileAtomic } from '../../src/core/atomic-write.js';

const dir = mkdtempSync(join(tmpdir(), 'entangle-atomic-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('writes the whole file and leaves no temporary file behind', () => {
  const file = join(dir, 'a.bin');
  writeFileAtomic(file, new Uint8Array([1, 2, 3]));
  writeFileAtomic(file, 'replaced');
  assert.equal(readFileSync(file, 'utf8'), 'replaced');
  assert.deepEqual(readdirSync(dir), ['a.bin']);
});

test('a failed write throws and removes its temporary file', () => {
  assert.throws(() => writeFileAtomic(join(dir, 'missing-folder', 'b.bin'), 'x'), /ENOENT/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp-')), []);
});

test('four worker threads writing the same file 300 times each all succeed, and the file is one whole copy', async () => {
  const file = join(dir, 'shared.bin');
  const url = new URL('../../src/core/atomic-write.js', import.meta.url).href;
  const code = `const { workerData, parentPort } = require('node:worker_threads');
import(workerData.url).then(({ writeFileAtomic }) => {
  const bytes = new Uint8Array(1 << 16).fill(workerData.k);
  try { for (let i = 0; i < 300; i++) writeFileAtomic(workerData.file, bytes); parentPort.postMessage('ok'); }
  catch (e) { parentPort.postMessage(String(e)); }
});`;
  const results = await Promise.all([1, 2, 3, 4].map((k) => new Promise<string>((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { url, file, k } });
    w.once('message', (m: string) => { resolve(m); void w.terminate(); });
    w.once('error', reject);
  })));
  assert.deepEqual(results, ['ok', 'ok', 'ok', 'ok']);
  const bytes = readFileSync(file);
  assert.equal(bytes.length, 1 << 16);
  assert.ok(bytes.every((b) => b === bytes[0]) && [1, 2, 3, 4].includes(bytes[0]), 'one writer\'s complete copy');
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp-')), []);
});
