// slice: any registered loss restricted to a subset of the test set (a class, a range of a field, or a named predicate).
import { z } from 'zod';
import { ContractError, EntangleError } from '../core/errors.js';
import { closest, listNames } from '../core/suggest.js';
import type { Block, Dataset, Field, JsonObject, Outputs, Records, TestLoss } from '../core/types.js';
import { getLoss, registerLoss } from '../registry/registry.js';
import { argIssues, parseArgs } from '../learners/args.js';
import { targetField } from './read.js';

/** Selects test examples: true (or 1) keeps example i. */
export type SlicePredicate = (test: Dataset, targetField: string, args: JsonObject) => ArrayLike<boolean | number>;

const predicates = new Map<string, SlicePredicate>();

/** Makes a predicate available to slice losses as where.predicate = name. */
export function registerSlicePredicate(name: string, predicate: SlicePredicate, options: { replace?: boolean } = {}): void {
  if (predicates.has(name) && options.replace !== true) throw new EntangleError(`A slice predicate named '${name}' is already registered. Pick another name, or pass { replace: true }.`);
  predicates.set(name, predicate);
}

const whereSchema = z
  .strictObject({
    /** Keep examples whose `field` (default: the target) equals this class, or one of these classes. */
    class: z.union([z.number(), z.array(z.number()).min(1)]).nullable().default(null),
    /** The field that `class` and the range read; default: the loss's target field. */
    field: z.string().min(1).nullable().default(null),
    /** Keep examples with min <= field value (one value per example). */
    min: z.number().nullable().default(null),
    /** Keep examples with field value < max. */
    max: z.number().nullable().default(null),
    /** Keep examples selected by a registered predicate. */
    predicate: z.string().min(1).nullable().default(null),
    predicateArgs: z.record(z.string(), z.json()).default({}),
  })
  .refine((w) => [w.class !== null, w.min !== null || w.max !== null, w.predicate !== null].filter(Boolean).length === 1, {
    message: "give exactly one selection: 'class', a range ('min'/'max'), or 'predicate'",
  });

const schema = z.strictObject({
  /** The loss computed on the slice. */
  loss: z.strictObject({ kind: z.string().min(1), args: z.record(z.string(), z.json()).default({}) }),
  where: whereSchema,
});
type Where = z.output<typeof whereSchema>;

function selectRows(test: Dataset, target: string, where: Where): number[] {
  let keep: ArrayLike<boolean | number>;
  if (where.predicate !== null) {
    const p = predicates.get(where.predicate);
    if (!p) {
      const known = [...predicates.keys()].sort();
      const hint = closest(where.predicate, known);
      throw new ContractError(`Loss 'slice': no slice predicate named '${where.predicate}'.${hint ? ` Did you mean '${hint}'?` : ''} Registered: ${listNames(known)}. Register it with registerSlicePredicate(name, fn).`);
    }
    keep = p(test, target, where.predicateArgs as JsonObject);
    if (keep.length !== test.size) throw new ContractError(`Loss 'slice': predicate '${where.predicate}' returned ${keep.length} flags for ${test.size} test examples.`);
  } else {
    const name = where.field ?? target;
    const { field, width } = targetField(test, name, 'slice');
    if (width !== 1) throw new ContractError(`Loss 'slice': field '${name}' has per-example shape [${field.shape.slice(1).join(', ')}]; class and range slices read one value per example.`);
    if (where.class !== null) {
      const classes = new Set(Array.isArray(where.class) ? where.class : [where.class]);
      keep = Array.from(field.data, (v) => classes.has(v));
    } else {
      const lo = where.min ?? -Infinity;
      const hi = where.max ?? Infinity;
      keep = Array.from(field.data, (v) => v >= lo && v < hi);
    }
  }
  const rows: number[] = [];
  for (let i = 0; i < test.size; i++) if (keep[i]) rows.push(i);
  return rows;
}

function takeRows<T extends Field | Block>(f: T, rows: number[]): T {
  const width = f.shape.slice(1).reduce((a, b) => a * b, 1);
  const data = new Float32Array(rows.length * width);
  rows.forEach((r, i) => data.set(f.data.subarray(r * width, (r + 1) * width), i * width));
  return { ...f, shape: [rows.length, ...f.shape.slice(1)], data };
}

/** The test set restricted to `rows` (every field and record column), with a version naming the slice. */
export function sliceDataset(test: Dataset, rows: number[], label: string): Dataset {
  const fields: Record<string, Field> = {};
  for (const [name, f] of Object.entries(test.fields)) fields[name] = takeRows(f, rows);
  const records = test.records ? Object.fromEntries(Object.entries(test.records).map(([k, items]) => [k, rows.map((r) => items[r])])) : undefined;
  return { version: `${test.version}#slice(${label})`, size: rows.length, fields, ...(records ? { records } : {}) };
}

function slicePred(pred: Outputs, rows: number[]): Outputs {
  if ((pred as Records).kind === 'records') return { kind: 'records', items: rows.map((r) => (pred as Records).items[r]) };
  return takeRows(pred as Block, rows);
}

/** ℓ_slice(ŷ, D̄) = ℓ(ŷ restricted to S, D̄ restricted to S), S = the selected test examples (the inner loss's own formula). */
export const slice: TestLoss = {
  kind: 'slice',
  evaluate(pred: Outputs, test: Dataset, target: string, rawArgs: JsonObject): number {
    const args = parseArgs(schema, rawArgs, "Loss 'slice'");
    const inner = getLoss(args.loss.kind);
    const rows = selectRows(test, target, args.where);
    if (rows.length === 0) throw new ContractError(`Loss 'slice': the selection ${JSON.stringify(args.where)} keeps no test examples, so '${args.loss.kind}' is undefined on it. Check the class/range/predicate.`);
    const label = JSON.stringify(args.where);
    return inner.evaluate(slicePred(pred, rows), sliceDataset(test, rows, label), target, args.loss.args as JsonObject);
  },
  checkArgs(args: JsonObject): string[] {
    const problems = argIssues(schema, args);
    if (problems.length) return problems;
    const parsed = schema.parse(args);
    try {
      const inner = getLoss(parsed.loss.kind);
      return (inner.checkArgs?.(parsed.loss.args as JsonObject) ?? []).map((p) => `loss.args: ${p}`);
    } catch (err) {
      return [(err as Error).message];
    }
  },
};

registerLoss(slice);
