// Paired bootstrap over test frames of the difference in KITTI AP between two detectors evaluated on the same
// frames: how much of a seed-to-seed spread the finite test set alone explains. Formulas in docs/kitti-eval.md.
import { EntangleError } from '../../core/errors.js';
import { summarize } from '../../evaluate/stats/paired.js';
import { createRng } from '../../train/random.js';
import { kittiClassEvaluator, type KittiEvalOptions } from './evaluate.js';
import type { KittiObject } from './label.js';

export interface ApBootstrapOptions {
  /** Number of resamples B (default 200). */
  resamples?: number;
  /** Seed of the resampling (default 0): same seed ⇒ same resamples. */
  seed?: number;
}

/** Standard deviations (AP × 100 units) over B resamples of the test frames, drawn with replacement. */
export interface ApBootstrap {
  resamples: number;
  frames: number;
  /** AP R40 of a and b on the full test set. */
  apA: number;
  apB: number;
  sdA: number;
  sdB: number;
  /** sd of AP(b) − AP(a), both on the same resample each time. */
  sdDifference: number;
}

/**
 * Draws B resamples of n frames with replacement (the same frames for both detectors) and returns the spread of
 * AP R40. Detections `a` and `b` must each hold one list per ground-truth frame.
 */
export function bootstrapApDifference(gt: KittiObject[][], a: KittiObject[][], b: KittiObject[][], options: KittiEvalOptions, bootstrap: ApBootstrapOptions = {}): ApBootstrap {
  const resamples = bootstrap.resamples ?? 200;
  if (!Number.isInteger(resamples) || resamples < 2) throw new EntangleError(`bootstrapApDifference: resamples must be an integer ≥ 2, got ${resamples}. Fix: pass { resamples: 200 } or leave it unset.`);
  if (gt.length === 0) throw new EntangleError('bootstrapApDifference: no test frames. Fix: pass the ground truth of at least one frame.');
  const evalA = kittiClassEvaluator(gt, a, options), evalB = kittiClassEvaluator(gt, b, options);
  const rng = createRng(bootstrap.seed ?? 0, 'kitti-ap-bootstrap');
  const n = gt.length;
  const apA: number[] = [], apB: number[] = [], diff: number[] = [];
  const frames = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) frames[i] = rng.nextInt(n);
    const x = evalA(frames).apR40, y = evalB(frames).apR40;
    apA.push(x);
    apB.push(y);
    diff.push(y - x);
  }
  return {
    resamples, frames: n, apA: evalA().apR40, apB: evalB().apR40,
    sdA: summarize(apA).sd, sdB: summarize(apB).sd, sdDifference: summarize(diff).sd,
  };
}
