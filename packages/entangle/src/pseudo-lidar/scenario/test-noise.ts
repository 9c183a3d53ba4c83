// How much of the seed-to-seed spread of a detector's ΔAP (u′ − u) the finite test split explains: a paired
// bootstrap over test frames per seed (kitti/bootstrap.ts), set beside the spread between seeds.
import type { Records } from '../../core/types.js';
import { readOutputs } from '../../evaluate/artifacts.js';
import { summarize } from '../../evaluate/stats/paired.js';
import { trainSystem } from '../../evaluate/train-system.js';
import type { Table } from '../../report/table.js';
import type { ScenarioContext } from '../../scenarios/scenario.js';
import type { System } from '../../system/system.js';
import { bootstrapApDifference } from '../kitti/bootstrap.js';
import type { KittiObject } from '../kitti/label.js';
import { kittiOptions, KITTI_MIN_OVERLAPS, type DetectorEval } from './measure.js';
import type { Variant } from './report.js';

/** One detector's ΔAP_3D spreads (AP × 100 units). */
export interface TestNoise {
  model: string;
  seeds: number;
  /** sd over seeds of ΔAP_3D = AP_3D(u′) − AP_3D(u) on the fixed test split. */
  seedSd: number;
  /** √(mean over seeds of the bootstrap variance of ΔAP_3D): the test-frame sampling part. */
  bootstrapSd: number;
  resamples: number;
  frames: number;
}

/**
 * Per detector: reads every seed's detections of u's and u′'s systems from the store and bootstraps ΔAP_3D at the
 * class's IoU over the test frames (`resamples` per seed, seeded by the seed).
 */
export async function testFrameNoise(sysU: System, sysUp: System, u: Variant, uPrime: Variant, detectors: DetectorEval[], difficulty: 'easy' | 'moderate' | 'hard', scale: number, resamples: number, ctx: ScenarioContext): Promise<TestNoise[]> {
  const gt = sysU.dataset('test').records!.labels as KittiObject[][];
  const variances = new Map<string, number[]>(detectors.map((d) => [d.model, []]));
  for (const seed of u.seeds.map((s) => s.seed)) {
    const [a, b] = [await trainSystem(sysU, { seed, store: ctx.store }), await trainSystem(sysUp, { seed, store: ctx.store })];
    for (const d of detectors) {
      const dets = (t: typeof a) => (readOutputs(ctx.store, t.models[d.model].outputs.test) as Records<KittiObject[]>).items;
      const r = bootstrapApDifference(gt, dets(a), dets(b), kittiOptions(d, difficulty, scale, '3d', KITTI_MIN_OVERLAPS[d.className][0]), { resamples, seed });
      variances.get(d.model)!.push(r.sdDifference ** 2);
    }
  }
  return detectors.map((d) => ({
    model: d.model,
    seeds: u.seeds.length,
    seedSd: summarize(u.seeds.map((s, i) => uPrime.seeds[i].ap[d.model].ap3d - s.ap[d.model].ap3d)).sd,
    bootstrapSd: Math.sqrt(summarize(variances.get(d.model)!).mean),
    resamples,
    frames: gt.length,
  }));
}

/** The spreads side by side, with the share of the between-seed variance that test-frame sampling accounts for. */
export function testNoiseTable(rows: TestNoise[], caption: string): Table {
  return {
    caption,
    columns: ['detector', 'sd of ΔAP_3D between seeds', 'test-frame bootstrap sd of ΔAP_3D', 'share of the variance (bootstrap² / between²)', 'test frames', 'resamples per seed'],
    rows: rows.map((r) => [r.model, r.seedSd.toFixed(2), r.bootstrapSd.toFixed(2), r.seedSd > 0 ? (r.bootstrapSd ** 2 / r.seedSd ** 2).toFixed(2) : 'n/a', r.frames, r.resamples]),
  };
}
