// KITTI average precision for 2D, bird's-eye-view and 3D boxes, 11 and 40 recall positions
// (devkit eval_class + getThresholds; R40 as in OpenPCDet get_mAP_R40). Formulas in docs/kitti-eval.md.
import { EntangleError } from '../../core/errors.js';
import { difficultyLimits, type Difficulty, DIFFICULTIES } from './difficulty.js';
import { bevIoU, imageIoU, imageOverlapOfFirst, iou3d } from './iou.js';
import type { KittiObject } from './label.js';
import { checkRange, type RangeFilter } from './range.js';
import { cleanFrame, frameStatistics, type CleanFrame } from './statistics.js';

export type KittiMetric = 'bbox' | 'bev' | '3d';
export const KITTI_METRICS: readonly KittiMetric[] = ['bbox', 'bev', '3d'];

/** Number of sampled recall positions, 0, 1/40, ..., 1 (devkit N_SAMPLE_PTS). */
export const N_SAMPLE_PTS = 41;

/** The devkit's (moderate) IoU thresholds: 0.7 for cars, 0.5 for pedestrians and cyclists. */
export function defaultMinOverlap(className: string): number {
  return className.toLowerCase() === 'car' ? 0.7 : 0.5;
}

export interface KittiEvalOptions {
  /** Evaluated class, e.g. 'Car' or 'Pedestrian' (case-insensitive). */
  className: string;
  metric: KittiMetric;
  difficulty: Difficulty;
  /** Match requires overlap > minOverlap; default 0.7 for Car, 0.5 otherwise. */
  minOverlap?: number;
  /** Image scale s: the 40/25/25 px minimum heights are multiplied by it (default 1). */
  scale?: number;
  /** Ground truth outside is ignored; detections outside are dropped (the paper's ≤ 20 m evaluation). */
  range?: RangeFilter;
}

/** Result of one class × metric × difficulty; plain data. */
export interface KittiClassResult {
  className: string;
  metric: KittiMetric;
  difficulty: Difficulty;
  minOverlap: number;
  /** Mean of the interpolated precision at recall 0, 0.1, ..., 1, × 100. */
  apR11: number;
  /** Mean of the interpolated precision at recall 1/40, ..., 1, × 100. */
  apR40: number;
  /** 41 interpolated precisions (max over the tail); index i ↔ recall ≈ i/40; 0 beyond the last threshold. */
  precision: number[];
  /** Recall at each score threshold. */
  recall: number[];
  /** Score thresholds chosen at recall ≈ k/40. */
  thresholds: number[];
  /** Ground truth that counts (recall denominator). With fewer than ~100 the R40/R11 sampling is coarse. */
  numGroundTruth: number;
  /** True positives at the lowest threshold (all TP-collecting detections). */
  numTruePositives: number;
}

/** devkit getThresholds: from TP scores (sorted descending), the scores at recall ≈ k/40. */
export function recallThresholds(tpScores: number[], numGroundTruth: number): number[] {
  const v = [...tpScores].sort((a, b) => b - a);
  const t: number[] = [];
  let current = 0;
  for (let i = 0; i < v.length; i++) {
    const lRecall = (i + 1) / numGroundTruth;
    const rRecall = i < v.length - 1 ? (i + 2) / numGroundTruth : lRecall;
    if (rRecall - current < current - lRecall && i < v.length - 1) continue;
    t.push(v[i]);
    current += 1 / (N_SAMPLE_PTS - 1);
  }
  return t;
}

/** AP over 11 recall positions: mean of precision[0], precision[4], ..., precision[40], × 100 (devkit). */
export function apR11(precision: number[]): number {
  let s = 0;
  for (let i = 0; i < N_SAMPLE_PTS; i += 4) s += precision[i];
  return (s / 11) * 100;
}

/** AP over 40 recall positions: mean of precision[1..40], × 100 (OpenPCDet get_mAP_R40). */
export function apR40(precision: number[]): number {
  let s = 0;
  for (let i = 1; i < N_SAMPLE_PTS; i++) s += precision[i];
  return (s / 40) * 100;
}

type Overlap = (a: KittiObject, b: KittiObject) => number;
const OVERLAPS: Record<KittiMetric, Overlap> = {
  bbox: (a, b) => imageIoU(a.bbox, b.bbox),
  bev: bevIoU,
  '3d': iou3d,
};

/** Frames holding the overlaps of one metric, reusable across classes and difficulties. */
interface FrameOverlaps {
  gt: KittiObject[];
  det: KittiObject[];
  scores: number[];
  /** det × gt, row-major; NaN until needed. */
  overlap: Float64Array;
  dontCare?: Float64Array;
}

function checkFrames(gt: KittiObject[][], det: KittiObject[][]): void {
  if (gt.length !== det.length) {
    throw new EntangleError(
      `KITTI evaluation: ${gt.length} ground-truth frames but ${det.length} detection frames. ` +
      'Fix: pass one (possibly empty) detection list per ground-truth frame, in the same order.');
  }
  det.forEach((frame, f) => frame.forEach((d, j) => {
    if (typeof d.score !== 'number' || Number.isNaN(d.score)) {
      throw new EntangleError(
        `KITTI evaluation: detection ${j} of frame ${f} (${d.type}) has no score (got ${String(d.score)}). ` +
        'Fix: set score on every detection; higher means more confident.');
    }
  }));
}

function prepare(gt: KittiObject[][], det: KittiObject[][]): FrameOverlaps[] {
  return gt.map((g, f) => ({
    gt: g, det: det[f], scores: det[f].map((d) => d.score as number),
    overlap: new Float64Array(g.length * det[f].length).fill(Number.NaN),
  }));
}

/** Fills the overlaps this class/difficulty needs (skips pairs where either side is out of the evaluation). */
function fillOverlaps(fr: FrameOverlaps, clean: CleanFrame, metric: KittiMetric): void {
  const overlapFn = OVERLAPS[metric];
  const nGt = fr.gt.length;
  for (let j = 0; j < fr.det.length; j++) {
    if (clean.det[j] === -1) continue;
    for (let i = 0; i < nGt; i++) {
      if (clean.gt[i] === -1 || !Number.isNaN(fr.overlap[j * nGt + i])) continue;
      fr.overlap[j * nGt + i] = overlapFn(fr.det[j], fr.gt[i]);
    }
  }
  if (metric === 'bbox' && clean.dontCare.length > 0 && fr.dontCare === undefined) {
    const nDc = clean.dontCare.length;
    fr.dontCare = new Float64Array(fr.det.length * nDc);
    for (let j = 0; j < fr.det.length; j++) {
      for (let k = 0; k < nDc; k++) fr.dontCare[j * nDc + k] = imageOverlapOfFirst(fr.det[j].bbox, fr.gt[clean.dontCare[k]].bbox);
    }
  }
}

function evaluatePrepared(frames: FrameOverlaps[], o: KittiEvalOptions): KittiClassResult {
  const minOverlap = o.minOverlap ?? defaultMinOverlap(o.className);
  const limits = difficultyLimits(o.difficulty, o.scale ?? 1);
  const cleans = frames.map((fr) => cleanFrame(fr.gt, fr.det, o.className, limits, o.range));
  let numGt = 0;
  const tpScores: number[] = [];
  frames.forEach((fr, f) => {
    const clean = cleans[f];
    numGt += clean.numValid;
    fillOverlaps(fr, clean, o.metric);
    const s = frameStatistics({
      overlap: fr.overlap, numGt: fr.gt.length, scores: fr.scores, ignoredGt: clean.gt, ignoredDet: clean.det,
      minOverlap, computeFp: false, threshold: 0,
    });
    for (const v of s.tpScores) tpScores.push(v);
  });
  const thresholds = recallThresholds(tpScores, numGt);
  const tp = new Array<number>(thresholds.length).fill(0);
  const fp = new Array<number>(thresholds.length).fill(0);
  const fn = new Array<number>(thresholds.length).fill(0);
  frames.forEach((fr, f) => {
    const clean = cleans[f];
    thresholds.forEach((threshold, t) => {
      const s = frameStatistics({
        overlap: fr.overlap, numGt: fr.gt.length, scores: fr.scores, ignoredGt: clean.gt, ignoredDet: clean.det,
        minOverlap, computeFp: true, threshold,
        dontCareOverlap: o.metric === 'bbox' ? fr.dontCare : undefined, numDontCare: clean.dontCare.length,
      });
      tp[t] += s.tp;
      fp[t] += s.fp;
      fn[t] += s.fn;
    });
  });
  const precision = new Array<number>(N_SAMPLE_PTS).fill(0);
  const recall: number[] = [];
  for (let t = 0; t < thresholds.length; t++) {
    recall.push(tp[t] + fn[t] > 0 ? tp[t] / (tp[t] + fn[t]) : 0);
    precision[t] = tp[t] + fp[t] > 0 ? tp[t] / (tp[t] + fp[t]) : 0;
  }
  for (let t = 0; t < thresholds.length; t++) {
    for (let k = t + 1; k < N_SAMPLE_PTS; k++) if (precision[k] > precision[t]) precision[t] = precision[k];
  }
  return {
    className: o.className, metric: o.metric, difficulty: o.difficulty, minOverlap,
    apR11: apR11(precision), apR40: apR40(precision), precision, recall, thresholds,
    numGroundTruth: numGt, numTruePositives: tpScores.length,
  };
}

/**
 * KITTI AP of one class, metric and difficulty over a list of frames. `gt[f]` and `det[f]` are the ground
 * truth and detections of frame f; every detection needs a score. Returns AP 0 when nothing counts.
 */
export function evaluateKittiClass(gt: KittiObject[][], det: KittiObject[][], options: KittiEvalOptions): KittiClassResult {
  return kittiClassEvaluator(gt, det, options)();
}

/**
 * evaluateKittiClass over a chosen list of frame indices (repeats allowed: a bootstrap resample; default every
 * frame once). Each frame's overlaps are computed on first use and kept, so many resamples cost little more than one.
 */
export function kittiClassEvaluator(gt: KittiObject[][], det: KittiObject[][], options: KittiEvalOptions): (frames?: readonly number[]) => KittiClassResult {
  checkFrames(gt, det);
  if (options.range !== undefined) checkRange(options.range, 'evaluateKittiClass');
  if (!KITTI_METRICS.includes(options.metric)) {
    throw new EntangleError(`evaluateKittiClass: metric must be one of ${KITTI_METRICS.join(', ')}, got '${options.metric}'.`);
  }
  if (!DIFFICULTIES.includes(options.difficulty)) {
    throw new EntangleError(`evaluateKittiClass: difficulty must be one of ${DIFFICULTIES.join(', ')}, got '${options.difficulty}'.`);
  }
  const prepared = prepare(gt, det);
  return (frames) => {
    if (frames === undefined) return evaluatePrepared(prepared, options);
    return evaluatePrepared(frames.map((f) => {
      if (!(Number.isInteger(f) && f >= 0 && f < prepared.length)) throw new RangeError(`kittiClassEvaluator: frame index ${f} is not in 0..${prepared.length - 1}.`);
      return prepared[f];
    }), options);
  };
}

export interface KittiEvalSuite {
  classes: string[];
  metrics?: KittiMetric[];
  difficulties?: Difficulty[];
  /** Per-class IoU thresholds; default 0.7 for Car, 0.5 otherwise. */
  minOverlap?: Record<string, number>;
  scale?: number;
  range?: RangeFilter;
}

/** Every class × metric × difficulty of a suite, sharing the overlap computations. */
export function evaluateKitti(gt: KittiObject[][], det: KittiObject[][], suite: KittiEvalSuite): KittiClassResult[] {
  checkFrames(gt, det);
  if (suite.range !== undefined) checkRange(suite.range, 'evaluateKitti');
  const out: KittiClassResult[] = [];
  for (const metric of suite.metrics ?? ['bev', '3d']) {
    const frames = prepare(gt, det);
    for (const className of suite.classes) {
      for (const difficulty of suite.difficulties ?? DIFFICULTIES) {
        out.push(evaluatePrepared(frames, {
          className, metric, difficulty, minOverlap: suite.minOverlap?.[className], scale: suite.scale, range: suite.range,
        }));
      }
    }
  }
  return out;
}

/** A fixed-width text table of results (AP R40 and R11 per row). */
export function formatKittiResults(results: KittiClassResult[]): string {
  const rows = results.map((r) =>
    `${r.className.padEnd(12)} ${r.metric.padEnd(4)} ${r.difficulty.padEnd(8)} IoU>${r.minOverlap.toFixed(2)}  ` +
    `AP_R40 ${r.apR40.toFixed(2).padStart(6)}  AP_R11 ${r.apR11.toFixed(2).padStart(6)}  n_gt ${r.numGroundTruth}`);
  return rows.join('\n');
}
