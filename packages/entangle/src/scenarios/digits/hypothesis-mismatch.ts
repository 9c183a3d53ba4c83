// Paper §4.1.3, hypothesis-space mismatch: v is a small conv net trained for 10 classes through an MLP head of
// 1..L layers and emits its conv features; w is a linear 10-class classifier on those features.
import { fileURLToPath } from 'node:url';
import '../../learners/index.js';
import '../../losses/index.js';
import type { JsonObject } from '../../core/types.js';
import { requireClasses } from '../../data/subsets.js';
import { defineSystem, type System } from '../../system/system.js';
import { digitDataset, loadDigits } from './data.js';
import { Params, withArgs } from './params.js';

const MODULE = fileURLToPath(import.meta.url);
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * Params: layers (number of layers of v's MLP head, 1 = one linear layer), widths (hidden widths of the deepest
 * head; layers − 1 of them are used, reference: 512, 256, 128, 64), upstream (a 'convnet' spec without head) and
 * downstream learner specs, and the digit source.
 */
export function hypothesisMismatchSystem(params: JsonObject): System {
  const p = new Params(params, 'digits-hypothesis-mismatch system');
  const widths = p.numbers('widths', { integer: true, min: 1 });
  const layers = p.number('layers', { integer: true, min: 1, max: widths.length + 1 });
  const upstream = p.learner('upstream');
  const downstream = p.learner('downstream');
  const { train, test } = loadDigits(p.source());
  requireClasses(train, DIGITS, 'digits-hypothesis-mismatch (training split)');
  requireClasses(test, DIGITS, 'digits-hypothesis-mismatch (test split)');
  const digit = { digit: (y: number) => y };
  return defineSystem({
    name: `digits-hypothesis-mismatch layers=${layers}`,
    datasets: { train: digitDataset(train, digit), test: digitDataset(test, digit) },
    models: [
      {
        id: 'v', inputs: ['image'], parents: [], learner: withArgs(upstream, { output: 'features', classes: 10, head: widths.slice(0, layers - 1) }),
        train: 'train', target: 'digit', test: 'test', loss: { kind: 'nearest-neighbour-error' }, output: 'features',
        description: `10 classes through a ${layers}-layer MLP head; emits the conv features under the head`,
      },
      {
        id: 'w', inputs: [], parents: ['v'], learner: withArgs(downstream, { output: 'label', classes: 10 }),
        train: 'train', target: 'digit', test: 'test', loss: { kind: 'zero-one' }, output: 'label',
        description: 'linear 10-class classifier on v’s conv features',
      },
    ],
    source: { module: MODULE, export: 'hypothesisMismatchSystem', params },
  });
}
