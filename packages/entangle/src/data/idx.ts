// Loader for the idx format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/), plain or gzipped.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type DigitData, makeDigitData, rootVersion } from './digits.js';
import { DataError } from './errors.js';

/** Where Debian's `dataset-fashion-mnist` package installs its files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Reads an unsigned-byte idx file (magic 0x0000 08 <ndims>, big-endian uint32 dims, then the bytes). */
export function readIdx(path: string, expectedDims: number): IdxArray {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataError(`Cannot read idx file ${path}: ${(e as Error).message}.`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DataError(`${path}: looks gzipped but cannot be decompressed (${(e as Error).message}); the file is truncated or corrupt.`);
    }
  }
  const headerSize = 4 + 4 * expectedDims;
  if (bytes.length < 4) {
    throw new DataError(`${path}: truncated at byte offset ${bytes.length}: an idx file starts with a 4-byte magic number.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const expectedMagic = 0x0800 + expectedDims;
  if (magic !== expectedMagic) {
    const kind = expectedDims === 1 ? 'a labels file (magic 2049)' : `an images file (magic ${expectedMagic})`;
    throw new DataError(
      `${path}: idx magic number is ${magic} (0x${magic.toString(16).padStart(8, '0')}), expected ${expectedMagic} ` +
        `(0x${expectedMagic.toString(16).padStart(8, '0')}): this should be ${kind} of unsigned bytes. Check that images and labels were not swapped.`,
    );
  }
  if (bytes.length < headerSize) {
    throw new DataError(`${path}: truncated at byte offset ${bytes.length}: an idx file with ${expectedDims} dimension(s) has a ${headerSize}-byte header.`);
  }
  const dims: number[] = [];
  for (let d = 0; d < expectedDims; d++) dims.push(view.getUint32(4 + 4 * d, false));
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - headerSize !== count) {
    const problem = bytes.length - headerSize < count ? `truncated at byte offset ${bytes.length}` : 'has trailing bytes';
    throw new DataError(
      `${path}: ${problem}: header says ${dims.join('x')} = ${count} data bytes after the ${headerSize}-byte header, ` +
        `but the file has ${bytes.length - headerSize}.`,
    );
  }
  return { dims, data: bytes.subarray(headerSize) };
}

/** Images [n, 1, rows, cols] in [0, 1] (byte / 255) with their labels. */
export function loadIdx(imagesPath: string, labelsPath: string): DigitData {
  const images = readIdx(imagesPath, 3);
  const labels = readIdx(labelsPath, 1);
  const [n, rows, cols] = images.dims;
  if (labels.dims[0] !== n) {
    throw new DataError(`${imagesPath} holds ${n} images but ${labelsPath} holds ${labels.dims[0]} labels; they must come from the same split.`);
  }
  const pixels = Float32Array.from(images.data, (b) => b / 255);
  const ys = Int32Array.from(labels.data);
  const shape: [number, number, number, number] = [n, 1, rows, cols];
  return makeDigitData({
    images: pixels,
    shape,
    labels: ys,
    source: `idx:${imagesPath}`,
    version: rootVersion('idx', pixels, ys, shape),
  });
}
