// One benchmark workload in TypeScript (@entangle/torch), the twin of workloads.py.
// Usage: node dist/workloads.js <mlp|convnet|resnet18> → prints one JSON line {workload, side, seconds, cpuSeconds, loss, threads}.
import * as torch from '@entangle/torch';

const { nn, optim } = torch;
const F = nn.functional;

interface Timing {
  /** Wall time of the timed steps. */
  seconds: number;
  /** CPU time (user + system, all threads of the process) of the timed steps. */
  cpuSeconds: number;
  loss: number;
}

interface Result extends Timing {
  workload: string;
  side: 'ts';
  threads: number;
}

/** Trains `model` with Adam on batches cut in order from (x, y); the first `warmup` steps are not timed. */
function train(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor, batch: number, steps: number, warmup: number): Timing {
  const opt = new optim.Adam(model.parameters(), { lr: 1e-3 });
  const n = x.shape[0];
  const perEpoch = Math.floor(n / batch);
  const step = (i: number): number => torch.tidy(() => {
    const start = (i % perEpoch) * batch;
    opt.zeroGrad();
    const loss = F.crossEntropy(model.forward(x.narrow(0, start, batch)), y.narrow(0, start, batch));
    loss.backward();
    opt.step();
    return loss.item();
  });
  for (let i = 0; i < warmup; i++) step(i);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let loss = NaN;
  for (let i = 0; i < steps; i++) loss = step(i);
  const cpu = process.cpuUsage(cpu0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  opt.dispose();
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, loss };
}

function mlp(): Timing {
  const model = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 256), new nn.ReLU(), new nn.Linear(256, 10));
  const x = torch.randn([8192, 784]);
  const y = torch.randint(0, 10, [8192]);
  return train(model, x, y, 128, 2 * (8192 / 128), 1);
}

function convnet(): Timing {
  const model = new nn.Sequential(
    new nn.Conv2d(1, 32, 5, { padding: 2 }), new nn.BatchNorm2d(32), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Conv2d(32, 32, 5, { stride: 2, padding: 2 }), new nn.BatchNorm2d(32), new nn.ReLU(), new nn.MaxPool2d(2),
    new nn.Flatten(), new nn.Linear(32 * 3 * 3, 10),
  );
  const x = torch.randn([2048, 1, 28, 28]);
  const y = torch.randint(0, 10, [2048]);
  return train(model, x, y, 128, 2048 / 128, 1);
}

function resnet18(): Timing {
  const model = nn.resnet18({ numClasses: 10, stem: 'cifar' });
  const x = torch.randn([128 * 6, 3, 32, 32]);
  const y = torch.randint(0, 10, [128 * 6]);
  return train(model, x, y, 128, 5, 1);
}

const workloads: Record<string, () => Timing> = { mlp, convnet, resnet18 };
const name = process.argv[2];
const run = workloads[name];
if (run === undefined) {
  console.error(`workloads.js: unknown workload '${name}'; expected one of ${Object.keys(workloads).join(', ')}`);
  process.exit(2);
}
torch.manualSeed(0);
const result: Result = { workload: name, side: 'ts', ...run(), threads: torch.getNumThreads() };
console.log(JSON.stringify(result));
