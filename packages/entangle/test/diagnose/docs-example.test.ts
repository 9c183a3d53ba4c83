// The example in docs/diagnose.md runs (diagnosis of the concepts.md loss mismatch, then the whiten remedy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import { runDocExamples } from '../data/run-doc-examples.js';

torch.setNumThreads(1);

test('docs/diagnose.md: the example runs and reaches its stated conclusions', async () => {
  assert.equal(await runDocExamples('docs/diagnose.md'), 1);
});
