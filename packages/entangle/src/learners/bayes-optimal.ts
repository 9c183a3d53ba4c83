// bayes-optimal: for discrete inputs, the empirical posterior P(class | tuple of input values) from the training set.
import { z } from 'zod';
import { ContractError } from '../core/errors.js';
import type { Block, FitContext, FittedModel, Inputs, Json, JsonObject, Learner, OutputDescription, TrainSet } from '../core/types.js';
import { registerLearner } from '../registry/registry.js';
import { argIssues, parseArgs } from './args.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { flatInputs, type InputLayout } from './inputs.js';
import { classTargets } from './targets.js';
import { shapeOrUnknown } from './describe.js';

export const bayesOptimalArgsSchema = z.strictObject({
  output: z.enum(['label', 'probabilities']).default('label'),
  classes: z.number().int().min(2).nullable().default(null),
  /** Refuse inputs with more distinct tuples than this (they are not discrete, or too fine to count). */
  maxTuples: z.number().int().positive().default(65536),
});
export type BayesOptimalArgs = z.output<typeof bayesOptimalArgsSchema>;

interface BayesTable {
  kind: 'bayes-optimal';
  classes: number;
  input: InputLayout;
  /** Class counts over the whole training set (used for tuples never seen in training). */
  prior: number[];
  /** [tuple key, class counts] sorted by key; key = the tuple's values joined by ','. */
  table: [string, number[]][];
}

const WHAT = "Learner 'bayes-optimal'";

function tupleKey(data: Float32Array, row: number, dim: number): string {
  let key = '';
  for (let j = 0; j < dim; j++) key += (j ? ',' : '') + String(data[row * dim + j]);
  return key;
}

/** Index of the largest count; ties go to the smallest class index. */
function argmaxFirst(counts: number[]): number {
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
  return best;
}

/**
 * Predicts, for each input tuple x: label = argmax_c N(x, c) (ties: smallest c), probabilities = N(x, c) / N(x).
 * A tuple never seen in training falls back to the class prior N(c) / n. This is the Bayes-optimal rule under
 * the empirical distribution of the training set (the paper's 4.2 downstream model).
 */
class BayesOptimalModel implements FittedModel {
  private readonly lookup: Map<string, number[]>;

  constructor(private readonly args: BayesOptimalArgs, private readonly t: BayesTable) {
    this.lookup = new Map(t.table);
  }

  predict(inputs: Inputs): Block {
    const { data, n, dim } = flatInputs(inputs, WHAT, this.t.input);
    const k = this.t.classes;
    const probs = this.args.output === 'probabilities';
    const out = new Float32Array(probs ? n * k : n);
    for (let i = 0; i < n; i++) {
      const counts = this.lookup.get(tupleKey(data, i, dim)) ?? this.t.prior;
      if (!probs) {
        out[i] = argmaxFirst(counts);
        continue;
      }
      const total = counts.reduce((a, b) => a + b, 0);
      for (let c = 0; c < k; c++) out[i * k + c] = counts[c] / total;
    }
    return { shape: probs ? [n, k] : [n], data: out };
  }

  save(): Uint8Array {
    return encodeCheckpoint(this.t as unknown as Json, {});
  }

  dispose(): void {}
}

export const bayesOptimal: Learner = {
  kind: 'bayes-optimal',

  async fit(train: TrainSet, rawArgs: JsonObject, ctx: FitContext): Promise<FittedModel> {
    const where = `${WHAT} (model '${ctx.model}')`;
    const args = parseArgs(bayesOptimalArgsSchema, rawArgs, WHAT, ctx.model);
    const { data, n, dim, layout } = flatInputs(train.inputs, where);
    if (n === 0) throw new ContractError(`${where}: the training set is empty; the posterior table needs examples.`);
    const { labels, classes } = classTargets(train, where, args.classes);
    const counts = new Map<string, number[]>();
    const prior = new Array<number>(classes).fill(0);
    for (let i = 0; i < n; i++) {
      const key = tupleKey(data, i, dim);
      let row = counts.get(key);
      if (!row) {
        if (counts.size >= args.maxTuples) throw new ContractError(`${where}: the inputs take more than ${args.maxTuples} distinct values; bayes-optimal needs discrete inputs (e.g. parents' labels). Feed it labels, or raise arg maxTuples.`);
        row = new Array<number>(classes).fill(0);
        counts.set(key, row);
      }
      row[labels[i]]++;
      prior[labels[i]]++;
    }
    const table = [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return new BayesOptimalModel(args, { kind: 'bayes-optimal', classes, input: layout, prior, table });
  },

  load(bytes: Uint8Array, rawArgs: JsonObject): FittedModel {
    const args = parseArgs(bayesOptimalArgsSchema, rawArgs, WHAT);
    const t = decodeCheckpoint(bytes, WHAT).meta as unknown as BayesTable;
    if (t?.kind !== 'bayes-optimal') throw new ContractError(`${WHAT}: these bytes were not saved by bayes-optimal; load them with the learner that saved them.`);
    return new BayesOptimalModel(args, t);
  },

  checkInputs: (_args, inputs) => inputs.filter((b) => b.shape === 'records').map((b) => `input '${b.name}' holds records; bayes-optimal reads dense blocks only`),

  checkArgs: (args) => argIssues(bayesOptimalArgsSchema, args),

  describeOutput(rawArgs: JsonObject): OutputDescription {
    const args = parseArgs(bayesOptimalArgsSchema, rawArgs, WHAT);
    return args.output === 'label' ? { kind: 'label', shape: [] } : { kind: 'probabilities', shape: shapeOrUnknown(args.classes === null ? null : [args.classes]) };
  },
};

registerLearner(bayesOptimal);
