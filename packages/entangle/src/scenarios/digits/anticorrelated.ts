// Paper §4.2, anti-correlated errors: u answers "7?" ({1,6} vs 7) and v answers "1?" (1 vs {6,7}) on a balanced
// {1,6,7} set whose hardest 1s and 7s (by area under the training-loss curve) have their labels swapped; w answers
// "1 or 7?" from u's and v's hard predictions.
import { fileURLToPath } from 'node:url';
import '../../learners/index.js';
import '../../losses/index.js';
import type { JsonObject } from '../../core/types.js';
import type { DigitData } from '../../data/digits.js';
import { flipTopRanked } from '../../data/noise.js';
import { balancedSubsample, filterClasses, requireClasses } from '../../data/subsets.js';
import { defineSystem, type System } from '../../system/system.js';
import { type DigitsSource, digitDataset, loadDigits } from './data.js';
import { Params, ParamError, withArgs } from './params.js';

const MODULE = fileURLToPath(import.meta.url);
/** Class order of the balanced set, as the reference code: all 1s, then all 7s, then all 6s. */
export const ANTICORRELATED_CLASSES = [1, 7, 6];
export const DOWNSTREAM_CHOICES = ['bayes-optimal', 'linear'] as const;

/** The balanced {1,7,6} training and test sets (class-balanced with seed 0, ordered 1s, 7s, 6s). */
export function anticorrelatedData(source: DigitsSource): { train: DigitData; test: DigitData } {
  const { train, test } = loadDigits(source);
  requireClasses(train, ANTICORRELATED_CLASSES, 'digits-anticorrelated (training split)');
  requireClasses(test, ANTICORRELATED_CLASSES, 'digits-anticorrelated (test split)');
  return {
    train: balancedSubsample(filterClasses(train, ANTICORRELATED_CLASSES), ANTICORRELATED_CLASSES, 0),
    test: balancedSubsample(filterClasses(test, ANTICORRELATED_CLASSES), ANTICORRELATED_CLASSES, 0),
  };
}

/**
 * Params: pu and pv (percent of the ranked 1s and 7s whose label is swapped in u's and v's training sets, in
 * [0, 100]), ranking (positions of the 1s and 7s in the balanced training set, hardest first: see aul.ts),
 * upstream learner spec (u and v alike), downstream ('bayes-optimal': the paper's table; 'linear': the reference
 * code's trained linear model on the two predictions, with downstreamLearner's args), and the digit source.
 */
export function anticorrelatedSystem(params: JsonObject): System {
  const p = new Params(params, 'digits-anticorrelated system');
  const pu = p.number('pu', { min: 0, max: 100 });
  const pv = p.number('pv', { min: 0, max: 100 });
  const ranking = p.numbers('ranking', { integer: true, min: 0 });
  const upstream = p.learner('upstream');
  const downstream = p.string('downstream', DOWNSTREAM_CHOICES);
  const linear = p.learner('downstreamLinear');
  const { train, test } = anticorrelatedData(p.source());
  const pool = train.labels.filter((y) => y === 1 || y === 7).length;
  if (ranking.length !== pool) {
    throw new ParamError(`digits-anticorrelated system: parameter 'ranking' must rank all ${pool} 1s and 7s of the balanced training set, got ${ranking.length} positions. Recompute it with aulRanking for this data source.`);
  }
  const isSeven = (y: number) => (y === 7 ? 1 : 0);
  const isOne = (y: number) => (y === 1 ? 1 : 0);
  const isOneOrSeven = (y: number) => (y === 1 || y === 7 ? 1 : 0);
  const binary = withArgs(upstream, { output: 'label', classes: 2 });
  return defineSystem({
    name: `digits-anticorrelated pu=${pu} pv=${pv} w=${downstream}`,
    datasets: {
      trainU: digitDataset(flipTopRanked(train, { ranking, percent: pu, pairs: [[1, 7]] }), { isSeven }),
      trainV: digitDataset(flipTopRanked(train, { ranking, percent: pv, pairs: [[1, 7]] }), { isOne }),
      train: digitDataset(train, { isOneOrSeven }),
      test: digitDataset(test, { isSeven, isOne, isOneOrSeven }),
    },
    models: [
      {
        id: 'u', inputs: ['image'], parents: [], learner: binary, train: 'trainU', target: 'isSeven', test: 'test',
        loss: { kind: 'zero-one' }, output: 'label', description: '{1,6} vs 7, trained with the hardest pu% of 1s/7s swapped',
      },
      {
        id: 'v', inputs: ['image'], parents: [], learner: binary, train: 'trainV', target: 'isOne', test: 'test',
        loss: { kind: 'zero-one' }, output: 'label', description: '1 vs {6,7}, trained with the hardest pv% of 1s/7s swapped',
      },
      {
        id: 'w', inputs: [], parents: ['u', 'v'],
        learner: downstream === 'bayes-optimal' ? { kind: 'bayes-optimal', args: {} } : withArgs(linear, { output: 'label', classes: 2 }),
        train: 'train', target: 'isOneOrSeven', test: 'test', loss: { kind: 'zero-one' }, output: 'label',
        description: '{1,7} vs 6 from u’s and v’s hard predictions',
      },
    ],
    source: { module: MODULE, export: 'anticorrelatedSystem', params },
  });
}
