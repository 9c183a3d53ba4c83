// Test helper: writes tiny MATLAB level-5 MAT-files (uncompressed or zlib-compressed, either byte order).
import { deflateSync } from 'node:zlib';

export interface MatVar {
  name: string;
  /** 'uint8' (stored as miUINT8) or 'double' (stored as miDOUBLE). */
  className: 'uint8' | 'double';
  dims: number[];
  /** Column-major values. */
  values: ArrayLike<number>;
}

const CLASS_CODE = { uint8: 9, double: 6 };

class Writer {
  private chunks: Uint8Array[] = [];
  constructor(private readonly le: boolean) {}
  u32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, this.le);
    this.chunks.push(b);
  }
  bytes(b: Uint8Array): void {
    this.chunks.push(b);
  }
  pad8(len: number): void {
    const rest = (8 - (len % 8)) % 8;
    if (rest) this.chunks.push(new Uint8Array(rest));
  }
  /** A normal data element: tag (type, nbytes), data, padding to 8. */
  element(type: number, data: Uint8Array): void {
    this.u32(type);
    this.u32(data.length);
    this.bytes(data);
    this.pad8(data.length);
  }
  /** A small data element (<= 4 bytes of data packed into the tag). */
  small(type: number, data: Uint8Array): void {
    this.u32((data.length << 16) | type);
    const b = new Uint8Array(4);
    b.set(data);
    this.bytes(b);
  }
  result(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

function matrixContent(v: MatVar, le: boolean): Uint8Array {
  const w = new Writer(le);
  const flags = new Uint8Array(8);
  new DataView(flags.buffer).setUint32(0, CLASS_CODE[v.className], le);
  w.element(6, flags); // miUINT32 array flags
  const dims = new Uint8Array(4 * v.dims.length);
  v.dims.forEach((d, i) => new DataView(dims.buffer).setInt32(4 * i, d, le));
  w.element(5, dims); // miINT32 dimensions
  const name = new TextEncoder().encode(v.name);
  if (name.length <= 4) w.small(1, name);
  else w.element(1, name); // miINT8 name
  if (v.className === 'uint8') {
    w.element(2, Uint8Array.from(v.values));
  } else {
    const b = new Uint8Array(8 * v.values.length);
    for (let i = 0; i < v.values.length; i++) new DataView(b.buffer).setFloat64(8 * i, v.values[i], le);
    w.element(9, b);
  }
  return w.result();
}

/** The bytes of a level-5 MAT-file holding `vars`. */
export function writeMatV5(vars: MatVar[], options: { compressed?: boolean; bigEndian?: boolean } = {}): Uint8Array {
  const le = !options.bigEndian;
  const header = new Uint8Array(128).fill(0x20);
  header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, written by the entangle tests'));
  header.fill(0, 116, 124);
  new DataView(header.buffer).setUint16(124, 0x0100, le);
  header.set(new TextEncoder().encode(le ? 'IM' : 'MI'), 126);
  const w = new Writer(le);
  w.bytes(header);
  for (const v of vars) {
    const content = matrixContent(v, le);
    if (options.compressed) {
      const inner = new Writer(le);
      inner.u32(14);
      inner.u32(content.length);
      inner.bytes(content);
      const z = deflateSync(inner.result());
      w.u32(15);
      w.u32(z.length);
      w.bytes(z);
    } else {
      w.element(14, content);
    }
  }
  return w.result();
}

/** SVHN-like X (uint8 [h, w, 3, n], column-major) whose value encodes its own coordinates, and y in 1..10. */
export function svhnLike(n: number, h = 4, w = 5): { X: MatVar; y: MatVar; pixel: (i: number, j: number, k: number, m: number) => number } {
  const pixel = (i: number, j: number, k: number, m: number) => (i * 7 + j * 13 + k * 31 + m * 53) % 256;
  const values = new Uint8Array(h * w * 3 * n);
  for (let m = 0; m < n; m++)
    for (let k = 0; k < 3; k++)
      for (let j = 0; j < w; j++)
        for (let i = 0; i < h; i++) values[i + h * (j + w * (k + 3 * m))] = pixel(i, j, k, m);
  const labels = Array.from({ length: n }, (_, m) => (m % 10) + 1);
  return {
    X: { name: 'X', className: 'uint8', dims: [h, w, 3, n], values },
    y: { name: 'y', className: 'double', dims: [n, 1], values: labels },
    pixel,
  };
}
