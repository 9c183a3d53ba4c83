// Splits ResNet-18 (CIFAR stem) training steps into phases and times each, the twin of profile.py.
// Usage: node dist/profile.js [batch=32] [steps=8] → one JSON line of median wall ms per phase.
import * as torch from '@entangle/torch';

const { nn, optim } = torch;
const F = nn.functional;
const batch = Number(process.argv[2] ?? 32);
const steps = Number(process.argv[3] ?? 8);

torch.manualSeed(0);
const model = nn.resnet18({ numClasses: 10, stem: 'cifar' });
const opt = new optim.Adam(model.parameters(), { lr: 1e-3 });
const x = torch.randn([batch, 3, 32, 32]);
const y = torch.randint(0, 10, [batch]);
const phases: Record<string, number[]> = { zeroGrad: [], forward: [], backward: [], adam: [], dispose: [], cpuStep: [] };
const now = (): number => Number(process.hrtime.bigint()) / 1e6;
for (let i = 0; i <= steps; i++) {
  const cpu0 = process.cpuUsage();
  let t = now();
  const lap = (name: string): void => {
    const t1 = now();
    if (i > 0) phases[name].push(t1 - t);
    t = t1;
  };
  torch.tidy(() => {
    opt.zeroGrad();
    lap('zeroGrad');
    const loss = F.crossEntropy(model.forward(x), y);
    lap('forward');
    loss.backward();
    lap('backward');
    opt.step();
    lap('adam');
  });
  lap('dispose');
  const cpu = process.cpuUsage(cpu0);
  if (i > 0) phases.cpuStep.push((cpu.user + cpu.system) / 1e3);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out: Record<string, number> = {};
for (const [k, v] of Object.entries(phases)) out[k] = Number(median(v).toFixed(1));
console.log(JSON.stringify({ side: 'ts', batch, steps, threads: torch.getNumThreads(), ms: out }));
