// "A richer learner of the same family" per learner kind: the hypothesis-space check of the diagnosis and the
// widen-downstream remedy both use it (docs/diagnose.md, "Widening rules").
import type { Json, JsonObject, LearnerSpec } from '../core/types.js';

/** A richer learner for `learner`, or a sentence saying why there is none. */
export type WidenResult = { learner: LearnerSpec } | { reason: string };

/** User-supplied widening: a fixed learner, or a rule; returning undefined falls back to the built-in rules. */
export type WidenOption = LearnerSpec | ((learner: LearnerSpec) => LearnerSpec | undefined);

const DEFAULT_HIDDEN = [64, 64];
const DEFAULT_EPOCHS = 10;
const MAX_LR = 0.01;

function trainArgs(args: JsonObject): JsonObject {
  const train = args.train;
  return train !== null && typeof train === 'object' && !Array.isArray(train) ? { ...(train as JsonObject) } : {};
}

/** The loop args of a widened network: twice the epochs, the learning rate capped at 0.01 (Adam on a deeper net). */
function longerTraining(train: JsonObject): JsonObject {
  const epochs = typeof train.epochs === 'number' ? train.epochs : DEFAULT_EPOCHS;
  const lr = typeof train.lr === 'number' ? Math.min(train.lr, MAX_LR) : MAX_LR;
  return { ...train, epochs: 2 * epochs, lr };
}

/** Keeps the args both learners understand (output, task, classes). */
function shared(args: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of ['output', 'task', 'classes'] as const) if (args[key] !== undefined) out[key] = args[key] as Json;
  return out;
}

/**
 * The built-in rules:
 * - logistic-regression → mlp with hidden [64, 64] (same output/classes), twice the epochs, lr ≤ 0.01;
 * - linear-regression → mlp regressor with hidden [64, 64] (closed form: lr 0.01, 200 epochs, batch 32);
 * - mlp → one more hidden layer and every width doubled ([] → [64, 64]), twice the epochs, lr ≤ 0.01;
 * - bayes-optimal, knn, frozen and anything else: none (already optimal, non-parametric, or not trainable).
 */
export function widenLearner(learner: LearnerSpec, option?: WidenOption): WidenResult {
  if (option !== undefined) {
    const custom = typeof option === 'function' ? option(learner) : option;
    if (custom !== undefined) return { learner: custom };
  }
  const args = learner.args ?? {};
  switch (learner.kind) {
    case 'logistic-regression':
      return { learner: { kind: 'mlp', args: { ...shared(args), hidden: DEFAULT_HIDDEN, train: longerTraining(trainArgs(args)) } } };
    case 'linear-regression': {
      const train = args.method === 'trained' ? longerTraining(trainArgs(args)) : { lr: MAX_LR, epochs: 200, batchSize: 32 };
      return { learner: { kind: 'mlp', args: { output: 'value', hidden: DEFAULT_HIDDEN, train } } };
    }
    case 'mlp': {
      const hidden = Array.isArray(args.hidden) ? (args.hidden as number[]) : [128];
      const wider = hidden.length === 0 ? DEFAULT_HIDDEN : [...hidden.map((h) => 2 * h), 2 * hidden[hidden.length - 1]];
      return { learner: { kind: 'mlp', args: { ...args, hidden: wider, train: longerTraining(trainArgs(args)) } } };
    }
    case 'bayes-optimal':
      return { reason: "w's learner is already the Bayes-optimal rule for its discrete inputs; no richer hypothesis set exists" };
    case 'knn':
      return { reason: 'w is a k-nearest-neighbour model, which is non-parametric; there is no richer member of its family' };
    case 'frozen':
      return { reason: 'w is frozen (a fixed, untrainable model), so it cannot be widened' };
    default:
      return { reason: `there is no widening rule for learner kind '${learner.kind}'; pass options.widen with a richer learner` };
  }
}
