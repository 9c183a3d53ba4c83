// The §4.1.3 scenario (Figure 4(c)): sweep the number of layers of v's MLP head.
import type { JsonObject } from '../../core/types.js';
import { hypothesisMismatchSystem } from './hypothesis-mismatch.js';
import { sourceJson } from './params.js';
import { HYPOTHESIS_MISMATCH_PRESETS } from './presets.js';
import { sweepScenario } from './sweep-scenario.js';

export const hypothesisMismatchScenario = sweepScenario({
  name: 'digits-hypothesis-mismatch',
  title: 'Hypothesis-space mismatch (digits)',
  paper: 'Figure 4(c), §4.1.3',
  description:
    'v is a small conv net trained for 10 classes through an MLP head; a deeper head makes its conv features cluster by class ' +
    '(lower 1-NN error) but less linearly separable, so w, a linear classifier on those features, gets worse.',
  presets: HYPOTHESIS_MISMATCH_PRESETS,
  sweep: { param: 'layers', check: { integer: true, min: 1 } },
  shared: (p) => ({
    ...sourceJson(p.source()),
    widths: p.numbers('widths', { integer: true, min: 1 }),
    upstream: p.learner('upstream') as unknown as JsonObject,
    downstream: p.learner('downstream') as unknown as JsonObject,
  }),
  system: hypothesisMismatchSystem,
  labels: { sweep: 'number of layers in v’s MLP head', upstream: '1-NN error', downstream: 'zero-one loss', title: 'Hypothesis-space mismatch: conv net + MLP head → linear 10-class' },
  claims: {
    upstream: 'Upstream nearest-neighbour error falls as the MLP head gets deeper',
    downstream: 'Downstream linear zero-one loss rises as the MLP head gets deeper',
  },
});
