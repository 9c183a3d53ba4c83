// Reading and checking the digit scenarios' parameters; every error names the scenario, the parameter and the value.
import { EntangleError } from '../../core/errors.js';
import type { Json, JsonObject, LearnerSpec } from '../../core/types.js';
import type { DigitsSource } from './data.js';

/** A scenario or system parameter that is missing, of the wrong type or out of range. */
export class ParamError extends EntangleError {}

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

export class Params {
  constructor(readonly params: JsonObject, readonly where: string) {}

  #fail(name: string, expected: string): never {
    throw new ParamError(`${this.where}: parameter '${name}' must be ${expected}, got ${show(this.params[name])}.`);
  }

  number(name: string, check: { min?: number; minExclusive?: number; max?: number; integer?: boolean } = {}): number {
    const v = this.params[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) this.#fail(name, 'a number');
    if (check.integer && !Number.isInteger(v)) this.#fail(name, 'an integer');
    if (check.min !== undefined && v < check.min) this.#fail(name, `>= ${check.min}`);
    if (check.minExclusive !== undefined && !(v > check.minExclusive)) this.#fail(name, `> ${check.minExclusive}`);
    if (check.max !== undefined && v > check.max) this.#fail(name, `<= ${check.max}`);
    return v;
  }

  /** A non-empty list of numbers, each passing `check` (the message names the offending entry). */
  numbers(name: string, check: { min?: number; minExclusive?: number; max?: number; integer?: boolean; minLength?: number } = {}): number[] {
    const v = this.params[name];
    const minLength = check.minLength ?? 1;
    if (!Array.isArray(v) || v.length < minLength) this.#fail(name, `a list of at least ${minLength} number${minLength === 1 ? '' : 's'}`);
    return v.map((x, i) => new Params({ [`${name}[${i}]`]: x }, this.where).number(`${name}[${i}]`, check));
  }

  string<T extends string>(name: string, allowed: readonly T[]): T {
    const v = this.params[name];
    if (typeof v !== 'string' || !allowed.includes(v as T)) this.#fail(name, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
    return v as T;
  }

  nullableString(name: string): string | null {
    const v = this.params[name];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string' || v === '') this.#fail(name, 'a non-empty string or null');
    return v;
  }

  nullableInteger(name: string, min: number): number | null {
    const v = this.params[name];
    if (v === null || v === undefined) return null;
    return this.number(name, { integer: true, min });
  }

  /** A learner spec { kind, args }. */
  learner(name: string): LearnerSpec {
    const v = this.params[name];
    if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof v.kind !== 'string' || typeof v.args !== 'object' || v.args === null || Array.isArray(v.args)) {
      this.#fail(name, "a learner spec { kind: string, args: object }");
    }
    return { kind: v.kind, args: v.args as JsonObject };
  }

  /** The digit source parameters shared by every digit scenario. */
  source(): DigitsSource {
    return {
      source: this.string('source', ['mnist', 'svhn', 'idx'] as const),
      path: this.nullableString('path'),
      trainPerClass: this.nullableInteger('trainPerClass', 1),
    };
  }
}

/** The source parameters as JSON, for passing on to system factories. */
export function sourceJson(s: DigitsSource): JsonObject {
  return { source: s.source, path: s.path, trainPerClass: s.trainPerClass };
}

/** `spec` with `extra` merged into its args. */
export function withArgs(spec: LearnerSpec, extra: Record<string, Json>): LearnerSpec {
  return { kind: spec.kind, args: { ...spec.args, ...extra } };
}
