// Paper §4.1.2, data-distribution mismatch: v separates {0,1,4,7,9} from {2,3,5,6,8}, trained on p% of the
// training set, and emits its features; w is a linear 1-vs-7 classifier on those features.
import { fileURLToPath } from 'node:url';
import '../../learners/index.js';
import '../../losses/index.js';
import type { JsonObject } from '../../core/types.js';
import { randomSubset, requireClasses } from '../../data/subsets.js';
import { defineSystem, type System } from '../../system/system.js';
import { digitDataset, loadDigits, selectClasses } from './data.js';
import { Params, withArgs } from './params.js';

const MODULE = fileURLToPath(import.meta.url);
const GROUP_A = new Set([0, 1, 4, 7, 9]);
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * Params: p (percent of the training split v trains on, in (0, 100]; the subsets are nested: the first p% of one
 * seed-0 permutation), upstream and downstream learner specs, and the digit source. v's test loss is the 1-NN
 * error of its features on the whole test split (cosine, fixed halves); w is trained on every 1 and 7 of the
 * training split and tested on every 1 and 7 of the test split.
 */
export function dataMismatchSystem(params: JsonObject): System {
  const p = new Params(params, 'digits-data-mismatch system');
  const percent = p.number('p', { minExclusive: 0, max: 100 });
  const upstream = p.learner('upstream');
  const downstream = p.learner('downstream');
  const { train, test } = loadDigits(p.source());
  requireClasses(train, DIGITS, 'digits-data-mismatch (training split)');
  requireClasses(test, DIGITS, 'digits-data-mismatch (test split)');
  const group = { group: (y: number) => (GROUP_A.has(y) ? 0 : 1) };
  const isSeven = { isSeven: (y: number) => y };
  return defineSystem({
    name: `digits-data-mismatch p=${percent}`,
    datasets: {
      upstreamTrain: digitDataset(randomSubset(train, percent, 0), group),
      upstreamTest: digitDataset(test, group),
      pairTrain: digitDataset(selectClasses(train, [1, 7], { 1: 0, 7: 1 }), isSeven),
      pairTest: digitDataset(selectClasses(test, [1, 7], { 1: 0, 7: 1 }), isSeven),
    },
    models: [
      {
        id: 'v', inputs: ['image'], parents: [], learner: withArgs(upstream, { output: 'features', classes: 2 }),
        train: 'upstreamTrain', target: 'group', test: 'upstreamTest', loss: { kind: 'nearest-neighbour-error' }, output: 'features',
        description: '{0,1,4,7,9} vs {2,3,5,6,8}; emits its penultimate features',
      },
      {
        id: 'w', inputs: [], parents: ['v'], learner: withArgs(downstream, { output: 'label' }),
        train: 'pairTrain', target: 'isSeven', test: 'pairTest', loss: { kind: 'zero-one' }, output: 'label',
        description: 'linear 1 vs 7 on v’s features',
      },
    ],
    source: { module: MODULE, export: 'dataMismatchSystem', params },
  });
}
