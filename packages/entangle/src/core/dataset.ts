// Building datasets in code: sizes and content versions computed from the fields.
import { createHash } from 'node:crypto';
import type { Dataset, Field } from './types.js';
import { canonicalJson } from './canonical-json.js';

/** A field from rows of equal length (shape [rows, width]) or a flat array (shape [rows]). */
export function field(values: ArrayLike<number> | number[][], shape?: number[]): Field {
  if (values.length > 0 && Array.isArray((values as number[][])[0])) {
    const rows = values as number[][];
    const width = rows[0].length;
    const data = new Float32Array(rows.length * width);
    rows.forEach((row, i) => data.set(row, i * width));
    return { shape: shape ?? [rows.length, width], data };
  }
  const data = Float32Array.from(values as ArrayLike<number>);
  return { shape: shape ?? [data.length], data };
}

/** SHA-256 over the fields' names, shapes and bytes and the records' JSON: the content's identity. */
export function contentVersion(fields: Record<string, Field>, records: Record<string, unknown[]> = {}): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(fields).sort()) {
    const f = fields[name];
    hash.update(`field:${name}:${f.shape.join('x')}:`);
    hash.update(new Uint8Array(f.data.buffer, f.data.byteOffset, f.data.byteLength));
  }
  for (const name of Object.keys(records).sort()) hash.update(`records:${name}:${canonicalJson(records[name])}`);
  return `sha256:${hash.digest('hex')}`;
}

/** A Dataset whose size comes from its first field (or records column) and whose version hashes its content unless given. */
export function makeDataset(parts: { fields: Record<string, Field>; records?: Record<string, unknown[]>; version?: string }): Dataset {
  const firstField = Object.values(parts.fields)[0];
  const firstRecords = Object.values(parts.records ?? {})[0];
  const size = firstField !== undefined ? firstField.shape[0] : firstRecords !== undefined ? firstRecords.length : 0;
  const dataset: Dataset = { version: parts.version ?? contentVersion(parts.fields, parts.records), size, fields: parts.fields };
  if (parts.records !== undefined) dataset.records = parts.records;
  return dataset;
}
