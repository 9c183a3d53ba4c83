// Paper §4.1.1, loss-function mismatch: v regresses the digit value of 1, 3, 7, 9 with MSE on 1:r clean:noisy
// training examples (noisy labels swap 1↔3 and 7↔9 for exactly half); w classifies the four digits from v(x).
import { fileURLToPath } from 'node:url';
import '../../learners/index.js';
import '../../losses/index.js';
import type { JsonObject } from '../../core/types.js';
import { lossMismatchNoise } from '../../data/noise.js';
import { balancedSubsample, filterClasses, requireClasses } from '../../data/subsets.js';
import { defineSystem, type System } from '../../system/system.js';
import { digitDataset, loadDigits } from './data.js';
import { Params, withArgs } from './params.js';

const MODULE = fileURLToPath(import.meta.url);
export const LOSS_MISMATCH_CLASSES = [1, 3, 7, 9];
const CLASS_INDEX: Record<number, number> = { 1: 0, 3: 1, 7: 2, 9: 3 };

/**
 * Params: r (noisy examples per clean one, >= 0), cleanFraction (share of the balanced training set that is clean;
 * r <= (1 − cleanFraction)/cleanFraction), upstream and downstream learner specs, and the digit source
 * (source, path, trainPerClass). The noise draw uses data seed 0 for every run seed.
 */
export function lossMismatchSystem(params: JsonObject): System {
  const p = new Params(params, 'digits-loss-mismatch system');
  const r = p.number('r', { min: 0 });
  const cleanFraction = p.number('cleanFraction', { minExclusive: 0, max: 1 });
  const upstream = p.learner('upstream');
  const downstream = p.learner('downstream');
  const { train, test } = loadDigits(p.source());
  requireClasses(train, LOSS_MISMATCH_CLASSES, 'digits-loss-mismatch (training split)');
  requireClasses(test, LOSS_MISMATCH_CLASSES, 'digits-loss-mismatch (test split)');
  const balancedTrain = balancedSubsample(filterClasses(train, LOSS_MISMATCH_CLASSES), LOSS_MISMATCH_CLASSES, 0);
  const balancedTest = balancedSubsample(filterClasses(test, LOSS_MISMATCH_CLASSES), LOSS_MISMATCH_CLASSES, 0);
  const noisy = lossMismatchNoise(balancedTrain, { r, seed: 0, cleanFraction });
  const fields = { value: (y: number) => y, digit: (y: number) => CLASS_INDEX[y] };
  return defineSystem({
    name: `digits-loss-mismatch r=${r}`,
    datasets: {
      upstreamTrain: digitDataset(noisy, { value: (y: number) => y }),
      downstreamTrain: digitDataset(balancedTrain, fields),
      test: digitDataset(balancedTest, fields),
    },
    models: [
      {
        id: 'v', inputs: ['image'], parents: [], learner: withArgs(upstream, { output: 'value' }),
        train: 'upstreamTrain', target: 'value', test: 'test', loss: { kind: 'mse' }, output: 'value',
        description: 'regresses the digit value (1, 3, 7, 9) from the image',
      },
      {
        id: 'w', inputs: [], parents: ['v'], learner: withArgs(downstream, { output: 'label' }),
        train: 'downstreamTrain', target: 'digit', test: 'test', loss: { kind: 'zero-one' }, output: 'label',
        description: '1 vs 3 vs 7 vs 9 from v’s predicted value',
      },
    ],
    source: { module: MODULE, export: 'lossMismatchSystem', params },
  });
}
