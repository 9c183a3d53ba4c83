import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDocExamples } from './run-doc-examples.js';

test('the examples in docs/data.md run', async () => {
  assert.ok((await runDocExamples('docs/data.md')) >= 1);
});
