import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';

const { F, tidy, TorchError } = torch;

function throwsTorch(fn: () => unknown, op: string, message: string | RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof TorchError, `expected a TorchError, got ${String(caught)}`);
  assert.equal(caught.op, op);
  if (typeof message === 'string') assert.equal(caught.message, message);
  else assert.match(caught.message, message);
}

test('libtorch errors name the op and the argument shapes/dtypes', () => {
  tidy(() => {
    throwsTorch(
      () => torch.matmul(torch.zeros([2, 2]), torch.zeros([3, 3])),
      'matmul',
      'matmul: mat1 and mat2 shapes cannot be multiplied (2x2 and 3x3) [args: float32[2,2], float32[3,3]]',
    );
    throwsTorch(() => torch.zeros([2, 2]).reshape([3]), 'reshape', /^reshape: shape '\[3\]' is invalid for input of size 4 \[args: float32\[2,2\], \[3\]\]$/);
    throwsTorch(() => torch.cat([torch.zeros([2]), torch.zeros([2, 2])]), 'cat', /^cat: .* \[args: \[float32\[2\], float32\[2,2\]\], 0\]$/);
    throwsTorch(() => F.conv2d(torch.zeros([1, 2, 4, 4]), torch.zeros([1, 3, 3, 3])), 'conv2d', /^conv2d: .*expected input\[1, 2, 4, 4\] to have 3 channels.*\[args: float32\[1,2,4,4\], float32\[1,3,3,3\]/);
  });
});

test('argument errors say what was expected and what was received', () => {
  tidy(() => {
    throwsTorch(() => torch.zeros([2, 1.5]), 'zeros', /^zeros: argument 1\[1\] must be an integer, got 1.5/);
    throwsTorch(() => torch.zeros([2]).add('x' as unknown as number), 'add', /^add: argument 2 must be a Tensor, got string/);
    throwsTorch(() => torch.add([1, 2] as unknown as torch.Tensor, 1), 'add', 'add: argument 1 must be a Tensor, got array');
    throwsTorch(() => torch.tensor(new Float32Array(5), [2, 2]), 'tensor', /^tensor: shape \[2,2\] has 4 elements but data has 5/);
    throwsTorch(() => torch.tensor([1.5], [1], { dtype: 'int64' }), 'tensor', 'tensor: int64 data must be integers, got 1.5 at index 0');
    throwsTorch(() => torch.tensor([[1, 2]] as unknown as number[]), 'tensor', /^tensor: data must be a flat number\[\] \(pass nested data flattened, with shape\), got an array at index 0$/);
    throwsTorch(() => torch.zeros([2], { dtype: 'int32' as torch.DType }), 'zeros', /unknown dtype 'int32'/);
    throwsTorch(() => F.mseLoss(torch.zeros([1]), torch.zeros([1]), { reduction: 'avg' as 'mean' }), 'mseLoss', /reduction must be 'mean', 'sum' or 'none'/);
    throwsTorch(() => F.dropout(torch.zeros([1]), 1.5), 'dropout', /dropout probability must be in \[0, 1\]/);
  });
});

test('index tensors with the wrong dtype are rejected before reaching libtorch', () => {
  tidy(() => {
    const x = torch.zeros([3, 2]);
    const fidx = torch.tensor([0, 1]);
    throwsTorch(() => x.indexSelect(0, fidx), 'indexSelect', "indexSelect: index must have dtype int64, got float32[2]; convert it with index.to('int64')");
    throwsTorch(() => x.gather(0, fidx.reshape([2, 1])), 'gather', /gather: index must have dtype int64/);
    throwsTorch(() => torch.where(torch.ones([2]), 1, 0), 'where', /where: condition must have dtype bool/);
    throwsTorch(() => x.maskedSelect(torch.ones([3, 2])), 'maskedSelect', /maskedSelect: mask must have dtype bool/);
    const i32 = torch.tensor([1, 0], [2], { dtype: 'uint8' });
    throwsTorch(() => F.crossEntropy(x, i32), 'crossEntropy', /crossEntropy: target must have dtype int64 or float32 or float64, got uint8\[2\]/);
  });
});

test('a failed op leaves no tensor behind and the process keeps working', () => {
  const before = torch.memory().liveTensors;
  const a = torch.zeros([2, 2]);
  const b = torch.zeros([3]);
  for (let i = 0; i < 20; i++) assert.throws(() => a.matmul(b), TorchError);
  tidy(() => assert.deepEqual(a.matmul(a).toArray(), [[0, 0], [0, 0]]));
  torch.dispose([a, b]);
  assert.equal(torch.memory().liveTensors, before);
});
