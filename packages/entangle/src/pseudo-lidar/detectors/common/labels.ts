// Reading per-frame KITTI objects (training targets, 2D proposals) and choosing the ones a detector trains on.
import { ContractError } from '../../../core/errors.js';
import type { Field, Records } from '../../../core/types.js';
import { kittiDifficulty } from '../../kitti/difficulty.js';
import type { KittiObject } from '../../kitti/label.js';
import { inRange, type RangeFilter } from '../../kitti/range.js';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks one object's fields; returns a problem or null. DontCare entries are exempt from the size check. */
function objectProblem(o: unknown): string | null {
  if (o === null || typeof o !== 'object') return `expected an object, got ${JSON.stringify(o)}`;
  const k = o as Partial<KittiObject>;
  if (typeof k.type !== 'string') return `field 'type' must be a string, got ${JSON.stringify(k.type)}`;
  const triple = (v: unknown): boolean => Array.isArray(v) && v.length === 3 && v.every(finite);
  if (!triple(k.dimensions)) return `field 'dimensions' must be [h, w, l] numbers, got ${JSON.stringify(k.dimensions)}`;
  if (!triple(k.location)) return `field 'location' must be [x, y, z] numbers, got ${JSON.stringify(k.location)}`;
  if (!finite(k.rotationY)) return `field 'rotationY' must be a number, got ${JSON.stringify(k.rotationY)}`;
  if (!(Array.isArray(k.bbox) && k.bbox.length === 4 && k.bbox.every(finite))) return `field 'bbox' must be 4 numbers, got ${JSON.stringify(k.bbox)}`;
  if (k.type !== 'DontCare' && !k.dimensions!.every((d) => d > 0)) return `non-positive size ${JSON.stringify(k.dimensions)} (h, w, l must be > 0)`;
  return null;
}

/** Per-frame objects from a Records target or records input; throws naming the frame and object on malformed data. */
export function readObjects(value: Field | Records | unknown[], where: string, what = 'the target'): KittiObject[][] {
  const items = Array.isArray(value) ? value : (value as Records).kind === 'records' ? (value as Records).items : null;
  if (items === null) {
    throw new ContractError(`${where}: ${what} is a dense field; detectors need a records column of KITTI objects per frame (e.g. target 'labels').`);
  }
  items.forEach((frame, f) => {
    if (!Array.isArray(frame)) throw new ContractError(`${where}: ${what}, frame ${f}: expected an array of KITTI objects, got ${JSON.stringify(frame)?.slice(0, 80)}.`);
    frame.forEach((o, j) => {
      const p = objectProblem(o);
      if (p !== null) throw new ContractError(`${where}: ${what}, frame ${f}, object ${j}: ${p}. Fix the labels (docs/kitti-eval.md, label format).`);
    });
  });
  return items as KittiObject[][];
}

/** Training role of a labelled object for one class: a target, ignored (no loss either way), or unrelated. */
export type ObjectRole = 'target' | 'ignore' | 'other';

/**
 * 'target': the class, inside some difficulty level (KITTI's cleanData would count it at 'hard') and inside
 * `trainRange`. 'ignore': the class but too small / occluded / truncated or outside the range. 'other': another class.
 */
export function objectRole(o: KittiObject, className: string, scale: number, trainRange?: RangeFilter | null): ObjectRole {
  if (o.type.toLowerCase() !== className.toLowerCase()) return 'other';
  if (kittiDifficulty(o, scale) === null) return 'ignore';
  if (trainRange && !inRange(o, trainRange)) return 'ignore';
  return 'target';
}
