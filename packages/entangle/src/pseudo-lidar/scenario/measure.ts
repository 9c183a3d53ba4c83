// Per-seed measurements read back from the store: u's depth error by range, and the detectors' AP_3D and AP_BEV.
import type { Block, Records } from '../../core/types.js';
import { readOutputs } from '../../evaluate/artifacts.js';
import { trainSystem } from '../../evaluate/train-system.js';
import type { System } from '../../system/system.js';
import { kittiCalibration } from '../geometry/calib.js';
import { evaluateKittiClass } from '../kitti/evaluate.js';
import type { KittiObject } from '../kitti/label.js';
import type { RangeFilter } from '../kitti/range.js';
import { depthErrorByRange, disparityMae, TABLE3_RANGES } from '../stereo/metrics.js';
import type { ScenarioContext } from '../../scenarios/scenario.js';

/** What one trained system gave on the test set for one seed. */
export interface SeedMeasurement {
  seed: number;
  /** Depth MAE (m) over 1 ≤ z < 80, and per Table 3 range. */
  depthMae: number;
  depthMaeByRange: number[];
  /** Disparity MAE (image px at scale s) over 1 ≤ z < 80. */
  disparityMae: number;
  /** Per detector model id: AP (R40, ×100) at its class's IoU, the scenario's difficulty, in 3D and BEV. */
  ap: Record<string, { ap3d: number; apBev: number; numGroundTruth: number }>;
}

export interface DetectorEval {
  model: string;
  className: 'Car' | 'Pedestrian';
  range?: RangeFilter;
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
  for (const d of detectors) {
    const dets = (readOutputs(ctx.store, trained.models[d.model].outputs.test) as Records<KittiObject[]>).items;
    const options = { className: d.className, difficulty, scale, minOverlap: d.className === 'Car' ? 0.7 : 0.5, ...(d.range ? { range: d.range } : {}) };
    const r3 = evaluateKittiClass(gt, dets, { ...options, metric: '3d' });
    const rb = evaluateKittiClass(gt, dets, { ...options, metric: 'bev' });
    ap[d.model] = { ap3d: r3.apR40, apBev: rb.apR40, numGroundTruth: r3.numGroundTruth };
  }
  return {
    seed,
    depthMae: byRange.overall,
    depthMaeByRange: byRange.ranges.map((r) => r.mae),
    disparityMae: disparityMae(depth.data, truth, calib.fu * calib.baseline),
    ap,
  };
}
