// Loader for SVHN "format 2" files (train_32x32.mat, test_32x32.mat, extra_32x32.mat): cropped 32x32 colour digits.
import { readFileSync } from 'node:fs';
import { type DigitData, makeDigitData, rootVersion } from './digits.js';
import { DataError } from './errors.js';
import { type MatArray, readMatV5 } from './mat-v5.js';

/**
 * Reads X (uint8 [H, W, 3, N], column-major) and y ([N, 1], 1..10 with 10 meaning digit 0) into
 * [N, 3, H, W] images in [0, 1] (pixel / 255) and labels 0..9, as torchvision's SVHN dataset does.
 * Memory: float32 images take 4 bytes per pixel (the 73,257-image train file becomes 0.9 GB).
 */
export function loadSvhnMat(path: string): DigitData {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataError(`Cannot read SVHN file ${path}: ${(e as Error).message}. Download train_32x32.mat / test_32x32.mat from http://ufldl.stanford.edu/housenumbers/.`);
  }
  const vars = readMatV5(bytes, path);
  const X = requireVar(vars, 'X', path);
  const y = requireVar(vars, 'y', path);
  if (X.className !== 'uint8' || X.dims.length !== 4 || X.dims[2] !== 3) {
    throw new DataError(
      `${path}: expected X to be a uint8 array of size [H, W, 3, N], got ${X.className} [${X.dims.join(', ')}]. ` +
        'SVHN format-2 files store X as uint8 32x32x3xN; resave with X.astype(numpy.uint8) if it was converted.',
    );
  }
  const [height, width, channels, n] = X.dims;
  const nLabels = y.dims.reduce((a, b) => a * b, 1);
  if (nLabels !== n) {
    throw new DataError(`${path}: X holds ${n} images but y holds ${nLabels} labels; they must match.`);
  }
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = y.data[i];
    if (!Number.isInteger(v) || v < 0 || v > 10) {
      throw new DataError(`${path}: label y[${i}] = ${v}; SVHN labels are integers 1..10 (10 stands for digit 0).`);
    }
    labels[i] = v === 10 ? 0 : v;
  }
  // Column-major X[i, j, k, m] sits at i + H*(j + W*(k + 3*m)); we write [m, k, i, j] row-major.
  const images = new Float32Array(n * channels * height * width);
  const src = X.data;
  let out = 0;
  for (let m = 0; m < n; m++) {
    for (let k = 0; k < channels; k++) {
      const base = height * width * (k + channels * m);
      for (let i = 0; i < height; i++) {
        for (let j = 0; j < width; j++) images[out++] = src[base + i + height * j] / 255;
      }
    }
  }
  const shape: [number, number, number, number] = [n, channels, height, width];
  const source = `svhn:${path}`;
  return makeDigitData({ images, shape, labels, source, version: rootVersion('svhn-mat', images, labels, shape) });
}

function requireVar(vars: Map<string, MatArray>, name: string, path: string): MatArray {
  const v = vars.get(name);
  if (!v) {
    const known = [...vars.keys()].join(', ') || 'none';
    throw new DataError(`${path}: no numeric variable '${name}' (found: ${known}). SVHN format-2 files contain X and y.`);
  }
  return v;
}
