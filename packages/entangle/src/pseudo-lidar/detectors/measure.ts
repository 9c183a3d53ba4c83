// Measures a detector on oracle (ground-truth depth) pseudo-LiDAR: fit and predict CPU time per frame on one thread,
// and KITTI AP on held-out frames. Run after building, e.g.
//   ENTANGLE_THREADS=1 node packages/entangle/dist/src/pseudo-lidar/detectors/measure.js --family bev --class Car --train 300 --test 150
// Flags: --family bev|frustum, --class Car|Pedestrian, --setting (default section5-car / section5-pedestrian),
// --train N, --test N, --epochs N (default: the learner's), --seed S (world seed, default 7), --scale s (0.25),
// --cache DIR (rendered frames; default none), --args JSON (extra learner args), --disparity-noise σ (px at scale s:
// the depth becomes f·B/(f·B/z + ε), ε ~ N(0, σ²), a stand-in for a stereo model's error, to see how AP reacts).
import { fileURLToPath } from 'node:url';
import * as torch from '@entangle/torch';
import type { FittedModel, Inputs, JsonObject, Records, TrainSet } from '../../core/types.js';
import { createRng, type Rng } from '../../train/random.js';
import { kittiCalibration } from '../geometry/calib.js';
import type { KittiObject } from '../kitti/label.js';
import { PSEUDO_LIDAR_SETTINGS, type PseudoLidarSetting } from '../pointcloud/settings.js';
import { organizedCloud } from '../r/organized.js';
import { loadSplit } from '../scenario/splits.js';
import { bevDetector } from './bev/learner.js';
import { frustumDetector } from './frustum/learner.js';
import { kittiApSummary } from './kitti-ap-loss.js';

export interface MeasureOptions {
  family: 'bev' | 'frustum';
  className: 'Car' | 'Pedestrian';
  setting: PseudoLidarSetting;
  train: number;
  test: number;
  epochs?: number;
  seed: number;
  scale: number;
  cacheDir: string | null;
  args: JsonObject;
  /** σ (px) of Gaussian disparity noise added to the ground-truth depth before r (0: the oracle y). */
  disparityNoise: number;
}

/** What one measurement found; plain data. */
export interface MeasureResult {
  options: MeasureOptions;
  fitCpuSeconds: number;
  fitWallSeconds: number;
  /** CPU ms per training frame and epoch. */
  fitCpuMsPerFrameEpoch: number;
  epochs: number;
  predictCpuMsPerFrame: number;
  /** AP (R40 and R11) on the test frames per difficulty. */
  ap: { difficulty: string; ap3dR40: number; apBevR40: number; ap3dR11: number; apBevR11: number; numGroundTruth: number }[];
}

function frames(o: MeasureOptions, first: number, count: number): { inputs: Inputs; labels: KittiObject[][] } {
  const split = loadSplit({ seed: o.seed, first, count, world: { scale: o.scale } }, o.cacheDir);
  const calib = kittiCalibration(o.scale);
  const depth = o.disparityNoise > 0 ? noisyDepth(split.depth, calib.fu * calib.baseline, o.disparityNoise, createRng(o.seed + first, 'disparity-noise')) : split.depth;
  const cloud = { shape: [count, 3, calib.height, calib.width], data: organizedCloud(depth, count, calib, o.setting) };
  const blocks: Inputs['blocks'] = [];
  if (o.family === 'frustum') blocks.push({ name: 'labels', kind: 'records', value: { kind: 'records', items: split.labels } });
  blocks.push({ name: 'r', kind: 'points', value: cloud });
  return { inputs: { size: count, blocks }, labels: split.labels };
}

/** z′ = f·B/(f·B/z + ε), ε ~ N(0, σ²) (Box–Muller); a disparity ≤ 0 becomes NaN (dropped by r). */
function noisyDepth(depth: Float32Array, fb: number, sigma: number, rng: Rng): Float32Array {
  const out = new Float32Array(depth.length);
  for (let i = 0; i < depth.length; i++) {
    const e = sigma * Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
    const d = fb / depth[i] + e;
    out[i] = d > 0 ? fb / d : Number.NaN;
  }
  return out;
}

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/** Fits on frames [0, train) and evaluates on [100 000, 100 000 + test) of world `seed`. */
export async function measureDetector(o: MeasureOptions, log: (line: string) => void = () => {}): Promise<MeasureResult> {
  const spec = PSEUDO_LIDAR_SETTINGS[o.setting];
  const learner = o.family === 'bev' ? bevDetector : frustumDetector;
  const range = (r: object | undefined): JsonObject | null => (r === undefined ? null : (r as JsonObject));
  const args: JsonObject = {
    className: o.className, scale: o.scale, trainRange: range(spec.trainRange), detectionRange: range(spec.detectionRange), ...o.args,
    ...(o.epochs !== undefined ? { train: { ...((o.args.train as JsonObject | undefined) ?? {}), epochs: o.epochs } } : {}),
  };
  const tr = frames(o, 0, o.train);
  const te = frames(o, 100_000, o.test);
  const train: TrainSet = { inputs: tr.inputs, target: { kind: 'records', items: tr.labels } };
  let epochs = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const model: FittedModel = await learner.fit(train, args, {
    seed: 0, model: `${o.family}-${o.className}`, threads: 1,
    onProgress: (e) => { epochs = e.epochs; log(`epoch ${e.epoch}/${e.epochs} loss ${e.loss?.toFixed(4)}`); },
  });
  const fitCpuSeconds = cpuSeconds(cpu0);
  const fitWallSeconds = (performance.now() - wall0) / 1000;
  const cpu1 = process.cpuUsage();
  const det = (model.predict(te.inputs) as Records<KittiObject[]>).items;
  const predictCpuMsPerFrame = (cpuSeconds(cpu1) * 1000) / o.test;
  model.dispose();
  const ap = (['easy', 'moderate', 'hard'] as const).map((difficulty) => {
    const s = kittiApSummary(te.labels, det, { className: o.className, scale: o.scale, difficulty, range: spec.evaluationRange });
    return { difficulty, ap3dR40: s.ap3dR40, apBevR40: s.apBevR40, ap3dR11: s.ap3dR11, apBevR11: s.apBevR11, numGroundTruth: s.numGroundTruth };
  });
  return {
    options: o, fitCpuSeconds, fitWallSeconds, fitCpuMsPerFrameEpoch: (fitCpuSeconds * 1000) / (o.train * Math.max(1, epochs)),
    epochs, predictCpuMsPerFrame, ap,
  };
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  torch.setNumThreads(1);
  const className = (flag(argv, 'class') ?? 'Car') as MeasureOptions['className'];
  const o: MeasureOptions = {
    family: (flag(argv, 'family') ?? 'bev') as MeasureOptions['family'],
    className,
    setting: (flag(argv, 'setting') ?? (className === 'Car' ? 'section5-car' : 'section5-pedestrian')) as PseudoLidarSetting,
    train: Number(flag(argv, 'train') ?? 300),
    test: Number(flag(argv, 'test') ?? 150),
    epochs: flag(argv, 'epochs') === undefined ? undefined : Number(flag(argv, 'epochs')),
    seed: Number(flag(argv, 'seed') ?? 7),
    scale: Number(flag(argv, 'scale') ?? 0.25),
    cacheDir: flag(argv, 'cache') ?? null,
    args: JSON.parse(flag(argv, 'args') ?? '{}') as JsonObject,
    disparityNoise: Number(flag(argv, 'disparity-noise') ?? 0),
  };
  const r = await measureDetector(o, (line) => console.error(line));
  console.log(`${o.family} ${o.className} (${o.setting}), ${o.train} train / ${o.test} test frames, scale ${o.scale}, world seed ${o.seed}` +
    (o.disparityNoise > 0 ? `, disparity noise σ = ${o.disparityNoise} px` : ', oracle depth'));
  console.log(`fit: ${r.epochs} epochs, ${r.fitCpuSeconds.toFixed(1)} s CPU (${r.fitWallSeconds.toFixed(1)} s wall), ${r.fitCpuMsPerFrameEpoch.toFixed(1)} ms CPU per frame-epoch`);
  console.log(`predict: ${r.predictCpuMsPerFrame.toFixed(1)} ms CPU per frame`);
  for (const a of r.ap) {
    console.log(`${a.difficulty.padEnd(8)} AP_3D ${a.ap3dR40.toFixed(1).padStart(5)} AP_BEV ${a.apBevR40.toFixed(1).padStart(5)} (R40)  AP_3D ${a.ap3dR11.toFixed(1).padStart(5)} AP_BEV ${a.apBevR11.toFixed(1).padStart(5)} (R11)  n_gt ${a.numGroundTruth}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error((err as Error).stack ?? String(err));
    process.exitCode = 1;
  });
}
