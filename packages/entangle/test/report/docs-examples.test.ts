import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDocExamples } from '../data/run-doc-examples.js';

test('the examples in docs/report.md run', async () => {
  assert.ok((await runDocExamples('docs/report.md')) >= 1);
});
