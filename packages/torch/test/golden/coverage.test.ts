// Fails when an exported function, F op or Tensor method has no golden case and no allow-list reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/index.js';
import { ADAPTERS, methodNameOf } from './adapters.js';
import { allFamilies, loadFixture, type FixtureCase } from './fixture.js';
import { hasMethodForm } from './runner.js';
import { NN_AND_OPTIM_EXPORTS, NOT_NUMERIC_EXPORTS, NOT_NUMERIC_FUNCTIONAL, NOT_NUMERIC_METHODS } from './coverage_allow_list.js';

const cases: FixtureCase[] = allFamilies().flatMap((family) => loadFixture(family).cases);
const ops = new Set(cases.map((c) => c.op));

function exportedFunctions(scope: object): string[] {
  return Object.keys(scope).filter((k) => typeof (scope as Record<string, unknown>)[k] === 'function').sort();
}

/** True when some golden case calls this very function object, under any exported name (var/variance, F.flatten). */
function coveredAlias(fn: unknown): boolean {
  const functional = torch.nn.functional as unknown as Record<string, unknown>;
  const top = torch as unknown as Record<string, unknown>;
  return [...ops].some((op) => !op.startsWith('Tensor.') && (op.startsWith('F.') ? functional : top)[methodNameOf(op)] === fn);
}

function tensorMethods(): string[] {
  const names = new Set<string>();
  for (let proto = torch.Tensor.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name)!;
      if (name !== 'constructor' && !name.startsWith('_') && typeof d.value === 'function') names.add(name);
    }
  }
  return [...names].sort();
}

test('every fixture op has an adapter and every adapter has a fixture case', () => {
  const noAdapter = [...ops].filter((op) => !ADAPTERS[op]);
  const unused = Object.keys(ADAPTERS).filter((op) => !ops.has(op));
  assert.deepEqual(noAdapter, [], `fixture ops without an adapter in adapters.ts: ${noAdapter.join(', ')}`);
  assert.deepEqual(unused, [], `adapters without a fixture case (add one to make_fixtures.py): ${unused.join(', ')}`);
});

test('every function exported by @entangle/torch has a golden case or an allow-list reason', () => {
  const top = torch as unknown as Record<string, unknown>;
  const missing = exportedFunctions(torch).filter((name) => !(name in NOT_NUMERIC_EXPORTS) && !coveredAlias(top[name]));
  assert.deepEqual(missing, [], `exports without golden case: ${missing.join(', ')} ` +
    '(add cases in make_fixtures.py + adapters.ts, or a reason in coverage_allow_list.ts)');
});

test('every torch.nn.functional function has a golden case, and F is the same namespace', () => {
  const functional = torch.nn.functional as unknown as Record<string, unknown>;
  const missing = exportedFunctions(functional).filter((n) => !(n in NOT_NUMERIC_FUNCTIONAL) && !coveredAlias(functional[n]));
  assert.deepEqual(missing, [], `torch.nn.functional exports without golden case: ${missing.join(', ')}`);
  assert.equal((torch as unknown as Record<string, unknown>).F, torch.nn.functional, 'torch.F must alias torch.nn.functional');
});

test('every API.md op and F op listed in the fixtures is exported', () => {
  const functional = torch.nn.functional as unknown as Record<string, unknown>;
  const top = torch as unknown as Record<string, unknown>;
  const absent = [...ops].filter((op) => !op.startsWith('Tensor.')).filter((op) => {
    const scope = op.startsWith('F.') ? functional : top;
    return typeof scope[methodNameOf(op)] !== 'function';
  });
  assert.deepEqual(absent, [], `ops promised by API.md but not exported: ${absent.join(', ')}`);
});

test('every Tensor method has a golden case (method form or Tensor.* case) or an allow-list reason', () => {
  const covered = new Set<string>();
  for (const c of cases) {
    if (c.op.startsWith('Tensor.')) covered.add(methodNameOf(c.op));
    else if (ADAPTERS[c.op] && !covered.has(methodNameOf(c.op)) && hasMethodForm(c, ADAPTERS[c.op])) {
      covered.add(methodNameOf(c.op));
    }
  }
  const missing = tensorMethods().filter((m) => !covered.has(m) && !(m in NOT_NUMERIC_METHODS));
  assert.deepEqual(missing, [], `Tensor methods without golden case: ${missing.join(', ')}`);
});

test('the allow-lists name only things that exist', () => {
  const stale = [
    ...Object.keys(NOT_NUMERIC_EXPORTS).filter((n) => !(n in torch)),
    ...Object.keys(NOT_NUMERIC_FUNCTIONAL).filter((n) => !(n in torch.nn.functional)).map((n) => `F.${n}`),
    ...Object.keys(NOT_NUMERIC_METHODS).filter((n) => !tensorMethods().includes(n)).map((n) => `Tensor.${n}`),
  ];
  assert.deepEqual(stale, [], `allow-list entries that are not exported: ${stale.join(', ')}`);
});

test('every export of torch.nn and torch.optim is listed with its golden test (or why none)', () => {
  const exported = [
    ...Object.keys(torch.nn).filter((k) => k !== 'functional').map((k) => `nn.${k}`),
    ...Object.keys(torch.optim).map((k) => `optim.${k}`),
  ];
  const unlisted = exported.filter((name) => !(name in NN_AND_OPTIM_EXPORTS));
  const stale = Object.keys(NN_AND_OPTIM_EXPORTS).filter((name) => !exported.includes(name));
  assert.deepEqual(unlisted, [], `nn/optim exports missing from NN_AND_OPTIM_EXPORTS in coverage_allow_list.ts: ${unlisted.join(', ')}`);
  assert.deepEqual(stale, [], `NN_AND_OPTIM_EXPORTS lists names that are not exported: ${stale.join(', ')}`);
});
