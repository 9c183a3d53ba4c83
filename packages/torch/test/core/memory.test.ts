import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as torch from '@entangle/torch';

const { tidy, keep, memory } = torch;

test('dispose frees the tensor, is idempotent, and later use names the op', () => {
  const before = memory().liveTensors;
  const t = torch.ones([2]);
  assert.equal(memory().liveTensors, before + 1);
  t.dispose();
  t.dispose();
  assert.equal(t.isDisposed, true);
  assert.equal(memory().liveTensors, before);
  assert.throws(() => t.add(1), { name: 'TorchError', message: 'Tensor is disposed (op: add)' });
  assert.throws(() => torch.add(torch.ones([1]), t), /^TorchError: Tensor is disposed \(op: add\)$/);
  assert.throws(() => t.shape, /Tensor is disposed \(op: shape\)/);
  assert.throws(() => t.toTypedArray(), /Tensor is disposed \(op: toTypedArray\)/);
  assert.throws(() => torch.indexSelect(torch.ones([2]), 0, t), /Tensor is disposed \(op: indexSelect\)/);
  assert.equal(String(t), 'Tensor(disposed)');
});

test('tidy disposes intermediates and moves the returned tensors to the enclosing scope', () => {
  const before = memory().liveTensors;
  let inner: torch.Tensor | undefined;
  const out = tidy(() => {
    inner = torch.ones([3]).mul(2);
    return inner.add(1);
  });
  assert.equal(inner!.isDisposed, true);
  assert.deepEqual(out.toArray(), [3, 3, 3]);
  assert.equal(memory().liveTensors, before + 1);
  out.dispose();
  assert.equal(memory().liveTensors, before);
});

test('tidy keeps tensors inside returned arrays and plain objects, not class instances', () => {
  const before = memory().liveTensors;
  class Box {
    constructor(readonly t: torch.Tensor) {}
  }
  const r = tidy(() => ({ a: torch.ones([1]), list: [torch.zeros([1]), { deep: torch.ones([2]) }], box: new Box(torch.ones([1])) }));
  assert.equal(r.a.isDisposed, false);
  assert.equal(r.list[0] instanceof torch.Tensor && r.list[0].isDisposed, false);
  assert.equal((r.list[1] as { deep: torch.Tensor }).deep.isDisposed, false);
  assert.equal(r.box.t.isDisposed, true);
  torch.dispose(r);
  assert.equal(memory().liveTensors, before);
});

test('nested tidy: inner results survive the inner scope and die with the outer one', () => {
  const before = memory().liveTensors;
  let fromInner: torch.Tensor | undefined;
  const outer = tidy(() => {
    fromInner = tidy(() => torch.ones([2]).add(1));
    assert.equal(fromInner.isDisposed, false);
    const sum = fromInner.sum();
    return sum;
  });
  assert.equal(fromInner!.isDisposed, true, 'not returned by the outer tidy');
  assert.equal(outer.item(), 4);
  outer.dispose();
  assert.equal(memory().liveTensors, before);
});

test('tidy disposes everything when fn throws and rethrows the error', () => {
  const before = memory().liveTensors;
  let made: torch.Tensor | undefined;
  assert.throws(
    () =>
      tidy(() => {
        made = torch.ones([2]);
        made.matmul(torch.ones([3, 3]));
      }),
    { name: 'TorchError' },
  );
  assert.equal(made!.isDisposed, true);
  assert.equal(memory().liveTensors, before);
});

test('tidy rejects async functions after cleaning up', async () => {
  const before = memory().liveTensors;
  assert.throws(() => tidy(async () => torch.ones([1])), /tidy: fn returned a Promise/);
  assert.equal(memory().liveTensors, before);
});

test('keep exempts a tensor from every scope until it is disposed', () => {
  const before = memory().liveTensors;
  let kept: torch.Tensor | undefined;
  tidy(() => {
    tidy(() => {
      kept = keep(torch.ones([2]));
    });
  });
  assert.equal(kept!.isDisposed, false);
  assert.equal(memory().liveTensors, before + 1);
  torch.dispose([kept]);
  assert.equal(memory().liveTensors, before);
});

test('memory() counts live wrappers and their bytes; views and grad wrappers count separately', () => {
  const m0 = memory();
  const a = torch.zeros([1024]); // 4096 bytes
  const m1 = memory();
  assert.equal(m1.liveTensors - m0.liveTensors, 1);
  assert.equal(m1.externalBytes - m0.externalBytes, 4096);
  const v = a.narrow(0, 0, 10);
  assert.equal(memory().externalBytes - m1.externalBytes, 40);
  v.dispose();
  assert.deepEqual(a.narrow(0, 0, 2).toArray(), [0, 0], 'disposing a view keeps the base alive');
  a.dispose();
  const ints = torch.arange(10);
  assert.equal(memory().externalBytes - m0.externalBytes, 80 + 8, 'int64 arange (80) plus the undisposed float32 narrow view (8)');
  ints.dispose();
});

test('a long loop with explicit dispose inside one scope keeps memory flat', () => {
  const before = memory().liveTensors;
  tidy(() => {
    const w = torch.randn([8, 8]);
    for (let i = 0; i < 3000; i++) {
      const y = w.mul(2);
      y.dispose();
    }
    assert.equal(memory().liveTensors, before + 1);
  });
  assert.equal(memory().liveTensors, before);
});

test('dispose() accepts tensors, arrays and objects and ignores other values', () => {
  const before = memory().liveTensors;
  const ts = { x: torch.ones([1]), ys: [torch.ones([1]), 3, 'a', null] };
  torch.dispose(ts);
  torch.dispose(undefined);
  assert.equal(memory().liveTensors, before);
});

test('finalizers release tensors that were never disposed once GC collects their wrappers', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const collect = async (): Promise<void> => {
    for (let round = 0; round < 3; round++) {
      gc();
      await new Promise((r) => setImmediate(r)); // napi finalizers run after the GC, on the event loop
    }
  };
  await collect(); // garbage left by earlier tests
  const before = memory().liveTensors;
  (() => {
    for (let i = 0; i < 50; i++) torch.zeros([1024]);
  })();
  assert.equal(memory().liveTensors, before + 50);
  await collect();
  assert.equal(memory().liveTensors, before);
});

test('trimMemory hands freed tensor buffers of changing sizes back to the OS (glibc)', { skip: !(process.report.getReport() as { header: { glibcVersionRuntime?: string } }).header.glibcVersionRuntime && 'not glibc' }, () => {
  const rssMiB = () => process.memoryUsage().rss / 2 ** 20;
  // Freed 1–2.5 MB buffers of seven sizes stay in glibc's heap (its mmap threshold has risen past them).
  for (let i = 0; i < 40; i++) tidy(() => torch.ones([250_000 + 37_000 * (i % 7)]).mul(2).add(1).dispose());
  const before = rssMiB();
  assert.equal(torch.trimMemory(), true);
  assert.ok(before - rssMiB() >= 8, `RSS ${before.toFixed(0)} → ${rssMiB().toFixed(0)} MiB`);
});
