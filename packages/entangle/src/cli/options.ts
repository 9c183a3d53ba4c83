// Parsers for command-line option values; a bad value is a commander InvalidArgumentError (exit code 2).
import { InvalidArgumentError } from 'commander';
import type { Json, JsonObject } from '../core/types.js';
import { PRESETS, type PresetName } from '../scenarios/scenario.js';

/** A positive integer, e.g. --seeds 5. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got '${value}'.`);
  return n;
}

/** A TCP port: 0 (any free port) to 65535. */
export function port(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n > 65535) throw new InvalidArgumentError(`expected a port number from 0 to 65535, got '${value}'.`);
  return n;
}

/** One of quick, standard, paper. */
export function preset(value: string): PresetName {
  if (!(PRESETS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${PRESETS.join(', ')}, got '${value}'.`);
  return value as PresetName;
}

/** A value as JSON when it parses (numbers, booleans, null, arrays, objects, quoted strings), else the raw string. */
export function jsonOrString(value: string): Json {
  try {
    return JSON.parse(value) as Json;
  } catch {
    return value;
  }
}

/** A JSON object, e.g. --params '{"n": 200}'. */
export function jsonObject(value: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    throw new InvalidArgumentError(`expected a JSON object, got '${value}' (${(e as Error).message}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError(`expected a JSON object like '{"n": 200}', got '${value}'.`);
  return parsed as JsonObject;
}

/**
 * Collects repeated `--set key=value` into one object. Dotted keys set nested fields (`train.lr=0.1`);
 * values are parsed as JSON when possible (`n=200` is a number, `name=abc` a string).
 */
export function assignment(value: string, previous: JsonObject = {}): JsonObject {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got '${value}'.`);
  const path = value.slice(0, eq).split('.');
  if (path.some((p) => p.length === 0)) throw new InvalidArgumentError(`expected key=value with a non-empty key, got '${value}'.`);
  const next: JsonObject = structuredClone(previous);
  let target = next;
  for (const key of path.slice(0, -1)) {
    const existing = target[key];
    if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) target[key] = {};
    target = target[key] as JsonObject;
  }
  target[path[path.length - 1]] = jsonOrString(value.slice(eq + 1));
  return next;
}

function finiteNumber(value: string): number | undefined {
  const n = Number(value);
  return value.trim() === '' || !Number.isFinite(n) ? undefined : n;
}

/** A number from 0 to 1, e.g. --threshold 0.5. */
export function unitInterval(value: string): number {
  const n = finiteNumber(value);
  if (n === undefined || n < 0 || n > 1) throw new InvalidArgumentError(`expected a number from 0 to 1, got '${value}'.`);
  return n;
}

/** A number ≥ 0, e.g. --margin 0.02. */
export function nonNegative(value: string): number {
  const n = finiteNumber(value);
  if (n === undefined || n < 0) throw new InvalidArgumentError(`expected a number ≥ 0, got '${value}'.`);
  return n;
}
