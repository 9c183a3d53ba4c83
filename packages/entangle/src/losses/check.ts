// checkLoss: the conformance check every registered test loss passes (plain number, deterministic, inputs
// untouched, args as JSON, no leaked tensors).
import { isDeepStrictEqual } from 'node:util';
import * as torch from '@entangle/torch';
import { ContractError } from '../core/errors.js';
import type { Dataset, JsonObject, Outputs } from '../core/types.js';
import { getLoss } from '../registry/registry.js';

function snapshot(pred: Outputs, test: Dataset): string {
  const dense = (v: unknown) => (v instanceof Float32Array ? Array.from(v) : v);
  return JSON.stringify({ pred, fields: test.fields }, (_, v) => dense(v));
}

/**
 * Evaluates `kind` twice on the same prediction and test set and checks: args survive JSON and checkArgs finds
 * no problem; the value is a finite number; both calls agree exactly; neither the prediction nor the test set
 * is modified; torch.memory().liveTensors is unchanged. Returns the value; throws a ContractError listing every
 * failed check.
 */
export function checkLoss(kind: string, args: JsonObject, pred: Outputs, test: Dataset, targetField: string): number {
  const loss = getLoss(kind);
  const problems: string[] = [];
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(args)), args)) problems.push('args do not survive a JSON round trip');
  const argProblems = loss.checkArgs?.(args) ?? [];
  if (argProblems.length) problems.push(`checkArgs reports problems for valid args: ${argProblems.join('; ')}`);
  const before = snapshot(pred, test);
  const live = torch.memory().liveTensors;
  const first = loss.evaluate(pred, test, targetField, args);
  const second = loss.evaluate(pred, test, targetField, JSON.parse(JSON.stringify(args)) as JsonObject);
  if (typeof first !== 'number' || !Number.isFinite(first)) problems.push(`evaluate returned ${String(first)}; expected a finite number`);
  if (!Object.is(first, second)) problems.push(`two evaluations disagree (${first} vs ${second})`);
  if (snapshot(pred, test) !== before) problems.push('evaluate modified the prediction or the test set');
  const leaked = torch.memory().liveTensors - live;
  if (leaked !== 0) problems.push(`${leaked} tensors still alive after evaluate`);
  if (problems.length) throw new ContractError(`Loss '${kind}' fails the conformance check with args ${JSON.stringify(args)}:\n  - ${problems.join('\n  - ')}`);
  return first;
}
