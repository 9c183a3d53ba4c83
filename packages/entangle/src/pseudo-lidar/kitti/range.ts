// Distance filters: the paper evaluates pedestrians ≤ 20 m and (App. A) removes detections beyond 20 m.
import { EntangleError } from '../../core/errors.js';
import type { Box3D } from '../geometry/box3d.js';

/** How the distance of an object to the camera is measured. */
export type DistanceMeasure = 'z' | 'bev';

/** Keeps objects with min ≤ distance ≤ max (both inclusive, either may be omitted). */
export interface RangeFilter {
  min?: number;
  max?: number;
  /** 'z' (default): forward depth of the bottom centre; 'bev': √(x² + z²) of the bottom centre. */
  measure?: DistanceMeasure;
}

/** Distance of a box to the camera under a measure. */
export function objectDistance(o: Box3D, measure: DistanceMeasure = 'z'): number {
  const [x, , z] = o.location;
  return measure === 'z' ? z : Math.hypot(x, z);
}

/** Whether an object lies inside the range. */
export function inRange(o: Box3D, range: RangeFilter): boolean {
  const d = objectDistance(o, range.measure ?? 'z');
  return d >= (range.min ?? -Infinity) && d <= (range.max ?? Infinity);
}

/** Checks a range for sense; throws with the offending values. */
export function checkRange(range: RangeFilter, where: string): void {
  const min = range.min ?? -Infinity, max = range.max ?? Infinity;
  if (Number.isNaN(min) || Number.isNaN(max) || min > max) {
    throw new EntangleError(`${where}: range must satisfy min ≤ max, got min ${range.min}, max ${range.max}.`);
  }
  if (range.measure !== undefined && range.measure !== 'z' && range.measure !== 'bev') {
    throw new EntangleError(`${where}: range.measure must be 'z' or 'bev', got '${String(range.measure)}'.`);
  }
}

/** The objects inside the range (e.g. App. A's post-hoc removal of detections beyond 20 m). */
export function filterByRange<T extends Box3D>(objects: T[], range: RangeFilter): T[] {
  checkRange(range, 'filterByRange');
  return objects.filter((o) => inRange(o, range));
}
