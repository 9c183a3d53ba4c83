// Per-seed measurements read back from the store: u's depth error by range, and the detectors' AP_3D and AP_BEV.
import type { Block, Records } from '../../core/types.js';
import { readOutputs } from '../../evaluate/artifacts.js';
import { trainSystem } from '../../evaluate/train-system.js';
import type { System } from '../../system/system.js';
import { kittiCalibration } from '../geometry/calib.js';
import { evaluateKittiClass, type KittiEvalOptions } from '../kitti/evaluate.js';
import type { KittiObject } from '../kitti/label.js';
import type { RangeFilter } from '../kitti/range.js';
import { depthErrorByRange, disparityMae, TABLE3_RANGES } from '../stereo/metrics.js';
import { objectDepthError } from '../stereo/object-depth-error.js';
import type { ScenarioContext } from '../../scenarios/scenario.js';

/** What one trained system gave on the test set for one seed. */
export interface SeedMeasurement {
  seed: number;
  /** Depth MAE (m) over 1 ≤ z < 80, and per Table 3 range. */
  depthMae: number;
  depthMaeByRange: number[];
  /** Disparity MAE (image px at scale s) over 1 ≤ z < 80. */
  disparityMae: number;
  /**
   * Per class measured by a detector: u's depth MAE (m) on the pixels of the objects that detector is evaluated on
   * (object-weighted; pedestrians within their ≤ 20 m range). NaN when the test split has none.
   */
  objectDepthMae: Partial<Record<'Car' | 'Pedestrian', number>>;
  /**
   * Per detector model id: AP (R40, ×100) at the scenario's difficulty in 3D and BEV, at the class's IoU (car 0.7,
   * pedestrian 0.5) and at KITTI's second, looser overlap set (car 0.5, pedestrian 0.25; `*Loose`).
   */
  ap: Record<string, { ap3d: number; apBev: number; ap3dLoose: number; apBevLoose: number; numGroundTruth: number }>;
}

/**
 * KITTI's two overlap sets for BEV and 3D AP (kitti-object-eval-python `get_official_eval_result`: `overlap_0_7` and
 * `overlap_0_5`): [strict, loose] minimum IoU per class.
 */
export const KITTI_MIN_OVERLAPS = { Car: [0.7, 0.5], Pedestrian: [0.5, 0.25] } as const;

export interface DetectorEval {
  model: string;
  className: 'Car' | 'Pedestrian';
  range?: RangeFilter;
}

/** The KITTI evaluation of detector `d` (its class, range and the scenario's difficulty) at one metric and overlap. */
export function kittiOptions(d: DetectorEval, difficulty: 'easy' | 'moderate' | 'hard', scale: number, metric: '3d' | 'bev', minOverlap: number): KittiEvalOptions {
  return { className: d.className, difficulty, scale, metric, minOverlap, ...(d.range ? { range: d.range } : {}) };
}

/** Trains (or reads from the store) `system` for `seed` and measures u and the detectors on the test set. */
export async function measureSeed(system: System, seed: number, detectors: DetectorEval[], difficulty: 'easy' | 'moderate' | 'hard', scale: number, ctx: ScenarioContext, onProgress?: ScenarioContext['onProgress']): Promise<SeedMeasurement> {
  const trained = await trainSystem(system, { seed, store: ctx.store, executor: ctx.executor, signal: ctx.signal, onProgress });
  const test = system.dataset('test');
  const truth = test.fields.depth.data;
  const depth = readOutputs(ctx.store, trained.models.u.outputs.test) as Block;
  const byRange = depthErrorByRange(depth.data, truth, TABLE3_RANGES);
  const calib = kittiCalibration(scale);
  const gt = test.records!.labels as KittiObject[][];
  const ap: SeedMeasurement['ap'] = {};
  const objectDepthMae: SeedMeasurement['objectDepthMae'] = {};
  for (const d of detectors) {
    objectDepthMae[d.className] ??= objectDepthError(depth.data, truth, gt, calib, scale, { className: d.className, ...(d.range ? { range: d.range } : {}) }).mae;
    const dets = (readOutputs(ctx.store, trained.models[d.model].outputs.test) as Records<KittiObject[]>).items;
    const [strict, loose] = KITTI_MIN_OVERLAPS[d.className];
    const apAt = (metric: '3d' | 'bev', minOverlap: number) => evaluateKittiClass(gt, dets, kittiOptions(d, difficulty, scale, metric, minOverlap));
    const r3 = apAt('3d', strict);
    ap[d.model] = { ap3d: r3.apR40, apBev: apAt('bev', strict).apR40, ap3dLoose: apAt('3d', loose).apR40, apBevLoose: apAt('bev', loose).apR40, numGroundTruth: r3.numGroundTruth };
  }
  return {
    seed,
    depthMae: byRange.overall,
    depthMaeByRange: byRange.ranges.map((r) => r.mae),
    disparityMae: disparityMae(depth.data, truth, calib.fu * calib.baseline),
    objectDepthMae,
    ap,
  };
}
