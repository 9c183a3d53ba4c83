// KITTI difficulty levels (devkit evaluate_object.cpp: MIN_HEIGHT, MAX_OCCLUSION, MAX_TRUNCATION).
import type { KittiObject } from './label.js';

export type Difficulty = 'easy' | 'moderate' | 'hard';
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'moderate', 'hard'];

/** Thresholds of one difficulty level: an object is inside it when all three hold. */
export interface DifficultyLimits {
  /** Minimum 2D box height (px); smaller ground truth is ignored, smaller detections too. */
  minHeight: number;
  maxOcclusion: number;
  maxTruncation: number;
}

const MIN_HEIGHT = [40, 25, 25];
const MAX_OCCLUSION = [0, 1, 2];
const MAX_TRUNCATION = [0.15, 0.3, 0.5];

/** The devkit's limits with the pixel heights multiplied by the image scale s (1 = KITTI resolution). */
export function difficultyLimits(difficulty: Difficulty, scale = 1): DifficultyLimits {
  const i = DIFFICULTIES.indexOf(difficulty);
  return { minHeight: MIN_HEIGHT[i] * scale, maxOcclusion: MAX_OCCLUSION[i], maxTruncation: MAX_TRUNCATION[i] };
}

/** Whether a ground-truth object is too small, occluded or truncated for a level (devkit cleanData). */
export function exceedsDifficulty(o: KittiObject, limits: DifficultyLimits): boolean {
  const height = o.bbox[3] - o.bbox[1];
  return o.occluded > limits.maxOcclusion || o.truncated > limits.maxTruncation || height < limits.minHeight;
}

/**
 * The easiest level an object belongs to, or null when it is outside even 'hard'. Levels are nested:
 * 'moderate' evaluation also counts easy objects, and 'hard' counts all three.
 */
export function kittiDifficulty(o: KittiObject, scale = 1): Difficulty | null {
  for (const d of DIFFICULTIES) if (!exceedsDifficulty(o, difficultyLimits(d, scale))) return d;
  return null;
}
