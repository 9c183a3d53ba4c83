// Runs each workload alternately in TypeScript and Python (TS, Py, TS, Py…), then prints medians and TS/Py ratios.
// Usage (through run.sh): node dist/compare.js [--threads 2] [--rounds 3] [--workloads mlp,convnet,resnet18]
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface RunResult {
  workload: string;
  side: 'ts' | 'py';
  seconds: number;
  cpuSeconds: number;
  loss: number;
  threads: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = join(here, '..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const threads = Number(option('threads', '2'));
const rounds = Number(option('rounds', '3'));
const workloads = option('workloads', 'mlp,convnet,resnet18').split(',');
if (!Number.isInteger(threads) || threads < 1 || !Number.isInteger(rounds) || rounds < 1) {
  console.error(`compare: --threads and --rounds must be positive integers, got ${threads} and ${rounds}`);
  process.exit(2);
}
const env = { ...process.env, GOMP_SPINCOUNT: '1000', ENTANGLE_THREADS: String(threads) };

function runOnce(side: 'ts' | 'py', workload: string): RunResult {
  const [cmd, args] = side === 'ts'
    ? [process.execPath, [join(here, 'workloads.js'), workload]]
    : ['/usr/bin/python3', [join(benchDir, 'workloads.py'), workload, String(threads)]];
  const out = spawnSync(cmd, args, { env, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${side} ${workload} failed (exit ${out.status}):\n${out.stderr}`);
  const line = out.stdout.trim().split('\n').at(-1) ?? '';
  const result = JSON.parse(line) as RunResult;
  if (result.threads !== threads) throw new Error(`${side} ${workload} ran with ${result.threads} threads, expected ${threads}`);
  return result;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const startLoad = loadavg();
const started = new Date();
const results: RunResult[] = [];
for (let r = 0; r < rounds; r++) {
  for (const w of workloads) {
    for (const side of ['ts', 'py'] as const) {
      const res = runOnce(side, w);
      results.push(res);
      console.error(`round ${r + 1}/${rounds} ${w} ${side}: ${res.seconds.toFixed(3)} s wall, ${res.cpuSeconds.toFixed(3)} s CPU (loss ${res.loss.toFixed(4)}, load ${loadavg()[0].toFixed(2)})`);
    }
  }
}
const endLoad = loadavg();

console.log(`date: ${started.toISOString()}; machine: ${cpus().length}× ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`threads=${threads}, GOMP_SPINCOUNT=1000, rounds=${rounds} (interleaved TS, Py); load average at start ${startLoad.map((l) => l.toFixed(2)).join(' ')}, at end ${endLoad.map((l) => l.toFixed(2)).join(' ')}`);
console.log('');
console.log('| workload | TS wall median (s) | Python wall median (s) | **TS/Python wall** | median of per-round wall ratios | TS/Python CPU | TS wall runs (s) | Python wall runs (s) | TS CPU runs (s) | Python CPU runs (s) |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const w of workloads) {
  const pick = (side: 'ts' | 'py', key: 'seconds' | 'cpuSeconds'): number[] =>
    results.filter((r) => r.workload === w && r.side === side).map((r) => r[key]);
  const [ts, py, tsCpu, pyCpu] = [pick('ts', 'seconds'), pick('py', 'seconds'), pick('ts', 'cpuSeconds'), pick('py', 'cpuSeconds')];
  const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
  // Runs of one round are back to back, so they share the machine's load: their ratio is paired.
  const perRound = median(ts.map((t, i) => t / py[i]));
  console.log(`| ${w} | ${median(ts).toFixed(3)} | ${median(py).toFixed(3)} | **${(median(ts) / median(py)).toFixed(3)}** | ${perRound.toFixed(3)} | ${(median(tsCpu) / median(pyCpu)).toFixed(3)} | ${fmt(ts)} | ${fmt(py)} | ${fmt(tsCpu)} | ${fmt(pyCpu)} |`);
}
