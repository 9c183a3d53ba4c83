// The paper's 2-D illustrations as declared systems (Figures 2 and 3), plus the two control systems.
import { fileURLToPath } from 'node:url';
import '../../learners/index.js';
import '../../losses/index.js';
import type { JsonObject, LearnerSpec } from '../../core/types.js';
import type { Update } from '../../system/spec.js';
import { defineSystem, type System } from '../../system/system.js';
import { swirlDataset, threeRegionDataset } from './data.js';

const MODULE = fileURLToPath(import.meta.url);

/** Parameters of both toy worlds; every field has a default so `{}` builds the paper's picture. */
export interface ToyParams {
  /** Examples per dataset (each model's training set and the shared fixed test set). */
  n?: number;
  /** Epochs of the trained (MLP / logistic) models. */
  epochs?: number;
  /** Figure 2: swirl angle in radians at the unit circle. */
  strength?: number;
  /** Figure 2: noise sd of the 2-D targets. */
  noise?: number;
  /** Figure 3: half-width of the strip of hard examples around the A/B border. */
  hardWidth?: number;
  /** Figure 3: make v's training labels clean (the genuine-improvement control). */
  cleanV?: boolean;
}

const defaults = { n: 1000, epochs: 60, strength: 2.5, noise: 0.02, hardWidth: 0.3, bandTop: -0.2 };

const p = (params: ToyParams) => ({ ...defaults, ...params });

/** A trained MLP learner with the toys' optimisation settings. */
export function toyMlp(hidden: number[], output: 'value' | 'label', epochs: number): LearnerSpec {
  return { kind: 'mlp', args: { hidden, output, train: { lr: 0.01, epochs, batchSize: 128 } } };
}

/**
 * Figure 2: upstream v regresses a 2-D target from the position x; downstream w is a linear classifier on v's
 * prediction. v is linear least squares; the update v' is an MLP that follows the swirl (lower MSE).
 */
export function hypothesisSystem(params: ToyParams = {}): System {
  const q = p(params);
  const data = (seed: number) => swirlDataset(q.n, seed, { strength: q.strength, noise: q.noise });
  return defineSystem({
    name: 'toy-hypothesis',
    datasets: { upstreamTrain: data(101), downstreamTrain: data(102), test: data(103) },
    models: [
      { id: 'v', inputs: ['x'], parents: [], learner: { kind: 'linear-regression', args: {} }, train: 'upstreamTrain', target: 'target', test: 'test', loss: { kind: 'mse' }, output: 'value', description: 'predicts the 2-D position of an example' },
      { id: 'w', inputs: [], parents: ['v'], learner: { kind: 'logistic-regression', args: { train: { lr: 0.05, epochs: q.epochs, batchSize: 64 } } }, train: 'downstreamTrain', target: 'label', test: 'test', loss: { kind: 'zero-one' }, output: 'label', description: 'linear classifier on v’s 2-D prediction' },
    ],
    source: { module: MODULE, export: 'hypothesisSystem', params: params as JsonObject },
  });
}

/** Figure 2's update: the upstream regressor becomes an MLP. */
export function richerUpstream(params: ToyParams = {}): Update {
  return { name: 'v → MLP regressor (lower MSE)', model: 'v', learner: toyMlp([64, 64], 'value', 2 * p(params).epochs) };
}

/**
 * Figure 3 (and §4.2): u answers "B?", v answers "A?", w answers "A or B?" from their hard outputs with the
 * Bayes-optimal table. u and v are trained on the same noisy labels (hard A/B examples swapped), so their errors
 * cancel in w. The update u' is trained on clean labels. With `cleanV`, v is clean too (the control).
 */
export function anticorrelatedSystem(params: ToyParams = {}): System {
  const q = p(params);
  const data = (seed: number) => threeRegionDataset(q.n, seed, { hardWidth: q.hardWidth, bandTop: q.bandTop });
  const mlp = toyMlp([32, 32], 'label', q.epochs);
  return defineSystem({
    name: params.cleanV ? 'toy-genuine' : 'toy-anticorrelated',
    datasets: { train: data(201), downstreamTrain: data(202), test: data(203) },
    models: [
      { id: 'u', inputs: ['x'], parents: [], learner: mlp, train: 'train', target: 'isB_noisy', test: 'test', testTarget: 'isB', loss: { kind: 'zero-one' }, output: 'label', description: 'is the point in region B?' },
      { id: 'v', inputs: ['x'], parents: [], learner: mlp, train: 'train', target: params.cleanV ? 'isA' : 'isA_noisy', test: 'test', testTarget: 'isA', loss: { kind: 'zero-one' }, output: 'label', description: 'is the point in region A?' },
      { id: 'w', inputs: [], parents: ['u', 'v'], learner: { kind: 'bayes-optimal', args: {} }, train: 'downstreamTrain', target: 'isAB', test: 'test', loss: { kind: 'zero-one' }, output: 'label', description: 'A or B, from u’s and v’s hard outputs' },
    ],
    source: { module: MODULE, export: 'anticorrelatedSystem', params: params as JsonObject },
  });
}

/** Figure 3's update: u is retrained on clean labels. */
export const cleanU: Update = { name: 'u → trained on clean labels', model: 'u', target: 'isB' };
