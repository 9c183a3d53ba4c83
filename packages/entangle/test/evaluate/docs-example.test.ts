import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const body = (code: string): string => code.split('\n').filter((l) => !l.startsWith('import ') && !l.startsWith('//')).join('\n').trim();

test('the example in docs/concepts.md is the tested one', () => {
  const doc = readFileSync(join(root, '../../docs/concepts.md'), 'utf8');
  const block = /<!-- example:concepts -->\s*```ts\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/concepts.md has the example block');
  const fixture = readFileSync(join(root, 'test/evaluate/fixtures/example.ts'), 'utf8');
  assert.equal(body(block![1]), body(fixture));
});

test('the docs example detects the self-defeating improvement with the real learners', async () => {
  const { example } = await import('./fixtures/example.js');
  const evaluation = await example(mkdtempSync(join(tmpdir(), 'entangle-example-')));
  assert.equal(evaluation.kind, 'self-defeating');
  assert.deepEqual(evaluation.offending, ['w']);
});
