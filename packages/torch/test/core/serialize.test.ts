import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@entangle/torch';

const PYTHON = '/usr/bin/python3';
const pythonHasTorch = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'entangle-torch-'));
}

function stateDict(): Record<string, torch.Tensor> {
  torch.manualSeed(5);
  return {
    'layer1.0.conv1.weight': torch.randn([4, 3, 3, 3]),
    'fc.bias': torch.tensor([1.5, -2], [2], { dtype: 'float64' }),
    'bn.num_batches_tracked': torch.tensor(new BigInt64Array([7n]), []),
    mask: torch.tensor([1, 0, 1], [3], { dtype: 'bool' }),
  };
}

test('save/load round trip keeps names, order, shapes, dtypes and values', () => {
  const dir = tempDir();
  try {
    const sd = stateDict();
    sd['layer1.0.conv1.weight']!.requiresGrad = true;
    const path = join(dir, 'ckpt.pt');
    torch.save(sd, path);
    const back = torch.load(path);
    assert.deepEqual(Object.keys(back), Object.keys(sd));
    for (const [k, t] of Object.entries(sd)) {
      assert.deepEqual(back[k]!.shape, t.shape, k);
      assert.equal(back[k]!.dtype, t.dtype, k);
      assert.deepEqual(back[k]!.toTypedArray(), t.toTypedArray(), k);
    }
    assert.equal(back['layer1.0.conv1.weight']!.requiresGrad, false, 'saved detached');
    torch.dispose([sd, back]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a one-entry state dict round-trips', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'one.pt');
    const only = torch.tensor([1, 2]);
    torch.save({ only }, path);
    const back = torch.load(path);
    assert.deepEqual(back['only']!.toArray(), [1, 2]);
    torch.dispose([only, back]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('unreadable checkpoints throw TorchError naming the path and what was expected', () => {
  const dir = tempDir();
  try {
    const missing = join(dir, 'missing.pt');
    assert.throws(() => torch.load(missing), { name: 'TorchError', message: new RegExp(`^load: cannot read '${missing}': No such file or directory`) });
    const garbage = join(dir, 'garbage.pt');
    writeFileSync(garbage, 'not a checkpoint');
    assert.throws(() => torch.load(garbage), new RegExp(`load: '${garbage}' is not a checkpoint written by save\\(\\) or Python torch.save \\(expected a zip archive`));
    assert.throws(() => torch.save({ w: 3 as unknown as torch.Tensor }, join(dir, 'x.pt')), /save: state dict entry 'w' is not a Tensor \(got number\)/);
    assert.throws(() => torch.save({ w: torch.ones([1]) }, join(dir, 'no/such/dir/x.pt')), /save: cannot open '.*no\/such\/dir\/x.pt' for writing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Python torch.load reads save() output as a dict, and load() reads Python torch.save output', { skip: pythonHasTorch ? false : `${PYTHON} lacks torch` }, () => {
  const dir = tempDir();
  try {
    const sd = stateDict();
    const fromNode = join(dir, 'node.pt');
    const fromPython = join(dir, 'python.pt');
    const orderedDict = join(dir, 'ordered.pt');
    torch.save(sd, fromNode);
    const script = `
import sys, torch
d = torch.load(sys.argv[1])
assert type(d) is dict, type(d)
print(list(d.keys()))
print(d['fc.bias'].dtype, d['fc.bias'].tolist(), d['bn.num_batches_tracked'].item(), d['mask'].tolist())
print(float(d['layer1.0.conv1.weight'].sum()))
torch.save({'w': torch.arange(6, dtype=torch.float32).reshape(2, 3), 'n': torch.tensor([1, 2], dtype=torch.int32)}, sys.argv[2])
torch.save(torch.nn.Linear(2, 2).state_dict(), sys.argv[3])
`;
    const r = spawnSync(PYTHON, ['-c', script, fromNode, fromPython, orderedDict], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], "['layer1.0.conv1.weight', 'fc.bias', 'bn.num_batches_tracked', 'mask']");
    assert.equal(lines[1], 'torch.float64 [1.5, -2.0] 7 [True, False, True]');
    const sum = sd['layer1.0.conv1.weight']!.sum().item();
    assert.ok(Math.abs(Number(lines[2]) - sum) < 1e-4, `${lines[2]} vs ${sum}`);
    const back = torch.load(fromPython);
    assert.deepEqual(back['w']!.toArray(), [[0, 1, 2], [3, 4, 5]]);
    assert.equal(back['n']!.dtype, 'int64', 'int32 widens to int64');
    assert.throws(() => torch.load(orderedDict), /from Python save a plain dict with at least two entries, e.g. torch.save\(dict\(model.state_dict\(\)\), path\)/);
    torch.dispose([sd, back]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
