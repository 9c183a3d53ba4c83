// The pseudo-LiDAR systems of paper §5 (u → r_car, r_ped → v, w) and App. A (u → r_ped → w), declared for entangle.
import { fileURLToPath } from 'node:url';
import '../../learners/index.js';
import '../../losses/index.js';
import '../stereo/index.js';
import '../r/index.js';
import '../detectors/index.js';
import { EntangleError } from '../../core/errors.js';
import type { Block, Inputs, Json, JsonObject, LearnerSpec, LossSpec } from '../../core/types.js';
import { registerFrozenFunction } from '../../learners/frozen.js';
import { UNKNOWN_SHAPE } from '../../learners/describe.js';
import type { ModelSpec, Update } from '../../system/spec.js';
import { defineSystem, type System } from '../../system/system.js';
import { PSEUDO_LIDAR_SETTINGS, type PseudoLidarSetting } from '../pointcloud/settings.js';
import { setPseudoLidarCacheDir } from '../stereo/cache.js';
import { worldDataset } from './datasets.js';

const MODULE = fileURLToPath(import.meta.url);

export type Experiment = 'section5' | 'appendixA';
export type Upstream = 'disparity-l1' | 'depth-l1' | 'oracle';
export type DetectorFamily = 'bev' | 'frustum';

/** JSON parameters of a pseudo-LiDAR system; the factory is a deterministic function of them. */
export interface PseudoLidarParams {
  experiment: Experiment;
  /** Which depth model u is: trained on disparity L1, on depth L1, or the oracle (ground-truth depth). */
  upstream: Upstream;
  /** Image scale s (0.25 or 0.5). */
  scale: number;
  /** World seed; the splits are consecutive index ranges [0, pretrain) [pretrain, +train) [.., +test). */
  worldSeed: number;
  frames: { pretrain: number; train: number; test: number };
  /** Extra world options (scale excluded). */
  world?: JsonObject;
  /** Args of the stereo-depth learner besides scale, loss and pretrain.frames (arch, train, pretrain.train, pretrain.seed). */
  stereo: JsonObject;
  families: DetectorFamily[];
  /** Detector learner args per class (besides className, scale and the setting's ranges), e.g. { train: { epochs } }. */
  detectors: { car: JsonObject; pedestrian: JsonObject };
  /** The detectors' test loss: AP_3D or AP_BEV (the other one is reported from the stored detections). */
  metric: '3d' | 'bev';
  difficulty: 'easy' | 'moderate' | 'hard';
  /** Disk cache of rendered frames and stereo checkpoints (null: memory only). Not part of any job key. */
  cacheDir: string | null;
}

/** 'pseudo-lidar-depth-field': the oracle y — passes the example's ground-truth depth block through unchanged. */
registerFrozenFunction('pseudo-lidar-depth-field', {
  output: { kind: 'depth', shape: UNKNOWN_SHAPE },
  predict(inputs: Inputs): Block {
    const b = inputs.blocks[0]?.value as Block | undefined;
    if (inputs.blocks.length !== 1 || !(b?.data instanceof Float32Array) || b.shape.length !== 3) {
      throw new EntangleError(`frozen function 'pseudo-lidar-depth-field': expected one depth field [n, H, W] (input 'depth'), got ${inputs.blocks.map((x) => x.name).join(', ') || 'nothing'}.`);
    }
    return { shape: [...b.shape], data: b.data };
  },
}, { replace: true });

/** The depth MAE of §5 (metres, 1 ≤ z < 80) or the disparity MAE of App. A (image px at scale s). */
export function upstreamLoss(experiment: Experiment, scale: number): LossSpec {
  return experiment === 'section5'
    ? { kind: 'mae', args: { targetMin: 1, targetMax: 80 } }
    : { kind: 'disparity-mae', args: { scale, minDepth: 1, maxDepth: 80 } };
}

/** The stereo learner of u for an objective (the pretraining frames are the split before `train`). */
export function stereoLearner(p: PseudoLidarParams, loss: 'disparity-l1' | 'depth-l1'): LearnerSpec {
  const pretrain = (p.stereo.pretrain ?? {}) as JsonObject;
  return {
    kind: 'stereo-depth',
    args: {
      ...p.stereo,
      scale: p.scale,
      loss,
      pretrain: { ...pretrain, frames: { seed: p.worldSeed, first: 0, count: p.frames.pretrain }, world: (p.world ?? {}) as Json },
    } as JsonObject,
  };
}

function depthModel(p: PseudoLidarParams): ModelSpec {
  const common = { id: 'u', parents: [], train: 'train', target: 'depth', test: 'test', loss: upstreamLoss(p.experiment, p.scale), output: 'depth' };
  if (p.upstream === 'oracle') {
    return { ...common, inputs: ['depth'], learner: { kind: 'frozen', args: { function: 'pseudo-lidar-depth-field' } }, description: 'oracle y: the ground-truth depth' };
  }
  return { ...common, inputs: ['left', 'right'], learner: stereoLearner(p, p.upstream), description: `stereo depth u trained on ${p.upstream}` };
}

function cloudModel(id: string, setting: PseudoLidarSetting, p: PseudoLidarParams): ModelSpec {
  return {
    id, inputs: [], parents: ['u'], learner: { kind: 'pseudo-lidar', args: { scale: p.scale, setting } },
    train: 'train', target: 'depth', test: 'test', loss: { kind: 'not-learned' }, output: 'points',
    description: PSEUDO_LIDAR_SETTINGS[setting].description,
  };
}

const rangeJson = (r: { min?: number; max?: number; measure?: string } | undefined): Json => (r === undefined ? null : (JSON.parse(JSON.stringify(r)) as Json));

/**
 * App. A trains the pedestrian detector "to detect pedestrians at any distance": its BEV grid reaches 38.4 m
 * (x ±19.2 m, 0.24 m cells) instead of the §5 default of 25.6 m, unless the params set a grid.
 */
export const APPENDIX_A_PEDESTRIAN_GRID = { xMin: -19.2, xMax: 19.2, zMin: 0, zMax: 38.4, cellSize: 0.24 };

function detectorModel(id: string, family: DetectorFamily, className: 'Car' | 'Pedestrian', cloud: string, setting: PseudoLidarSetting, p: PseudoLidarParams): ModelSpec {
  const spec = PSEUDO_LIDAR_SETTINGS[setting];
  let own = className === 'Car' ? p.detectors.car : p.detectors.pedestrian;
  if (family === 'bev' && setting === 'appendixA-pedestrian' && own.grid === undefined) own = { ...own, grid: APPENDIX_A_PEDESTRIAN_GRID };
  const args: JsonObject = {
    ...own, className, scale: p.scale, trainRange: rangeJson(spec.trainRange), detectionRange: rangeJson(spec.detectionRange),
  };
  const loss: LossSpec = {
    kind: 'kitti-ap',
    args: {
      className, metric: p.metric, difficulty: p.difficulty, iou: className === 'Car' ? 0.7 : 0.5, recallPositions: 40, scale: p.scale,
      ...(spec.evaluationRange ? { range: rangeJson(spec.evaluationRange) } : {}),
    } as JsonObject,
  };
  return {
    id, inputs: family === 'frustum' ? ['labels'] : [], parents: [cloud],
    learner: { kind: family === 'bev' ? 'bev-detector' : 'frustum-detector', args },
    train: 'train', target: 'labels', test: 'test', loss, output: 'boxes',
    description: `${className} detector (${family === 'bev' ? 'BEV grid, stands in for P-RCNN' : 'frustum, stands in for F-PTNET'})`,
  };
}

/** Model ids of a family's detectors. */
export const detectorIds = (family: DetectorFamily): { car: string; pedestrian: string } => ({ car: `v_${family}`, pedestrian: `w_${family}` });

/**
 * §5: u → r_car (winsorized) → v_*, u → r_ped (winsorized, ≤ 20 m) → w_* (trained and evaluated ≤ 20 m).
 * App. A: u → r_ped (no cuts) → w_* (trained on all pedestrians, detections > 20 m removed, evaluated ≤ 20 m).
 */
export async function pseudoLidarSystem(params: PseudoLidarParams): Promise<System> {
  const p = params;
  if (!['section5', 'appendixA'].includes(p.experiment)) throw new EntangleError(`pseudoLidarSystem: experiment must be 'section5' or 'appendixA', got '${p.experiment}'.`);
  if (p.families.length === 0) throw new EntangleError('pseudoLidarSystem: give at least one detector family (bev, frustum).');
  setPseudoLidarCacheDir(p.cacheDir);
  const world = { ...(p.world ?? {}), scale: p.scale };
  const train = worldDataset({ seed: p.worldSeed, first: p.frames.pretrain, count: p.frames.train, world }, p.cacheDir);
  const test = worldDataset({ seed: p.worldSeed, first: p.frames.pretrain + p.frames.train, count: p.frames.test, world }, p.cacheDir);
  const models: ModelSpec[] = [depthModel(p)];
  if (p.experiment === 'section5') {
    models.push(cloudModel('r_car', 'section5-car', p), cloudModel('r_ped', 'section5-pedestrian', p));
    for (const f of p.families) {
      models.push(detectorModel(detectorIds(f).car, f, 'Car', 'r_car', 'section5-car', p));
      models.push(detectorModel(detectorIds(f).pedestrian, f, 'Pedestrian', 'r_ped', 'section5-pedestrian', p));
    }
  } else {
    models.push(cloudModel('r_ped', 'appendixA-pedestrian', p));
    for (const f of p.families) models.push(detectorModel(detectorIds(f).pedestrian, f, 'Pedestrian', 'r_ped', 'appendixA-pedestrian', p));
  }
  return defineSystem({
    name: `pseudo-lidar-${p.experiment}`,
    datasets: { train, test },
    models,
    source: { module: MODULE, export: 'pseudoLidarSystem', params: p as unknown as Json },
  });
}

/** The update u → u′: the same learner and budget, another training objective (written into args.loss). */
export function objectiveUpdate(to: 'disparity-l1' | 'depth-l1'): Update {
  return { name: `u → trained on ${to === 'depth-l1' ? 'depth' : 'disparity'} L1`, model: 'u', loss: { kind: to } };
}
