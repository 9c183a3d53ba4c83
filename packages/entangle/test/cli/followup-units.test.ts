// Pieces of diagnose/mitigate/--executor that need no child process: lists that must match the library, exit codes
// from remedy outcomes, --comparison, and which executor flags go together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIND_NAMES } from '../../src/diagnose/diagnose.js';
import { ENTANGLEMENT_KINDS } from '../../src/diagnose/types.js';
import { REMEDY_KINDS } from '../../src/mitigate/remedies.js';
import type { MitigationOutcome } from '../../src/mitigate/mitigate.js';
import { mitigationExitCode, REMEDIES } from '../../src/cli/commands/mitigate.js';
import { selectComparisons } from '../../src/cli/commands/scenario-followup.js';
import { diagnosisText } from '../../src/cli/diagnosis-text.js';
import { executorKind, openExecutor } from '../../src/cli/executor.js';
import { UsageError } from '../../src/cli/exit-codes.js';
import type { Diagnosis } from '../../src/diagnose/types.js';
import type { Comparison } from '../../src/scenarios/scenario.js';

test('the CLI offers every remedy of src/mitigate and names every kind as diagnose does', () => {
  assert.deepEqual([...REMEDIES].sort(), [...REMEDY_KINDS].sort());
  for (const kind of ENTANGLEMENT_KINDS) {
    const d = {
      status: 'diagnosed', summary: 's', seeds: [0], refitSeeds: [], trainedJobs: 0, threshold: 0.5,
      descendants: [{
        model: 'w', primary: kind, ranked: [kind], summary: '',
        deterioration: { loss: 'mse', baseline: 1, updated: 2, difference: 1, ci: [0.5, 1.5] },
        evidence: [{ kind, applicable: true, score: 0.7, explanation: 'because', statistics: {} }],
      }],
    } as unknown as Diagnosis;
    assert.match(diagnosisText(d), new RegExp(`primary cause: ${KIND_NAMES[kind].replace(/[()§.]/g, '\\$&')}\\.`));
  }
});

test('mitigate exits 3 exactly when a self-defeating improvement remains', () => {
  const item = (outcome: MitigationOutcome, selfDefeating = true) => ({ selfDefeating, mitigation: { outcome, before: { run: 'r', kind: 'k', selfDefeating, harmed: [], summary: '' } } });
  const code = (outcome: MitigationOutcome, selfDefeating = true): number => mitigationExitCode([item(outcome, selfDefeating)]);
  assert.equal(code('removed'), 0);
  assert.equal(code('costly'), 0, 'no longer self-defeating, at a cost the output reports');
  assert.equal(code('improvement-lost'), 0);
  assert.equal(code('not-self-defeating', false), 0);
  assert.equal(code('reduced'), 3);
  assert.equal(code('persists'), 3);
  assert.equal(code('not-applicable'), 3);
  assert.equal(code('not-applicable', false), 0);
  assert.equal(mitigationExitCode([{ selfDefeating: true, mitigation: null }]), 3, 'a self-defeating comparison of two systems was not remedied');
  assert.equal(mitigationExitCode([{ selfDefeating: false, mitigation: null }, item('removed')]), 0);
  assert.equal(mitigationExitCode([]), 0);
});

test('--comparison takes a 1-based number or a label', () => {
  const comparisons = ['a', 'b', '2'].map((label) => ({ label }) as Comparison);
  assert.deepEqual(selectComparisons(comparisons, undefined, 's').map((c) => c.index), [1, 2, 3]);
  assert.deepEqual(selectComparisons(comparisons, 'b', 's').map((c) => c.index), [2]);
  assert.deepEqual(selectComparisons(comparisons, '1', 's').map((c) => c.comparison.label), ['a']);
  assert.deepEqual(selectComparisons(comparisons, '2', 's').map((c) => c.index), [3], 'a label wins over a number');
  assert.throws(() => selectComparisons(comparisons, '0', 's'), (e: unknown) => e instanceof UsageError && /no comparison '0'.*1 'a', 2 'b', 3 '2'/.test(e.message));
  assert.throws(() => selectComparisons(comparisons, 'c', 's'), UsageError);
});

test('executor flags: --workers means a pool; bullmq needs --redis; bullmq flags need bullmq', async () => {
  assert.equal(executorKind({}), 'inline');
  assert.equal(executorKind({ workers: 2 }), 'pool');
  assert.equal(executorKind({ executor: 'pool' }), 'pool');
  assert.equal(executorKind({ executor: 'bullmq', redis: 'redis://127.0.0.1:1', queue: 'q', attempts: 2 }), 'bullmq');
  assert.throws(() => executorKind({ executor: 'inline', workers: 2 }), /--workers .* no meaning with --executor inline/);
  assert.throws(() => executorKind({ executor: 'bullmq', redis: 'redis://x', workers: 2 }), /no meaning with --executor bullmq/);
  assert.throws(() => executorKind({ executor: 'bullmq' }), /--executor bullmq needs --redis URL/);
  assert.throws(() => executorKind({ queue: 'q', attempts: 3 }), (e: unknown) => e instanceof UsageError && /--queue, --attempts are only for --executor bullmq/.test(e.message));
  await assert.rejects(openExecutor({ executor: 'bullmq', redis: 'http://127.0.0.1:6379' }), (e: unknown) => e instanceof UsageError && /--redis: Redis URL .* has protocol 'http:'/.test(e.message));
});
