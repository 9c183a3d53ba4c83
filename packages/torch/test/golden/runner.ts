// Table-driven golden runner: builds each fixture case's inputs, runs the adapter, compares outputs and gradients.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/index.js';
import { ADAPTERS, methodNameOf, resolveFunction, type Adapter } from './adapters.js';
import { diffTensor, type Observed } from './compare.js';
import { decodeNumber, loadFixture, type FixtureCase, type TensorData } from './fixture.js';

type Tensor = torch.Tensor;

/** Builds a tensor from fixture data with the fixture's dtype. */
export function makeTensor(td: TensorData, requiresGrad = false): Tensor {
  const values = td.data.map(decodeNumber);
  let data: Float64Array | Float32Array | BigInt64Array | Uint8Array;
  if (td.dtype === 'float64') data = Float64Array.from(values);
  else if (td.dtype === 'float32') data = Float32Array.from(values);
  else if (td.dtype === 'int64') data = BigInt64Array.from(values.map((v) => BigInt(v)));
  else data = Uint8Array.from(values);
  return torch.tensor(data, td.shape, { dtype: td.dtype, requiresGrad });
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof torch.Tensor;
}

export function observe(t: Tensor): Observed {
  return { dtype: t.dtype, shape: [...t.shape], data: t.toTypedArray() as ArrayLike<number | bigint> };
}

function isObserved(x: unknown): x is Observed {
  return typeof x === 'object' && x !== null && !isTensor(x) && 'dtype' in x && 'shape' in x && 'data' in x;
}

/** Output structure -> named leaves; same rule as flatten_outputs in make_fixtures.py. */
export function flattenOutputs(out: unknown): [string, Tensor | Observed][] {
  if (isTensor(out) || isObserved(out)) return [['out', out]];
  if (typeof out === 'number') return [['out', { dtype: 'float64', shape: [], data: [out] }]];
  if (Array.isArray(out)) return out.map((t, i) => [String(i), t as Tensor]);
  if (typeof out === 'object' && out !== null) return Object.entries(out) as [string, Tensor][];
  throw new Error(`adapter returned ${typeof out}; expected a Tensor, an array or an object of Tensors`);
}

/** Fresh leaf tensors for one run of a case: name -> Tensor | Tensor[]. */
export function buildInputs(c: FixtureCase): Record<string, any> {
  const inputs: Record<string, any> = {};
  for (const input of c.inputs) {
    if (input.list) inputs[input.name] = input.list.map((td) => makeTensor(td, input.grad));
    else inputs[input.name] = makeTensor(input.t!, input.grad);
  }
  return inputs;
}

type Form = 'function' | 'method';

function invoke(c: FixtureCase, adapter: Adapter, inputs: Record<string, any>, form: Form): unknown {
  if (c.params.seed !== undefined) torch.manualSeed(c.params.seed);
  if (adapter.call) return adapter.call(inputs, c.params);
  const args = adapter.args!(inputs, c.params);
  if (form === 'function') return resolveFunction(c.op)(...args);
  const self = args[0] as any;
  return self[methodNameOf(c.op)](...args.slice(1));
}

/** The method form exists when the first argument is a Tensor that has a method of the op's name. */
export function hasMethodForm(c: FixtureCase, adapter: Adapter): boolean {
  if (!adapter.args || c.op.startsWith('Tensor.')) return false;
  const args = adapter.args(buildInputs(c), c.params);
  return isTensor(args[0]) && typeof (args[0] as any)[methodNameOf(c.op)] === 'function';
}

/** Runs one form of a case and returns every mismatch found (empty when it matches). */
export function runCase(c: FixtureCase, form: Form): string[] {
  const adapter = ADAPTERS[c.op];
  if (!adapter) return [`no adapter for op ${c.op} in test/golden/adapters.ts`];
  const inputs = buildInputs(c);
  if (c.error !== undefined) return checkThrows(c, adapter, inputs, form);
  const out = invoke(c, adapter, inputs, form);
  const leaves = new Map(flattenOutputs(out));
  const problems: string[] = [];
  for (const want of c.outputs) {
    const got = leaves.get(want.name);
    if (!got) {
      problems.push(`output '${want.name}' missing; got outputs ${[...leaves.keys()].join(', ') || '(none)'}`);
      continue;
    }
    const d = diffTensor(isTensor(got) ? observe(got) : got, want.t, `output '${want.name}'`);
    if (d) problems.push(d);
  }
  if (leaves.size !== c.outputs.length) {
    problems.push(`got ${leaves.size} outputs (${[...leaves.keys()].join(', ')}), expected ${c.outputs.length}`);
  }
  if (c.g && c.grads && problems.length === 0) problems.push(...checkGradients(c, inputs, leaves));
  return problems;
}

/** PyTorch raised: ours must throw a TorchError whose message names the op (API.md, Errors). */
function checkThrows(c: FixtureCase, adapter: Adapter, inputs: Record<string, any>, form: Form): string[] {
  let result: unknown;
  try {
    result = invoke(c, adapter, inputs, form);
  } catch (e) {
    if (!(e instanceof torch.TorchError)) return [`threw ${(e as Error)?.name ?? typeof e} instead of TorchError: ${String((e as Error)?.message ?? e)}`];
    const name = methodNameOf(c.op).toLowerCase();
    const named = e.message.toLowerCase().includes(name) || e.op.toLowerCase().includes(name);
    return named ? [] : [`TorchError does not name the op '${methodNameOf(c.op)}': op='${e.op}', message '${e.message}'`];
  }
  const shape = isTensor(result) ? ` (returned shape [${result.shape}])` : '';
  return [`returned instead of throwing; PyTorch raises: ${c.error}${shape}`];
}

function checkGradients(c: FixtureCase, inputs: Record<string, any>, leaves: Map<string, Tensor | Observed>): string[] {
  let loss: Tensor | null = null;
  for (const g of c.g!) {
    const out = leaves.get(g.name);
    if (!isTensor(out)) return [`output '${g.name}' is not a Tensor, cannot backpropagate`];
    const term = torch.sum(torch.mul(out, makeTensor(g.t)));
    loss = loss ? torch.add(loss, term) : term;
  }
  loss!.backward();
  const problems: string[] = [];
  for (const want of c.grads!) {
    const input = inputs[want.name];
    const leaf: Tensor = want.index !== undefined ? input[want.index] : input;
    const label = `grad of '${want.name}${want.index !== undefined ? `[${want.index}]` : ''}'`;
    if (!leaf.grad) {
      problems.push(`${label} is null after backward()`);
      continue;
    }
    const d = diffTensor(observe(leaf.grad), want.t, label);
    if (d) problems.push(d);
  }
  return problems;
}

/** Registers one node:test test per fixture case, with a subtest per available call form. */
export function runFamily(family: string): void {
  const fixture = loadFixture(family);
  for (const c of fixture.cases) {
    test(`${family}: ${c.name}`, async (t) => {
      const adapter = ADAPTERS[c.op];
      await t.test(adapter?.call ? 'call' : 'function', () => {
        const problems = runCase(c, 'function');
        assert.deepEqual(problems, [], `${c.name} (${c.op}):\n  ${problems.join('\n  ')}`);
      });
      if (adapter && hasMethodForm(c, adapter)) {
        await t.test('method', () => {
          const problems = runCase(c, 'method');
          assert.deepEqual(problems, [], `${c.name} (Tensor.${methodNameOf(c.op)}):\n  ${problems.join('\n  ')}`);
        });
      }
    });
  }
}
