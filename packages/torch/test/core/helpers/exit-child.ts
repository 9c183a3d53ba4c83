/**
 * Child process for exit.test.ts. argv[2] selects what to interrupt while libtorch is busy:
 *  terminate   worker.terminate() three times while a worker runs convolutions, then exit 0
 *  exit        process.exit(7) from the main thread while a worker runs convolutions
 *  worker-exit a worker calls process.exit(3) inside a tidy scope; then the main thread exits 0
 *  main-exit   process.exit(5) with live tensors, an open tidy scope and 2 OpenMP threads
 * Without argv[2] (e.g. when imported) it does nothing.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as torch from '@entangle/torch';

function busyLoop(exitAfter: number | null): void {
  torch.setNumThreads(1);
  const x = torch.randn([8, 16, 32, 32]);
  const w = torch.randn([16, 16, 3, 3]);
  for (let i = 0; ; i++) {
    torch.tidy(() => {
      const y = torch.F.conv2d(x, w, null, { padding: 1 }).relu().sum();
      if (i === 0) parentPort!.postMessage('busy');
      if (exitAfter !== null && i === exitAfter) process.exit(3);
      return y.item();
    });
  }
}

function startBusyWorker(exitAfter: number | null): Promise<{ worker: Worker; exited: Promise<number> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { exitAfter } });
  const exited = new Promise<number>((resolve) => worker.on('exit', resolve));
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve({ worker, exited }));
    worker.once('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(mode: string): Promise<void> {
  if (mode === 'terminate') {
    for (let i = 0; i < 3; i++) {
      const { worker } = await startBusyWorker(null);
      await sleep(15 + 10 * i);
      await worker.terminate();
    }
    const ok = torch.tidy(() => torch.ones([2]).add(1).sum().item());
    console.log(`main still works: ${ok}`);
    return;
  }
  if (mode === 'exit') {
    await startBusyWorker(null);
    await sleep(20);
    process.exit(7);
  }
  if (mode === 'worker-exit') {
    const { exited } = await startBusyWorker(5);
    console.log(`worker exit code ${await exited}`);
    return;
  }
  if (mode === 'main-exit') {
    torch.setNumThreads(2);
    const keepAlive = [torch.randn([256, 256]), torch.randn([64, 64])];
    torch.tidy(() => {
      keepAlive[0]!.matmul(keepAlive[0]!).relu();
      process.exit(5);
    });
  }
  throw new Error(`unknown mode ${mode}`);
}

if (!isMainThread && parentPort !== null && (workerData as { exitAfter?: unknown })?.exitAfter !== undefined) {
  busyLoop((workerData as { exitAfter: number | null }).exitAfter);
} else if (isMainThread && process.argv[2] !== undefined) {
  await main(process.argv[2]);
}
