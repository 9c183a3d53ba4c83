// Learners and test losses registered by kind, so that systems, updates and jobs stay plain JSON.
// Implementations register themselves when their module is imported (workers re-import them too).
import { UnknownNameError, EntangleError } from '../core/errors.js';
import { closest, listNames } from '../core/suggest.js';
import type { Learner, TestLoss } from '../core/types.js';

const learners = new Map<string, Learner>();
const losses = new Map<string, TestLoss>();

export interface RegisterOptions {
  /** Replace an implementation already registered under the same kind (tests, plugins overriding a default). */
  replace?: boolean;
}

function register<T extends { kind: string }>(table: Map<string, T>, what: string, item: T, options: RegisterOptions): void {
  if (typeof item.kind !== 'string' || item.kind.length === 0) {
    throw new EntangleError(`Cannot register a ${what} without a kind: expected a non-empty string 'kind', got ${JSON.stringify(item.kind)}.`);
  }
  const existing = table.get(item.kind);
  if (existing !== undefined && existing !== item && options.replace !== true) {
    throw new EntangleError(
      `A ${what} of kind '${item.kind}' is already registered. Pick another kind, or pass { replace: true } to replace it on purpose.`,
    );
  }
  table.set(item.kind, item);
}

function lookup<T>(table: Map<string, T>, what: string, registerCall: string, kind: string): T {
  const found = table.get(kind);
  if (found !== undefined) return found;
  const known = [...table.keys()].sort();
  const suggestion = closest(kind, known);
  const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
  throw new UnknownNameError(
    `Unknown ${what} kind '${kind}'.${hint} Registered ${what}s: ${listNames(known)}. ` +
      `Import the module that defines it (implementations register on import) or call ${registerCall}.`,
    what,
    kind,
    known,
    suggestion,
  );
}

/** Makes a learner available by its kind. */
export function registerLearner(learner: Learner, options: RegisterOptions = {}): void {
  register(learners, 'learner', learner, options);
}

/** The learner registered under `kind`; throws UnknownNameError with the closest registered kind. */
export function getLearner(kind: string): Learner {
  return lookup(learners, 'learner', 'registerLearner(...)', kind);
}

export function hasLearner(kind: string): boolean {
  return learners.has(kind);
}

/** Registered learner kinds, sorted. */
export function listLearners(): string[] {
  return [...learners.keys()].sort();
}

/** Makes a test loss available by its kind. */
export function registerLoss(loss: TestLoss, options: RegisterOptions = {}): void {
  register(losses, 'loss', loss, options);
}

/** The test loss registered under `kind`; throws UnknownNameError with the closest registered kind. */
export function getLoss(kind: string): TestLoss {
  return lookup(losses, 'loss', 'registerLoss(...)', kind);
}

export function hasLoss(kind: string): boolean {
  return losses.has(kind);
}

/** Registered loss kinds, sorted. */
export function listLosses(): string[] {
  return [...losses.keys()].sort();
}

/** Removes a registration (tests only). */
export function unregister(what: 'learner' | 'loss', kind: string): void {
  (what === 'learner' ? learners : losses).delete(kind);
}
