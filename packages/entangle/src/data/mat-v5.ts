// Reader for MATLAB level-5 MAT-files (format of `save -v6/-v7` and scipy.io.savemat): numeric arrays only.
// Reference: MathWorks, "MAT-File Format" (matfile_format.pdf), chapter "Level 5 MAT-File Format".
import { inflateSync } from 'node:zlib';
import { DataError } from './errors.js';

/** A numeric variable: `data` holds the real part in column-major order, in the type it was stored with. */
export interface MatArray {
  name: string;
  /** MATLAB class, e.g. 'uint8' or 'double'. */
  className: string;
  dims: number[];
  data: ArrayLike<number>;
  complex: boolean;
}

const MI = { INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, SINGLE: 7, DOUBLE: 9, INT64: 12, UINT64: 13, MATRIX: 14, COMPRESSED: 15 };
const MI_NAMES: Record<number, string> = Object.fromEntries(Object.entries(MI).map(([k, v]) => [v, `mi${k}`]));
const CLASS_NAMES: Record<number, string> = {
  1: 'cell', 2: 'struct', 3: 'object', 4: 'char', 5: 'sparse', 6: 'double', 7: 'single',
  8: 'int8', 9: 'uint8', 10: 'int16', 11: 'uint16', 12: 'int32', 13: 'uint32', 14: 'int64', 15: 'uint64',
};
const NUMERIC_CLASSES = new Set(['double', 'single', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64']);
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Where bytes being parsed live, so errors can name the file and an offset a user can check with a hex dump. */
interface Region {
  bytes: Uint8Array;
  view: DataView;
  littleEndian: boolean;
  file: string;
  /** Describes an offset in `bytes` as a file position (or a position inside a decompressed element). */
  where(offset: number): string;
}

interface Element {
  type: number;
  start: number;
  end: number;
  /** Offset of the element that follows. */
  next: number;
}

/** True when the bytes look like a MATLAB v7.3 file (an HDF5 container), which this reader cannot parse. */
export function isMatV73(bytes: Uint8Array): boolean {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 116));
  if (/MATLAB 7\.3/.test(text)) return true;
  for (const at of [0, 512]) {
    if (bytes.length >= at + 8 && HDF5_SIGNATURE.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

/** Parses a level-5 MAT-file's numeric variables; other variables (cell, struct, char, sparse) are skipped. */
export function readMatV5(bytes: Uint8Array, file: string): Map<string, MatArray> {
  if (isMatV73(bytes)) {
    throw new DataError(
      `${file} is a MATLAB v7.3 MAT-file (an HDF5 container), which entangle cannot read. Convert it to the ` +
        `v5 format: in Python, scipy.io.savemat('out.mat', {k: v for k, v in h5py.File('${file}').items()}) ` +
        `(mind that h5py gives transposed arrays); in MATLAB or Octave, load it and run save('out.mat', 'X', 'y', '-v7').`,
    );
  }
  if (bytes.length < 128) {
    throw new DataError(`${file}: truncated at byte offset ${bytes.length}: a MAT-file starts with a 128-byte header.`);
  }
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, 116));
  const endian = String.fromCharCode(bytes[126], bytes[127]);
  if (!header.startsWith('MATLAB') || (endian !== 'IM' && endian !== 'MI')) {
    throw new DataError(
      `${file} is not a MATLAB level-5 MAT-file: expected a header starting 'MATLAB' with endian mark 'IM' or 'MI' ` +
        `at byte offset 126, got ${JSON.stringify(header.slice(0, 20))} and ${JSON.stringify(endian)}.`,
    );
  }
  const region: Region = {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    littleEndian: endian === 'IM',
    file,
    where: (o) => `byte offset ${o}`,
  };
  const out = new Map<string, MatArray>();
  let offset = 128;
  while (offset < bytes.length) {
    const el = readElement(region, offset, bytes.length);
    if (el.type === MI.COMPRESSED) {
      const inner = inflateElement(region, el);
      const innerEl = readElement(inner, 0, inner.bytes.length);
      collectMatrix(inner, innerEl, out);
    } else {
      collectMatrix(region, el, out);
    }
    offset = el.next;
  }
  return out;
}

function inflateElement(outer: Region, el: Element): Region {
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(outer.bytes.subarray(el.start, el.end));
  } catch (e) {
    throw new DataError(
      `${outer.file}: cannot decompress the miCOMPRESSED element at ${outer.where(el.start - 8)} ` +
        `(${el.end - el.start} bytes): ${(e as Error).message}. The file is truncated or corrupt; download or save it again.`,
    );
  }
  return {
    bytes: inflated,
    view: new DataView(inflated.buffer, inflated.byteOffset, inflated.byteLength),
    littleEndian: outer.littleEndian,
    file: outer.file,
    where: (o) => `decompressed byte ${o} of the miCOMPRESSED element at ${outer.where(el.start - 8)}`,
  };
}

/** Reads the data element tag at `offset` (normal 8-byte tag or the small 4-byte-data format). */
function readElement(r: Region, offset: number, limit: number): Element {
  if (offset + 8 > limit) {
    throw new DataError(
      `${r.file}: truncated at ${r.where(offset)}: expected an 8-byte data element tag, but only ${limit - offset} bytes remain. ` +
        'The file is incomplete; download or save it again.',
    );
  }
  const first = r.view.getUint32(offset, r.littleEndian);
  if (first >>> 16 !== 0) {
    // Small data element: type in the low 16 bits, byte count in the high 16 bits, data in the next 4 bytes.
    const nbytes = first >>> 16;
    if (nbytes > 4) throw new DataError(`${r.file}: small data element at ${r.where(offset)} claims ${nbytes} bytes (at most 4 allowed).`);
    return { type: first & 0xffff, start: offset + 4, end: offset + 4 + nbytes, next: offset + 8 };
  }
  const nbytes = r.view.getUint32(offset + 4, r.littleEndian);
  const start = offset + 8;
  if (start + nbytes > limit) {
    throw new DataError(
      `${r.file}: truncated at ${r.where(limit)}: the ${MI_NAMES[first] ?? `type-${first}`} data element at ${r.where(offset)} ` +
        `declares ${nbytes} bytes, but only ${limit - start} remain. The file is incomplete; download or save it again.`,
    );
  }
  // Compressed elements are not padded; all others are padded to a multiple of 8 bytes.
  const padded = first === MI.COMPRESSED ? nbytes : Math.ceil(nbytes / 8) * 8;
  return { type: first, start, end: start + nbytes, next: Math.min(start + padded, limit) };
}

function collectMatrix(r: Region, el: Element, out: Map<string, MatArray>): void {
  if (el.type !== MI.MATRIX) {
    throw new DataError(
      `${r.file}: expected a miMATRIX (14) or miCOMPRESSED (15) element at ${r.where(el.start - 8)}, got type ${el.type}.`,
    );
  }
  if (el.end === el.start) return; // an empty placeholder matrix
  const flagsEl = readElement(r, el.start, el.end);
  const flags = r.view.getUint32(flagsEl.start, r.littleEndian);
  const className = CLASS_NAMES[flags & 0xff] ?? `class-${flags & 0xff}`;
  const complex = (flags & 0x800) !== 0;
  const dimsEl = readElement(r, flagsEl.next, el.end);
  const dims = Array.from(readNumbers(r, dimsEl));
  const nameEl = readElement(r, dimsEl.next, el.end);
  const name = new TextDecoder('latin1').decode(r.bytes.subarray(nameEl.start, nameEl.end));
  if (!NUMERIC_CLASSES.has(className)) return;
  const realEl = readElement(r, nameEl.next, el.end);
  const data = readNumbers(r, realEl);
  const count = dims.reduce((a, b) => a * b, 1);
  if (data.length !== count) {
    throw new DataError(
      `${r.file}: variable '${name}' has dimensions ${dims.join('x')} (${count} values) but its data element at ` +
        `${r.where(realEl.start - 8)} holds ${data.length} values.`,
    );
  }
  out.set(name, { name, className, dims, data, complex });
}

/** The values of a numeric data element; 1-byte types are zero-copy views, wider types are copied. */
function readNumbers(r: Region, el: Element): ArrayLike<number> {
  const { start, end } = el;
  const n = end - start;
  const wide = (size: number, make: (len: number) => { [i: number]: number; length: number }, get: (o: number) => number) => {
    if (n % size !== 0) {
      throw new DataError(`${r.file}: ${MI_NAMES[el.type]} element at ${r.where(start - 8)} has ${n} bytes, not a multiple of ${size}.`);
    }
    const out = make(n / size);
    for (let i = 0; i < out.length; i++) out[i] = get(start + i * size);
    return out as ArrayLike<number>;
  };
  const v = r.view, le = r.littleEndian;
  switch (el.type) {
    case MI.UINT8: return r.bytes.subarray(start, end);
    case MI.INT8: return new Int8Array(r.bytes.buffer, r.bytes.byteOffset + start, n);
    case MI.INT16: return wide(2, (l) => new Int16Array(l), (o) => v.getInt16(o, le));
    case MI.UINT16: return wide(2, (l) => new Uint16Array(l), (o) => v.getUint16(o, le));
    case MI.INT32: return wide(4, (l) => new Int32Array(l), (o) => v.getInt32(o, le));
    case MI.UINT32: return wide(4, (l) => new Uint32Array(l), (o) => v.getUint32(o, le));
    case MI.SINGLE: return wide(4, (l) => new Float32Array(l), (o) => v.getFloat32(o, le));
    case MI.DOUBLE: return wide(8, (l) => new Float64Array(l), (o) => v.getFloat64(o, le));
    case MI.INT64: return wide(8, (l) => new Float64Array(l), (o) => Number(v.getBigInt64(o, le)));
    case MI.UINT64: return wide(8, (l) => new Float64Array(l), (o) => Number(v.getBigUint64(o, le)));
    default:
      throw new DataError(`${r.file}: unsupported numeric data type ${el.type} at ${r.where(start - 8)}.`);
  }
}
