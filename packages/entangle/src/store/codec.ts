// Compact bytes for model outputs. Blocks: "EBK1", ndim (u32), dims (u32 each), float32 values, all little-endian.
// Records: "ERC1" followed by the items as UTF-8 JSON.
import { StoreError } from '../core/errors.js';
import type { Block, Outputs, Records } from '../core/types.js';

const BLOCK_MAGIC = 'EBK1';
const RECORDS_MAGIC = 'ERC1';
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function isRecords(value: Outputs): value is Records {
  return (value as Records).kind === 'records';
}

/** Serializes outputs; records items must be JSON. */
export function encodeOutputs(value: Outputs): Uint8Array {
  if (isRecords(value)) {
    const json = Buffer.from(JSON.stringify(value.items), 'utf8');
    const out = new Uint8Array(4 + json.length);
    out.set(Buffer.from(RECORDS_MAGIC, 'ascii'));
    out.set(json, 4);
    return out;
  }
  const block = value as Block;
  const expected = block.shape.reduce((a, b) => a * b, 1);
  if (block.data.length !== expected) {
    throw new StoreError(`Cannot store a block of shape [${block.shape.join(', ')}]: expected ${expected} values, got ${block.data.length}.`);
  }
  const header = 8 + 4 * block.shape.length;
  const out = new Uint8Array(header + 4 * block.data.length);
  const view = new DataView(out.buffer);
  out.set(Buffer.from(BLOCK_MAGIC, 'ascii'));
  view.setUint32(4, block.shape.length, true);
  block.shape.forEach((d, i) => view.setUint32(8 + 4 * i, d, true));
  if (littleEndian) out.set(new Uint8Array(block.data.buffer, block.data.byteOffset, block.data.byteLength), header);
  else block.data.forEach((v, i) => view.setFloat32(header + 4 * i, v, true));
  return out;
}

/** Inverse of encodeOutputs. `where` names the artifact in error messages. */
export function decodeOutputs(bytes: Uint8Array, where = 'artifact'): Outputs {
  const magic = Buffer.from(bytes.subarray(0, 4)).toString('ascii');
  if (magic === RECORDS_MAGIC) {
    return { kind: 'records', items: JSON.parse(Buffer.from(bytes.subarray(4)).toString('utf8')) as unknown[] };
  }
  if (magic !== BLOCK_MAGIC) throw new StoreError(`${where} is not a stored model output: expected magic ${BLOCK_MAGIC} or ${RECORDS_MAGIC}, got ${JSON.stringify(magic)}.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ndim = view.getUint32(4, true);
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(8 + 4 * i, true));
  const header = 8 + 4 * ndim;
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== header + 4 * count) {
    throw new StoreError(`${where} is truncated: shape [${shape.join(', ')}] needs ${header + 4 * count} bytes, got ${bytes.byteLength}. Delete it; it will be recomputed.`);
  }
  const data = new Float32Array(count);
  if (littleEndian) new Uint8Array(data.buffer).set(bytes.subarray(header, header + 4 * count));
  else for (let i = 0; i < count; i++) data[i] = view.getFloat32(header + 4 * i, true);
  return { shape, data };
}
