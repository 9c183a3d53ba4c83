// Validation of learner and loss args (plain JSON) with zod, with errors that name the model and the arg.
import type { z } from 'zod';
import { EntangleError } from '../core/errors.js';

/** Args given to a learner or a loss do not match its schema. */
export class ArgsError extends EntangleError {}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function formatPath(path: PropertyKey[]): string {
  let s = '';
  for (const key of path) s += typeof key === 'number' ? `[${key}]` : s ? `.${String(key)}` : String(key);
  return s || '(args)';
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Every problem of `args` against `schema`, one line each ("arg 'path': message; got value"); [] when valid. */
export function argIssues(schema: z.ZodType, args: unknown): string[] {
  const result = schema.safeParse(args ?? {});
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const shape = (issue.path.length === 0 ? (valueAt(schema, ['shape']) ?? {}) : {}) as Record<string, unknown>;
      const known = Object.keys(shape);
      const at = issue.path.length ? ` in '${formatPath(issue.path)}'` : '';
      return `unknown arg${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}${at}` +
        (known.length ? ` (known args: ${known.join(', ')})` : '');
    }
    return `arg '${formatPath(issue.path)}': ${issue.message}; got ${show(valueAt(args, issue.path))}`;
  });
}

/**
 * Parses `args` with `schema`; on failure throws an ArgsError
 * "<what> (model 'id'): invalid args: <every issue>. Fix the args in the model's spec."
 */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown, what: string, model?: string): z.output<S> {
  const result = schema.safeParse(args ?? {});
  if (result.success) return result.data;
  const where = model ? `${what} (model '${model}')` : what;
  throw new ArgsError(`${where}: invalid args: ${argIssues(schema, args).join('; ')}. Fix the args in the model's spec.`);
}
