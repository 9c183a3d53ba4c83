// Golden fixture format written by make_fixtures.py (see docs/golden-tests.md) and its loader.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** JSON numbers, or 'nan' | 'inf' | '-inf' because JSON has no non-finite numbers. */
export type JsonNumber = number | 'nan' | 'inf' | '-inf';

export interface TensorData {
  dtype: 'float32' | 'float64' | 'int64' | 'bool' | 'uint8';
  shape: number[];
  data: JsonNumber[];
}

export interface FixtureInput {
  name: string;
  /** True when the fixture holds d((out*g).sum())/d(input) for this input. */
  grad: boolean;
  t?: TensorData;
  list?: TensorData[];
}

export interface NamedTensorData {
  name: string;
  t: TensorData;
  /** Position inside a list input (cat/stack) for gradients. */
  index?: number;
}

export interface FixtureCase {
  /** `<op>/<variant>`, unique in its family. */
  name: string;
  /** Exported name: `add`, `F.conv2d`, `Tensor.addInPlace`. */
  op: string;
  params: Record<string, any>;
  inputs: FixtureInput[];
  outputs: NamedTensorData[];
  /** Cotangent per differentiable output. */
  g?: NamedTensorData[];
  grads?: NamedTensorData[];
  /** PyTorch's message when it rejects the inputs: the op must throw a TorchError instead of returning. */
  error?: string;
}

export interface Fixture {
  family: string;
  torch: string;
  cases: FixtureCase[];
}

/** Directory of the JSON fixtures in the source tree (tests run from dist/test/golden). */
export function fixturesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'fixtures'), join(here, '..', '..', '..', 'test', 'golden', 'fixtures')];
  for (const dir of candidates) {
    try {
      readdirSync(dir);
      return dir;
    } catch {
      // try the next location
    }
  }
  throw new Error(`golden fixtures not found; looked in ${candidates.join(', ')}. ` +
    'Regenerate them with /usr/bin/python3 packages/torch/test/golden/make_fixtures.py');
}

export function loadFixture(family: string): Fixture {
  const path = join(fixturesDir(), `${family}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

export function allFamilies(): string[] {
  return readdirSync(fixturesDir()).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

export function decodeNumber(v: JsonNumber): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v;
}
