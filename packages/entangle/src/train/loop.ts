// The one training loop of every torch learner: seeded shuffling, minibatch Adam/SGD, multi-step lr decay,
// optional held-out split with best-epoch selection / early stopping, augmentation, progress and abort.
import * as torch from '@entangle/torch';
import type { FitContext } from '../core/types.js';
import type { TrainArgs } from './args.js';
import { augmentImages } from './augment.js';
import { batchBounds } from './batches.js';
import { createRng, permutation } from './random.js';
import { learningRateAt } from './schedule.js';

/** What the loop trains: a module, how to run it on a batch, the per-example training loss, and the data. */
export interface TrainProblem {
  /** Its parameters are optimized; the loop switches train()/eval() mode. */
  module: torch.nn.Module;
  /** The network's output for a batch of inputs. */
  forward(x: torch.Tensor): torch.Tensor;
  /** Per-example training losses, shape [batch], for a batch's outputs and targets. */
  exampleLosses(output: torch.Tensor, target: torch.Tensor): torch.Tensor;
  /** All training inputs, examples along dim 0 (images as [N, C, H, W] when augmenting). */
  x: torch.Tensor;
  /** All training targets, examples along dim 0. */
  y: torch.Tensor;
}

export interface EpochRecord {
  /** 0-based epoch. */
  epoch: number;
  /** Learning rate used in this epoch. */
  lr: number;
  /** Mean per-example training loss over the epoch's steps (weights change during the epoch). */
  loss: number;
  /** Mean per-example loss on the held-out split after the epoch (eval mode), or null without a holdout. */
  holdoutLoss: number | null;
}

/** What training did, as plain data. */
export interface TrainReport {
  history: EpochRecord[];
  /** 0-based epoch whose weights the module holds at the end (the best one when holdout.select = 'best'). */
  selectedEpoch: number;
  stoppedEarly: boolean;
  /** Training examples held out (sorted indices into the training set); empty without a holdout. */
  holdoutIndices: number[];
  /**
   * With `recordExampleLosses`: per epoch, every training example's loss as computed in its training step
   * (before that step's update, on the augmented view); NaN for held-out examples. Otherwise null.
   */
  exampleLosses: Float32Array[] | null;
}

export interface TrainOptions {
  /** Called after each epoch with its record (after ctx.onProgress). */
  onEpoch?(record: EpochRecord): void;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function indexTensor(indices: ArrayLike<number>): torch.Tensor {
  return torch.tensor(Int32Array.from(indices), [indices.length], { dtype: 'int64' });
}

function splitHoldout(n: number, args: TrainArgs): { train: Int32Array; holdout: Int32Array } {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (!args.holdout) return { train: all, holdout: new Int32Array(0) };
  const size = Math.min(n - 1, Math.max(1, Math.round(args.holdout.fraction * n)));
  if (n < 2) throw new Error(`train: a holdout split needs at least 2 training examples; got ${n}. Remove 'holdout' from the train args.`);
  const perm = permutation(n, createRng(args.holdout.seed, 'holdout'));
  const holdout = perm.slice(0, size).sort();
  const train = perm.slice(size).sort();
  return { train, holdout };
}

/** Mean per-example loss of the module (eval mode, no grad) over the examples `indices`. */
export function meanLoss(problem: TrainProblem, indices: Int32Array, batchSize: number): number {
  problem.module.eval();
  let total = 0;
  for (let start = 0; start < indices.length; start += batchSize) {
    const batch = indices.subarray(start, Math.min(indices.length, start + batchSize));
    total += torch.tidy(() =>
      torch.noGrad(() => {
        const idx = indexTensor(batch);
        const out = problem.forward(torch.indexSelect(problem.x, 0, idx));
        return problem.exampleLosses(out, torch.indexSelect(problem.y, 0, idx)).sum().item();
      }),
    );
  }
  return total / indices.length;
}

function snapshot(module: torch.nn.Module): Record<string, torch.Tensor> {
  return torch.tidy(() => {
    const copy: Record<string, torch.Tensor> = {};
    for (const [name, t] of Object.entries(module.stateDict())) copy[name] = t.detach().clone();
    return copy;
  });
}

/**
 * Trains `problem.module` in place and reports the per-epoch history. Randomness: shuffling and augmentation
 * draw from JS generators seeded by ctx.seed (streams 'shuffle', 'augment'); the holdout split from
 * args.holdout.seed; torch's own generator (dropout) must be seeded by the caller (torch.manualSeed) before
 * the module is built. Checks ctx.signal between batches and throws its reason when aborted.
 */
export async function trainModule(problem: TrainProblem, args: TrainArgs, ctx: FitContext, options: TrainOptions = {}): Promise<TrainReport> {
  const n = problem.x.shape[0];
  if (problem.y.shape[0] !== n) throw new Error(`train (model '${ctx.model}'): inputs have ${n} examples but targets have ${problem.y.shape[0]}.`);
  if (n === 0) throw new Error(`train (model '${ctx.model}'): the training set is empty.`);
  const { train, holdout } = splitHoldout(n, args);
  const shuffleRng = createRng(ctx.seed, 'shuffle');
  const augmentRng = createRng(ctx.seed, 'augment');
  const params = problem.module.parameters();
  const optimizer = args.optimizer === 'adam'
    ? new torch.optim.Adam(params, { lr: args.lr, weightDecay: args.weightDecay })
    : new torch.optim.SGD(params, { lr: args.lr, momentum: args.momentum, weightDecay: args.weightDecay });
  const history: EpochRecord[] = [];
  const exampleLosses: Float32Array[] | null = args.recordExampleLosses ? [] : null;
  let best: { loss: number; epoch: number; weights: Record<string, torch.Tensor> | null } = { loss: Infinity, epoch: -1, weights: null };
  let stoppedEarly = false;
  try {
    for (let epoch = 0; epoch < args.epochs; epoch++) {
      const lr = learningRateAt(args.lr, epoch, args.epochs, args.milestones, args.gamma);
      optimizer.lr = lr;
      problem.module.train();
      const order = permutation(train.length, shuffleRng).map((i) => train[i]);
      const perExample = exampleLosses ? new Float32Array(n).fill(NaN) : null;
      let lossSum = 0;
      for (const [start, end] of batchBounds(order.length, args.batchSize)) {
        ctx.signal?.throwIfAborted();
        const batch = order.subarray(start, end);
        lossSum += torch.tidy(() => {
          const idx = indexTensor(batch);
          let xb = torch.indexSelect(problem.x, 0, idx);
          if (args.augment) xb = augmentImages(xb, args.augment, augmentRng);
          const yb = torch.indexSelect(problem.y, 0, idx);
          optimizer.zeroGrad();
          const losses = problem.exampleLosses(problem.forward(xb), yb);
          losses.mean().backward();
          optimizer.step();
          const values = losses.detach().toTypedArray() as Float32Array;
          let sum = 0;
          for (let j = 0; j < values.length; j++) {
            sum += values[j];
            if (perExample) perExample[batch[j]] = values[j];
          }
          return sum;
        });
        await yieldToEventLoop();
      }
      const holdoutLoss = holdout.length ? meanLoss(problem, holdout, args.batchSize) : null;
      const record: EpochRecord = { epoch, lr, loss: lossSum / order.length, holdoutLoss };
      history.push(record);
      if (perExample) exampleLosses!.push(perExample);
      ctx.onProgress?.({ model: ctx.model, seed: ctx.seed, epoch: epoch + 1, epochs: args.epochs, loss: record.loss });
      options.onEpoch?.(record);
      if (args.holdout && holdoutLoss !== null) {
        if (holdoutLoss < best.loss) {
          if (best.weights) torch.dispose(best.weights);
          best = { loss: holdoutLoss, epoch, weights: args.holdout.select === 'best' ? snapshot(problem.module) : null };
        } else if (args.holdout.patience !== null && epoch - best.epoch >= args.holdout.patience) {
          stoppedEarly = true;
          break;
        }
      }
    }
    let selectedEpoch = history.length - 1;
    if (best.weights) {
      problem.module.loadStateDict(best.weights, { strict: true });
      selectedEpoch = best.epoch;
    }
    problem.module.eval();
    return { history, selectedEpoch, stoppedEarly, holdoutIndices: Array.from(holdout), exampleLosses };
  } finally {
    if (best.weights) torch.dispose(best.weights);
    optimizer.dispose();
  }
}
