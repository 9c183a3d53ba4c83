// The bytes of a saved model: a small self-describing container of JSON metadata and raw tensors.
import { endianness } from 'node:os';
import * as torch from '@entangle/torch';
import { ContractError } from '../core/errors.js';
import type { Json } from '../core/types.js';

// Layout (all integers little-endian):
//   8 bytes  magic "ENTGCKP1"
//   4 bytes  header length H (uint32)
//   H bytes  header, UTF-8 JSON: { meta, tensors: [{ name, dtype, shape, offset, bytes }] } (offsets from data start)
//   padding  zeros up to a multiple of 8
//   data     each tensor's elements, row-major, 8-byte aligned, in the header's order (names sorted)
const MAGIC = 'ENTGCKP1';

export type StoredDType = 'float32' | 'float64' | 'int64' | 'uint8';
export interface StoredTensor {
  dtype: StoredDType;
  shape: number[];
  data: Float32Array | Float64Array | BigInt64Array | Uint8Array;
}

const align8 = (n: number): number => (n + 7) & ~7;

function checkEndianness(): void {
  if (endianness() !== 'LE') throw new ContractError('checkpoint: this machine is big-endian; entangle checkpoints store little-endian tensors and are only supported on little-endian machines.');
}

/** Encodes metadata and tensors into bytes; same inputs ⇒ same bytes (tensor names are sorted). */
export function encodeCheckpoint(meta: Json, tensors: Record<string, StoredTensor>): Uint8Array {
  checkEndianness();
  const names = Object.keys(tensors).sort();
  let offset = 0;
  const entries = names.map((name) => {
    const t = tensors[name];
    const entry = { name, dtype: t.dtype, shape: t.shape, offset, bytes: t.data.byteLength };
    offset = align8(offset + t.data.byteLength);
    return entry;
  });
  const header = new TextEncoder().encode(JSON.stringify({ meta, tensors: entries }));
  const dataStart = align8(12 + header.length);
  const out = new Uint8Array(dataStart + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  names.forEach((name, i) => {
    const d = tensors[name].data;
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), dataStart + entries[i].offset);
  });
  return out;
}

/** Decodes bytes written by encodeCheckpoint; `where` names the caller in errors. */
export function decodeCheckpoint(bytes: Uint8Array, where: string): { meta: Json; tensors: Record<string, StoredTensor> } {
  checkEndianness();
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < 12 || magic !== MAGIC) throw new ContractError(`${where}: these bytes are not an entangle checkpoint (expected magic '${MAGIC}', got '${magic.replace(/[^\x20-\x7e]/g, '?')}'). Load bytes produced by the same learner's save().`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as {
    meta: Json;
    tensors: { name: string; dtype: StoredDType; shape: number[]; offset: number; bytes: number }[];
  };
  const dataStart = align8(12 + headerLength);
  const tensors: Record<string, StoredTensor> = {};
  for (const e of header.tensors) {
    const start = dataStart + e.offset;
    if (start + e.bytes > bytes.length) throw new ContractError(`${where}: checkpoint is truncated: tensor '${e.name}' needs bytes ${start}..${start + e.bytes}, file has ${bytes.length}.`);
    const copy = bytes.slice(start, start + e.bytes).buffer; // aligned copy
    const data = e.dtype === 'float32' ? new Float32Array(copy)
      : e.dtype === 'float64' ? new Float64Array(copy)
      : e.dtype === 'int64' ? new BigInt64Array(copy)
      : new Uint8Array(copy);
    tensors[e.name] = { dtype: e.dtype, shape: e.shape, data };
  }
  return { meta: header.meta, tensors };
}

/** Copies a module's state dict (parameters and buffers) out of libtorch. */
export function storeStateDict(module: torch.nn.Module): Record<string, StoredTensor> {
  const out: Record<string, StoredTensor> = {};
  for (const [name, t] of Object.entries(module.stateDict())) {
    if (t.dtype !== 'float32' && t.dtype !== 'float64' && t.dtype !== 'int64') throw new ContractError(`checkpoint: state '${name}' has dtype ${t.dtype}; only float32, float64 and int64 are stored.`);
    out[name] = { dtype: t.dtype, shape: [...t.shape], data: t.toTypedArray() as StoredTensor['data'] };
  }
  return out;
}

/** Loads stored tensors into a module (strict: same names and shapes). */
export function loadStateDict(module: torch.nn.Module, tensors: Record<string, StoredTensor>): void {
  torch.tidy(() => {
    const sd: Record<string, torch.Tensor> = {};
    for (const [name, t] of Object.entries(tensors)) sd[name] = torch.tensor(t.data, t.shape, { dtype: t.dtype });
    module.loadStateDict(sd, { strict: true });
  });
}
