// The §4.1.1 scenario (Figure 4(a)): sweep the noise ratio r of v's training set.
import type { JsonObject } from '../../core/types.js';
import { lossMismatchSystem } from './loss-mismatch.js';
import { sourceJson } from './params.js';
import { LOSS_MISMATCH_PRESETS } from './presets.js';
import { sweepScenario } from './sweep-scenario.js';

export const lossMismatchScenario = sweepScenario({
  name: 'digits-loss-mismatch',
  title: 'Loss-function mismatch (digits)',
  paper: 'Figure 4(a), §4.1.1',
  description:
    'v regresses the digit value of 1/3/7/9 images with MSE; adding r noisy examples per clean one (1↔3 and 7↔9 swapped for half) ' +
    'lowers its test MSE but pulls 1 towards 3 and 7 towards 9, so w, which classifies the four digits from v’s value, gets worse.',
  presets: LOSS_MISMATCH_PRESETS,
  sweep: { param: 'r', check: { min: 0 } },
  shared: (p) => ({
    ...sourceJson(p.source()),
    cleanFraction: p.number('cleanFraction', { minExclusive: 0, max: 1 }),
    upstream: p.learner('upstream') as unknown as JsonObject,
    downstream: p.learner('downstream') as unknown as JsonObject,
  }),
  system: lossMismatchSystem,
  labels: { sweep: 'noisy examples per clean one (r)', upstream: 'MSE', downstream: 'zero-one loss', title: 'Loss-function mismatch: 1/3/7/9 regression → 4-class MLP' },
  claims: {
    upstream: 'Upstream MSE falls as noisy examples are added (r grows)',
    downstream: 'Downstream zero-one loss rises as r grows',
  },
});
