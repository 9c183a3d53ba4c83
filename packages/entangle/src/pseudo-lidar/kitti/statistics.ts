// Per-frame bookkeeping of the KITTI evaluation: which objects are ignored (devkit cleanData) and the
// greedy assignment of detections to ground truth (devkit computeStatistics). Formulas in docs/kitti-eval.md.
import { exceedsDifficulty, type DifficultyLimits } from './difficulty.js';
import type { KittiObject } from './label.js';
import { inRange, type RangeFilter } from './range.js';

/** −1: not part of this evaluation; 0: counts; 1: ignored (neither TP nor FN/FP, but can absorb a match). */
export type IgnoreFlag = -1 | 0 | 1;

/** The neighbouring class that is ignored rather than counted as a negative (devkit: Van for Car, Person_sitting for Pedestrian). */
export function neighbourClass(className: string): string | undefined {
  const c = className.toLowerCase();
  if (c === 'car') return 'van';
  if (c === 'pedestrian') return 'person_sitting';
  return undefined;
}

/** Ignore flags of one frame for one class and difficulty. */
export interface CleanFrame {
  gt: IgnoreFlag[];
  det: IgnoreFlag[];
  /** Indices of the DontCare ground-truth entries. */
  dontCare: number[];
  /** Ground truth that counts (denominator of recall). */
  numValid: number;
}

/**
 * devkit cleanData, plus an optional range filter: ground truth outside the range is ignored like an object
 * above the difficulty; detections outside the range are dropped (−1), as if removed before evaluation.
 */
export function cleanFrame(
  gt: KittiObject[], det: KittiObject[], className: string, limits: DifficultyLimits, range?: RangeFilter,
): CleanFrame {
  const cls = className.toLowerCase();
  const neighbour = neighbourClass(className);
  const out: CleanFrame = { gt: [], det: [], dontCare: [], numValid: 0 };
  gt.forEach((g, i) => {
    const type = g.type.toLowerCase();
    const validClass = type === cls ? 1 : neighbour !== undefined && type === neighbour ? 0 : -1;
    const ignore = exceedsDifficulty(g, limits) || (range !== undefined && validClass !== -1 && !inRange(g, range));
    if (validClass === 1 && !ignore) {
      out.gt.push(0);
      out.numValid++;
    } else if (validClass === 0 || (validClass === 1 && ignore)) {
      out.gt.push(1);
    } else {
      out.gt.push(-1);
    }
    if (type === 'dontcare') out.dontCare.push(i);
  });
  for (const d of det) {
    const validClass = d.type.toLowerCase() === cls;
    const height = Math.abs(d.bbox[3] - d.bbox[1]);
    if (range !== undefined && validClass && !inRange(d, range)) out.det.push(-1);
    else if (height < limits.minHeight) out.det.push(1);
    else out.det.push(validClass ? 0 : -1);
  }
  return out;
}

/** Counts of one frame at one score threshold. */
export interface FrameStatistics {
  tp: number;
  fp: number;
  fn: number;
  /** Scores of the true positives (collected to choose the recall thresholds). */
  tpScores: number[];
}

/** Inputs of the greedy matching of one frame. */
export interface MatchInput {
  /** overlap[j * numGt + i] = overlap of detection j with ground truth i (any metric). */
  overlap: Float64Array;
  numGt: number;
  scores: number[];
  ignoredGt: IgnoreFlag[];
  ignoredDet: IgnoreFlag[];
  /** Minimum overlap; a match needs overlap > minOverlap (strict, as in the devkit). */
  minOverlap: number;
  /** false: the pass that collects TP scores (candidate = highest score); true: the PR pass (highest overlap). */
  computeFp: boolean;
  /** Detections scoring below this are left out (PR pass only). */
  threshold: number;
  /** dontCareOverlap[j * numDc + k] = area of detection j inside DontCare region k over its own area (2D metric only). */
  dontCareOverlap?: Float64Array;
  numDontCare?: number;
}

const NO_DETECTION = -Infinity;

/** devkit computeStatistics: greedy assignment over ground truth in file order. */
export function frameStatistics(m: MatchInput): FrameStatistics {
  const nDet = m.scores.length;
  const assigned = new Array<boolean>(nDet).fill(false);
  const belowThreshold = new Array<boolean>(nDet).fill(false);
  if (m.computeFp) for (let j = 0; j < nDet; j++) belowThreshold[j] = m.scores[j] < m.threshold;
  const stat: FrameStatistics = { tp: 0, fp: 0, fn: 0, tpScores: [] };
  for (let i = 0; i < m.numGt; i++) {
    if (m.ignoredGt[i] === -1) continue;
    let detIdx = -1;
    let valid = NO_DETECTION;
    let maxOverlap = 0;
    let assignedIgnoredDet = false;
    for (let j = 0; j < nDet; j++) {
      if (m.ignoredDet[j] === -1 || assigned[j] || belowThreshold[j]) continue;
      const overlap = m.overlap[j * m.numGt + i];
      if (!(overlap > m.minOverlap)) continue;
      if (!m.computeFp) {
        if (m.scores[j] > valid) {
          detIdx = j;
          valid = m.scores[j];
        }
      } else if ((overlap > maxOverlap || assignedIgnoredDet) && m.ignoredDet[j] === 0) {
        maxOverlap = overlap;
        detIdx = j;
        valid = 1;
        assignedIgnoredDet = false;
      } else if (valid === NO_DETECTION && m.ignoredDet[j] === 1) {
        detIdx = j;
        valid = 1;
        assignedIgnoredDet = true;
      }
    }
    if (valid === NO_DETECTION) {
      if (m.ignoredGt[i] === 0) stat.fn++;
    } else if (m.ignoredGt[i] === 1 || m.ignoredDet[detIdx] === 1) {
      assigned[detIdx] = true;
    } else {
      stat.tp++;
      stat.tpScores.push(m.scores[detIdx]);
      assigned[detIdx] = true;
    }
  }
  if (m.computeFp) {
    for (let j = 0; j < nDet; j++) {
      if (!(assigned[j] || m.ignoredDet[j] === -1 || m.ignoredDet[j] === 1 || belowThreshold[j])) stat.fp++;
    }
    const nDc = m.numDontCare ?? 0;
    if (m.dontCareOverlap !== undefined && nDc > 0) {
      let stuff = 0;
      for (let k = 0; k < nDc; k++) {
        for (let j = 0; j < nDet; j++) {
          if (assigned[j] || m.ignoredDet[j] !== 0 || belowThreshold[j]) continue;
          if (m.dontCareOverlap[j * nDc + k] > m.minOverlap) {
            assigned[j] = true;
            stuff++;
          }
        }
      }
      stat.fp -= stuff;
    }
  }
  return stat;
}
