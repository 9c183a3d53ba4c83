// The §4.1.2 scenario (Figure 4(b)): sweep the share p of the training set that v is trained on.
import type { JsonObject } from '../../core/types.js';
import { dataMismatchSystem } from './data-mismatch.js';
import { sourceJson } from './params.js';
import { DATA_MISMATCH_PRESETS } from './presets.js';
import { sweepScenario } from './sweep-scenario.js';

export const dataMismatchScenario = sweepScenario({
  name: 'digits-data-mismatch',
  title: 'Data-distribution mismatch (digits)',
  paper: 'Figure 4(b), §4.1.2',
  description:
    'v separates {0,1,4,7,9} from {2,3,5,6,8} and emits its features; training it on more data (p%) lowers its 1-NN error ' +
    'but collapses 1 and 7, which w, a linear 1-vs-7 classifier on the features, needs apart.',
  presets: DATA_MISMATCH_PRESETS,
  sweep: { param: 'p', check: { minExclusive: 0, max: 100 } },
  shared: (p) => ({
    ...sourceJson(p.source()),
    upstream: p.learner('upstream') as unknown as JsonObject,
    downstream: p.learner('downstream') as unknown as JsonObject,
  }),
  system: dataMismatchSystem,
  labels: { sweep: 'training subset (p%)', upstream: '1-NN error', downstream: 'zero-one loss', title: 'Data-distribution mismatch: {0,1,4,7,9} vs rest → linear 1 vs 7' },
  claims: {
    upstream: 'Upstream nearest-neighbour error falls as p grows',
    downstream: 'Downstream 1-vs-7 zero-one loss rises as p grows',
  },
});
