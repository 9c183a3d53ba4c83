// Test loss 'kitti-ap': ℓ = 1 − AP/100 of a detector's per-frame KITTI detections against the test set's labels,
// with KITTI's rules (evaluateKittiClass). Also kittiApSummary, the AP_3D / AP_BEV numbers for tables.
import { z } from 'zod';
import { ContractError } from '../../core/errors.js';
import type { Dataset, JsonObject, Outputs, Records, TestLoss } from '../../core/types.js';
import { argIssues, parseArgs } from '../../learners/args.js';
import { registerLoss } from '../../registry/registry.js';
import type { Difficulty } from '../kitti/difficulty.js';
import { defaultMinOverlap, evaluateKittiClass, type KittiClassResult } from '../kitti/evaluate.js';
import type { KittiObject } from '../kitti/label.js';
import { filterByRange, type RangeFilter } from '../kitti/range.js';
import { rangeSchema } from './common/args.js';
import { readObjects } from './common/labels.js';

export const KITTI_AP = 'kitti-ap';

export const kittiApArgsSchema = z.strictObject({
  /** The evaluated class ('Car', 'Pedestrian', ...; case-insensitive as in the devkit). */
  className: z.string().min(1),
  /** Image scale s of the world: the devkit's 40/25/25 px minimum heights are multiplied by it. */
  scale: z.number().gt(0).max(4),
  metric: z.enum(['3d', 'bev']).default('3d'),
  difficulty: z.enum(['easy', 'moderate', 'hard']).default('moderate'),
  /** Match needs IoU > iou (strict); null = 0.7 for Car, 0.5 otherwise. */
  iou: z.number().gt(0).lt(1).nullable().default(null),
  recallPositions: z.union([z.literal(40), z.literal(11)]).default(40),
  /** Ground truth outside is ignored and detections outside are dropped (the paper's ≤ 20 m pedestrians). */
  range: rangeSchema.nullable().default(null),
  /** App. A: detections with depth z beyond this (m) are removed before scoring. */
  maxDetectionDistance: z.number().positive().nullable().default(null),
});
export type KittiApArgs = z.output<typeof kittiApArgsSchema>;

/** What a table needs from one class: AP_3D and AP_BEV at 40 and 11 recall positions. */
export interface KittiApSummary {
  className: string;
  difficulty: Difficulty;
  minOverlap: number;
  ap3dR40: number;
  ap3dR11: number;
  apBevR40: number;
  apBevR11: number;
  /** Ground truth that counts; the AP sampling needs a few hundred to be meaningful (docs/kitti-eval.md). */
  numGroundTruth: number;
}

export interface KittiApOptions {
  className: string;
  scale: number;
  difficulty?: Difficulty;
  /** Default 0.7 for Car, 0.5 otherwise. */
  iou?: number | null;
  range?: RangeFilter | null;
  maxDetectionDistance?: number | null;
}

/** The detections left after App. A's post-hoc cut (z ≤ maxDetectionDistance); identity when null. */
export function cutDetections(det: KittiObject[][], maxDetectionDistance: number | null | undefined): KittiObject[][] {
  if (maxDetectionDistance === null || maxDetectionDistance === undefined) return det;
  return det.map((frame) => filterByRange(frame, { max: maxDetectionDistance, measure: 'z' }));
}

function evaluate(gt: KittiObject[][], det: KittiObject[][], o: KittiApOptions, metric: '3d' | 'bev'): KittiClassResult {
  return evaluateKittiClass(gt, cutDetections(det, o.maxDetectionDistance), {
    className: o.className, metric, difficulty: o.difficulty ?? 'moderate', minOverlap: o.iou ?? undefined,
    scale: o.scale, range: o.range ?? undefined,
  });
}

/** AP_3D and AP_BEV (R40 and R11) of one class; gt[f] and det[f] are frame f's labels and detections. */
export function kittiApSummary(gt: KittiObject[][], det: KittiObject[][], o: KittiApOptions): KittiApSummary {
  const r3d = evaluate(gt, det, o, '3d');
  const rBev = evaluate(gt, det, o, 'bev');
  return {
    className: o.className, difficulty: o.difficulty ?? 'moderate', minOverlap: o.iou ?? defaultMinOverlap(o.className),
    ap3dR40: r3d.apR40, ap3dR11: r3d.apR11, apBevR40: rBev.apR40, apBevR11: rBev.apR11, numGroundTruth: r3d.numGroundTruth,
  };
}

/** Per-frame detections from a prediction; errors name the loss. */
export function predictedDetections(pred: Outputs, test: Dataset, where: string): KittiObject[][] {
  if ((pred as Records).kind !== 'records') {
    throw new ContractError(`${where}: the prediction is a dense block; this loss scores records of KITTI detections per frame (a detector's 'boxes' output).`);
  }
  const det = readObjects(pred as Records, where, 'the prediction');
  if (det.length !== test.size) throw new ContractError(`${where}: the prediction has ${det.length} frames but the test set has ${test.size}; predict on the whole test set.`);
  return det;
}

/** ℓ = 1 − AP/100 ∈ [0, 1]: 0 for a perfect detector, 1 when nothing matches (docs/detectors.md). */
export const kittiAp: TestLoss = {
  kind: KITTI_AP,
  accepts: ['boxes'],
  evaluate(pred: Outputs, test: Dataset, targetField: string, raw: JsonObject): number {
    const where = `Loss '${KITTI_AP}'`;
    const args = parseArgs(kittiApArgsSchema, raw, where) as KittiApArgs;
    const labels = test.records?.[targetField];
    if (labels === undefined) {
      throw new ContractError(`${where}: the test set has no records column '${targetField}' (records: ${Object.keys(test.records ?? {}).join(', ') || 'none'}). Set the model's target to the labels column.`);
    }
    const gt = readObjects(labels, where, `test records '${targetField}'`);
    const det = predictedDetections(pred, test, where);
    const r = evaluate(gt, det, args, args.metric);
    const ap = args.recallPositions === 40 ? r.apR40 : r.apR11;
    return 1 - ap / 100;
  },
  checkArgs: (raw) => argIssues(kittiApArgsSchema, raw),
};

registerLoss(kittiAp);
