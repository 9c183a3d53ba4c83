// The remedies of paper §7 ("tightening the API") as changes to a system: a richer downstream learner, calibrated
// (probability) outputs instead of hard labels, or a whitening node between an upstream model and its children.
import { fileURLToPath } from 'node:url';
import { EntangleError } from '../core/errors.js';
import { listNames } from '../core/suggest.js';
import type { JsonObject, LearnerSpec } from '../core/types.js';
import { widenLearner, type WidenOption } from '../diagnose/widen.js';
import { getLoss } from '../registry/registry.js';
import type { ModelSpec } from '../system/spec.js';
import { defineSystem, type System } from '../system/system.js';
import './whiten-learner.js';
import './whitening-loss.js';

/** The remedy could not be applied to this system (the message says why and what to do instead). */
export class RemedyError extends EntangleError {}

export type RemedyKind = 'widen-downstream' | 'calibrate' | 'whiten';
export const REMEDY_KINDS: readonly RemedyKind[] = ['widen-downstream', 'calibrate', 'whiten'];

/** What the caller asks for; `models` defaults per kind (see resolveRemedy). */
export interface RemedyRequest {
  kind: RemedyKind;
  /** widen-downstream: the downstream models to widen; calibrate/whiten: the upstream models whose outputs to change. */
  models?: string[];
  /** widen-downstream: the richer learner (default: widenLearner's rules). */
  widen?: WidenOption;
  /** whiten: 'zca' (default) or 'standardize', and the eigenvalue floor ε (default 1e-5). */
  method?: 'zca' | 'standardize';
  epsilon?: number;
}

/** A remedy with every choice made: plain JSON, so workers can rebuild the remedied systems. */
export type ResolvedRemedy =
  | { kind: 'widen-downstream'; learners: Record<string, LearnerSpec> }
  | { kind: 'calibrate'; models: string[] }
  | { kind: 'whiten'; models: string[]; args: { method: 'zca' | 'standardize'; epsilon: number } };

export interface RemediedSystem {
  system: System;
  /** One sentence per change made. */
  changes: string[];
  /** Ids of models the remedy inserted (whiten nodes); they are not part of the judgement. */
  inserted: string[];
}

/** Learner kinds that can emit 'probabilities' through their `output` arg. */
const PROBABILISTIC = new Set(['logistic-regression', 'mlp', 'convnet', 'resnet', 'knn', 'bayes-optimal']);

/** Id of the whitening node inserted after `model`. */
export const whitenedId = (model: string): string => `${model}.whitened`;

function checkModels(system: System, models: readonly string[], kind: RemedyKind): void {
  for (const m of models) {
    if (!system.has(m)) throw new RemedyError(`Remedy '${kind}' names model '${m}', which is not in system '${system.name}'. Known models: ${listNames(system.models.map((x) => x.id))}.`);
  }
}

/** Why `spec` cannot emit calibrated probabilities, or null when it can. */
function calibrateProblem(spec: ModelSpec): string | null {
  if (spec.output === 'probabilities') return `'${spec.id}' already emits probabilities`;
  if (spec.output !== 'label' && spec.output !== 'logits') return `'${spec.id}' emits '${spec.output}', not class labels or logits; calibration applies to classifiers (try 'whiten' for features and values)`;
  if (!PROBABILISTIC.has(spec.learner.kind)) return `'${spec.id}' uses learner '${spec.learner.kind}', which has no 'probabilities' output`;
  const accepts = getLoss(spec.loss.kind).accepts;
  if (accepts !== undefined && !accepts.includes('probabilities')) return `'${spec.id}'s test loss '${spec.loss.kind}' does not score probabilities`;
  return null;
}

/**
 * Makes every choice of a remedy for the update of `v` in `system`. Defaults: widen-downstream widens `downstream`
 * (the offending descendants, or all of v's descendants); calibrate and whiten change v itself. Returns a reason
 * string when the remedy does not apply.
 */
export function resolveRemedy(system: System, v: string, downstream: readonly string[], request: RemedyRequest): ResolvedRemedy | string {
  switch (request.kind) {
    case 'widen-downstream': {
      const models = request.models ?? [...downstream];
      checkModels(system, models, request.kind);
      const learners: Record<string, LearnerSpec> = {};
      for (const m of models) {
        const widened = widenLearner(system.model(m).learner, request.widen);
        if ('reason' in widened) return `cannot widen '${m}': ${widened.reason}`;
        learners[m] = widened.learner;
      }
      return { kind: 'widen-downstream', learners };
    }
    case 'calibrate': {
      const models = request.models ?? [v];
      checkModels(system, models, request.kind);
      for (const m of models) {
        const problem = calibrateProblem(system.model(m));
        if (problem !== null) return problem;
      }
      return { kind: 'calibrate', models };
    }
    case 'whiten': {
      const models = request.models ?? [v];
      checkModels(system, models, request.kind);
      for (const m of models) {
        if (system.children(m).length === 0) return `'${m}' has no children, so there is nothing downstream to whiten for`;
        if (system.has(whitenedId(m))) return `'${m}' is already followed by '${whitenedId(m)}'`;
        if (['boxes', 'points'].includes(system.model(m).output)) return `'${m}' emits '${system.model(m).output}' records, which cannot be whitened`;
      }
      return { kind: 'whiten', models, args: { method: request.method ?? 'zca', epsilon: request.epsilon ?? 1e-5 } };
    }
    default:
      throw new RemedyError(`Unknown remedy '${String((request as { kind: unknown }).kind)}'. Remedies: ${REMEDY_KINDS.join(', ')} (paper §7).`);
  }
}

/** The whitening node after `m`: trained and tested on the sets of m's first child, which it now feeds. */
function whitenNode(system: System, m: string, args: JsonObject): ModelSpec {
  const child = system.model(system.children(m)[0]);
  return {
    id: whitenedId(m), inputs: [], parents: [m], learner: { kind: 'whiten', args },
    train: child.train, target: child.target, test: child.test, testTarget: child.testTarget ?? child.target,
    loss: { kind: 'whitening-error' }, output: 'features',
    description: `whitens '${m}'s outputs with statistics of its outputs on '${child.train}' (remedy 'whiten', paper §7)`,
  };
}

const MODULE = fileURLToPath(new URL('./remedied-source.js', import.meta.url));

/** Applies a resolved remedy to `system` (the baseline or the updated one) and validates the result. */
export function applyRemedy(system: System, remedy: ResolvedRemedy): RemediedSystem {
  const changes: string[] = [];
  const inserted: string[] = [];
  let models: ModelSpec[] = system.models.map((m) => structuredClone(m) as ModelSpec);
  const at = (id: string): ModelSpec => models.find((m) => m.id === id)!;
  switch (remedy.kind) {
    case 'widen-downstream':
      for (const [id, learner] of Object.entries(remedy.learners)) {
        const spec = at(id);
        changes.push(`'${id}': learner ${spec.learner.kind} → ${learner.kind} ${JSON.stringify(learner.args)}`);
        spec.learner = structuredClone(learner);
      }
      break;
    case 'calibrate':
      for (const id of remedy.models) {
        const spec = at(id);
        const problem = calibrateProblem(spec);
        if (problem !== null) throw new RemedyError(`Cannot calibrate in system '${system.name}': ${problem}.`);
        changes.push(`'${id}': emits probabilities (softmax) instead of ${spec.output === 'label' ? 'hard labels' : 'logits'}`);
        spec.learner = { kind: spec.learner.kind, args: { ...spec.learner.args, output: 'probabilities' } };
        spec.output = 'probabilities';
      }
      break;
    case 'whiten':
      for (const id of remedy.models) {
        const node = whitenNode(system, id, remedy.args);
        const children = system.children(id);
        models = models.map((m) => (children.includes(m.id) ? { ...m, parents: m.parents.map((p) => (p === id ? node.id : p)) } : m));
        models.splice(models.findIndex((m) => m.id === id) + 1, 0, node);
        inserted.push(node.id);
        changes.push(`inserted '${node.id}' (${remedy.args.method} whitening, statistics from '${node.train}') between '${id}' and ${children.map((c) => `'${c}'`).join(', ')}`);
      }
      break;
  }
  const source = system.source === undefined ? undefined : { module: MODULE, export: 'remediedSystem', params: { base: structuredClone(system.source), remedy } as unknown as JsonObject };
  const remedied = defineSystem({ name: system.name, datasets: { ...system.datasets }, models, ...(source ? { source } : {}) });
  return { system: remedied, changes, inserted };
}
