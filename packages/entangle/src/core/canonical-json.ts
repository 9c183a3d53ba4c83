// Canonical JSON (sorted object keys, no whitespace) and SHA-256, the basis of job keys and artifact names.
import { createHash } from 'node:crypto';
import { EntangleError } from './errors.js';

/**
 * JSON with object keys sorted at every level, so equal values give equal strings. Properties whose value is
 * undefined are dropped (as JSON.stringify does); non-finite numbers and non-JSON values are rejected, naming the path.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new EntangleError(`Cannot hash ${path}: expected a finite number, got ${value}. Use null or a string instead.`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(',')}]`;
      if (ArrayBuffer.isView(value)) throw new EntangleError(`Cannot hash ${path}: typed arrays are not JSON; keep them in a Dataset field instead.`);
      const entries = Object.keys(value as object)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], `${path}.${k}`)}`);
      return `{${entries.join(',')}}`;
    }
    default:
      throw new EntangleError(`Cannot hash ${path}: expected JSON (null, boolean, number, string, array, object), got ${typeof value}.`);
  }
}

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
