// Presets of the pseudo-LiDAR scenarios: quick (CI, s = ¼, < 3 min), standard (2 cores, ≤ 90 min), paper (s = ½).
import type { JsonObject } from '../../core/types.js';
import type { PresetName } from '../../scenarios/scenario.js';

const smallArch = { downsample: 2, bins: 24, features: 8, aggregation: 16, dilations: [1, 2, 4, 1], refine: 8 };
const arch = { downsample: 2, bins: 24, features: 16, aggregation: 32, dilations: [1, 2, 4, 8, 1], refine: 0 };
const halfScaleArch = { ...arch, downsample: 4 };

const stereo = (a: JsonObject, pretrainIterations: number, iterations: number, crop: [number, number]): JsonObject => ({
  arch: a,
  train: { iterations, batchSize: 4, crop, lr: 2e-4, milestones: [0.7], gamma: 0.1 },
  pretrain: { seed: 0, train: { iterations: pretrainIterations, batchSize: 4, crop, lr: 1e-3, milestones: [0.7], gamma: 0.1 } },
});

const base = (seeds: number, scale: number, frames: JsonObject, stereoArgs: JsonObject, families: string[], epochs: [number, number]): JsonObject => ({
  seeds, scale, worldSeed: 2024, frames, world: {}, stereo: stereoArgs, families,
  detectors: { car: { train: { epochs: epochs[0] } }, pedestrian: { train: { epochs: epochs[1] } } },
  metric: '3d', difficulty: 'moderate',
});

const presets: Record<PresetName, JsonObject> = {
  quick: base(2, 0.25, { pretrain: 24, train: 24, test: 16 }, stereo(smallArch, 150, 100, [48, 128]), ['bev'], [4, 4]),
  standard: base(3, 0.25, { pretrain: 400, train: 320, test: 240 }, stereo(arch, 1500, 500, [64, 160]), ['bev'], [30, 30]),
  paper: base(5, 0.5, { pretrain: 600, train: 600, test: 300 }, stereo(halfScaleArch, 3000, 1200, [96, 256]), ['bev', 'frustum'], [40, 40]),
};

/** Both scenarios share the world, the stereo models and the detectors' budgets (so they share cached work). */
export const PRESETS = { section5: presets, appendixA: presets };
