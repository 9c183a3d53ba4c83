// Presets of the pseudo-LiDAR scenarios: quick (CI, s = ¼, < 3 min), standard (2 cores, ≤ 90 min), paper (s = ½).
import type { JsonObject } from '../../core/types.js';
import type { PresetName } from '../../scenarios/scenario.js';

const smallArch = { downsample: 4, bins: 12, features: 8, aggregation: 16, dilations: [1, 2, 1], refine: 0, correlation: 'cosine', costSkip: true };
const arch = { downsample: 2, bins: 24, features: 16, aggregation: 32, dilations: [1, 2, 4, 8, 1], refine: 0, correlation: 'cosine', costSkip: true };
const halfScaleArch = { ...arch, downsample: 4 };

/** Stereo args: one disparity pretraining (fixed seed 0, shared by every run seed, as the paper's one SceneFlow checkpoint), then fine-tuning. */
const stereo = (a: JsonObject, pretrain: [number, number], finetune: [number, number], crop: [number, number]): JsonObject => ({
  arch: a,
  train: { iterations: finetune[0], batchSize: 4, crop, lr: finetune[1], milestones: [0.7], gamma: 0.1 },
  pretrain: { seed: 0, train: { iterations: pretrain[0], batchSize: 4, crop, lr: pretrain[1], milestones: [0.7], gamma: 0.1 } },
});

/**
 * epochs 0 = the detector's own default budget; oracleSeeds null = the oracle y is trained on every seed (it is a
 * reference, outside the verdict); bootstrap = resamples per seed of the test-frame spread table (0 = none).
 */
const base = (seeds: number, oracle: number | null, bootstrap: number, scale: number, frames: JsonObject, stereoArgs: JsonObject, families: string[], epochs: [number, number]): JsonObject => ({
  seeds, oracleSeeds: oracle, bootstrap, scale, worldSeed: 2024, frames, world: {}, stereo: stereoArgs, families,
  detectors: { car: epochs[0] > 0 ? { train: { epochs: epochs[0] } } : {}, pedestrian: epochs[1] > 0 ? { train: { epochs: epochs[1] } } : {} },
  metric: '3d', difficulty: 'moderate',
});

const presets: Record<PresetName, JsonObject> = {
  quick: base(2, null, 20, 0.25, { pretrain: 24, train: 24, test: 16 }, stereo(smallArch, [300, 2e-3], [150, 1e-3], [48, 128]), ['bev'], [4, 4]),
  standard: base(8, 2, 100, 0.25, { pretrain: 400, train: 320, test: 960 }, stereo(arch, [2000, 1e-3], [600, 2e-4], [64, 160]), ['bev'], [6, 6]),
  paper: base(5, null, 100, 0.5, { pretrain: 600, train: 600, test: 900 }, stereo(halfScaleArch, [3000, 1e-3], [1200, 2e-4], [96, 256]), ['bev', 'frustum'], [40, 40]),
};

/** Both scenarios share the world, the stereo models and the detectors' budgets (so they share cached work). */
export const PRESETS = { section5: presets, appendixA: presets };
