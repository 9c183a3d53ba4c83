import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, encodeOutputs, decodeOutputs, ArtifactStore } from '../../src/store/index.js';
import { StoreError } from '../../src/core/errors.js';
import { sha256 } from '../../src/core/canonical-json.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'entangle-store-'));

test('blocks and records round-trip through the codec', () => {
  const block = { shape: [3, 2], data: Float32Array.from([1, -2.5, 3, 4e-7, Number.MAX_VALUE, 0]) };
  const back = decodeOutputs(encodeOutputs(block));
  assert.deepEqual(back, block);
  const records = { kind: 'records' as const, items: [{ box: [1, 2, 3] }, { box: [] }, null] };
  assert.deepEqual(decodeOutputs(encodeOutputs(records)), records);
  assert.equal(encodeOutputs(block).byteLength, 4 + 4 + 8 + 24);
});

test('the codec rejects inconsistent blocks and truncated bytes', () => {
  assert.throws(() => encodeOutputs({ shape: [2, 2], data: new Float32Array(3) }), /expected 4 values, got 3/);
  const bytes = encodeOutputs({ shape: [4], data: new Float32Array(4) });
  assert.throws(() => decodeOutputs(bytes.subarray(0, bytes.length - 2)), /truncated/);
  assert.throws(() => decodeOutputs(Uint8Array.from([1, 2, 3, 4, 5])), /not a stored model output/);
});

test('artifacts are content-addressed, verified and leave no temporary files', () => {
  const dir = tempDir();
  const artifacts = new ArtifactStore(dir);
  const bytes = Uint8Array.from([1, 2, 3, 4]);
  const hash = artifacts.put(bytes);
  assert.equal(hash, sha256(bytes));
  assert.equal(artifacts.put(bytes), hash);
  assert.ok(artifacts.path(hash).endsWith(join(hash.slice(0, 2), hash.slice(2))));
  assert.deepEqual([...artifacts.get(hash)], [1, 2, 3, 4]);
  assert.deepEqual(readdirSync(join(dir, hash.slice(0, 2))), [hash.slice(2)]);
  writeFileSync(artifacts.path(hash), Uint8Array.from([9, 9]));
  assert.throws(() => artifacts.get(hash), (e: unknown) => e instanceof StoreError && /is corrupt/.test(e.message));
  assert.throws(() => artifacts.get('0'.repeat(64)), /is missing/);
  assert.throws(() => artifacts.path('../etc/passwd'), /Not an artifact hash/);
});

test('the store opens in WAL mode with its tables and survives reopening', () => {
  const dir = tempDir();
  const store = openStore(dir);
  assert.ok(existsSync(join(dir, 'entangle.db')));
  store.startJob('k1', 'u', 0);
  store.close();
  const again = openStore(dir);
  assert.equal(again.job('k1')?.status, 'running');
  assert.ok(existsSync(join(dir, 'entangle.db-wal')));
  again.close();
});

test('job records are idempotent: a finished job is never restarted or overwritten', () => {
  const store = openStore(tempDir());
  const metrics = { loss: 'mse', testLoss: 0.5, fitMs: 1, predictMs: 1 };
  store.startJob('k', 'u', 3);
  store.startJob('k', 'u', 3); // retried after a crash
  assert.equal(store.job('k')?.attempts, 2);
  store.finishJob('k', 'u', 3, 'a'.repeat(64), metrics, { 'v-train': 'b'.repeat(64) });
  store.startJob('k', 'u', 3);
  store.finishJob('k', 'u', 3, 'c'.repeat(64), { ...metrics, testLoss: 9 }, { 'v-train': 'd'.repeat(64), 'v-test': 'e'.repeat(64) });
  const job = store.job('k')!;
  assert.equal(job.status, 'done');
  assert.equal(job.attempts, 2);
  assert.equal(job.artifact, 'a'.repeat(64));
  assert.equal(job.metrics?.testLoss, 0.5);
  assert.deepEqual(Object.fromEntries(store.outputs('k')), { 'v-train': 'd'.repeat(64), 'v-test': 'e'.repeat(64) });
  assert.equal(store.jobs().length, 1);
  store.forgetJob('k');
  assert.equal(store.job('k'), undefined);
  assert.equal(store.outputs('k').size, 0);
  store.close();
});

test('runs and losses are keyed, so replays do not duplicate rows', () => {
  const store = openStore(tempDir());
  const first = store.openRun('r1', 'demo', { seeds: [0, 1] });
  store.setRunStatus('r1', 'done');
  const second = store.openRun('r1', 'demo again', { seeds: [0, 1] });
  assert.equal(second.created, first.created);
  assert.equal(second.name, 'demo');
  assert.equal(second.status, 'running');
  const rows = [0, 1].flatMap((seed) => ['baseline', 'updated'].map((variant) => ({ run: 'r1', seed, variant, model: 'u', loss: 'mse', value: seed + 0.5, job: 'k' })));
  store.recordLosses(rows);
  store.recordLosses(rows);
  assert.equal(store.losses('r1').length, 4);
  assert.deepEqual(store.runs().map((r) => r.id), ['r1']);
  assert.deepEqual(store.run('r1')?.config, { seeds: [0, 1] });
  assert.equal(store.run('r1')?.result, null);
  store.finishRun('r1', { kind: 'improvement' });
  assert.equal(store.run('r1')?.status, 'done');
  assert.deepEqual(store.run('r1')?.result, { kind: 'improvement' });
  store.close();
});
