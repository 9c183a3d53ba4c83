// KITTI object labels: the data type, the text writer and a strict parser (devkit readme, label_2 format).
import { EntangleError } from '../../core/errors.js';
import type { Box3D } from '../geometry/box3d.js';

/** One KITTI object (a ground-truth label, or a detection when `score` is set). */
export interface KittiObject extends Box3D {
  /** 'Car', 'Van', 'Truck', 'Pedestrian', 'Person_sitting', 'Cyclist', 'Tram', 'Misc' or 'DontCare'. */
  type: string;
  /** Fraction of the object leaving the image, 0..1 (−1 for DontCare). */
  truncated: number;
  /** 0 fully visible, 1 partly occluded, 2 largely occluded, 3 unknown (−1 for DontCare). */
  occluded: number;
  /** Observation angle (rad), in [−π, π]. */
  alpha: number;
  /** 2D box in the left image: [left, top, right, bottom] (px). */
  bbox: [number, number, number, number];
  /** Detection confidence; present on detections only (16th field). */
  score?: number;
}

/** The field names of a label line, in file order (index = field number − 1). */
export const KITTI_FIELDS = [
  'type', 'truncated', 'occluded', 'alpha', 'bbox left', 'bbox top', 'bbox right', 'bbox bottom',
  'height h', 'width w', 'length l', 'location x', 'location y', 'location z', 'rotation_y', 'score',
] as const;

/** A label file that does not follow the KITTI format; names the source, line and field. */
export class KittiParseError extends EntangleError {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(`${source} line ${line}${field !== undefined ? `, field '${field}'` : ''}: ${detail}`);
  }
}

/** A DontCare region: image-only, with the devkit's placeholder 3D values. */
export function dontCare(bbox: [number, number, number, number]): KittiObject {
  return {
    type: 'DontCare', truncated: -1, occluded: -1, alpha: -10, bbox,
    dimensions: [-1, -1, -1], location: [-1000, -1000, -1000], rotationY: -10,
  };
}

function fmt(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  return s === `-${(0).toFixed(decimals)}` ? (0).toFixed(decimals) : s;
}

/** One object as a KITTI label line (15 fields, or 16 with a score). */
export function formatKittiObject(o: KittiObject, decimals = 2): string {
  const parts = [
    o.type, fmt(o.truncated, decimals), String(Math.round(o.occluded)), fmt(o.alpha, decimals),
    ...o.bbox.map((v) => fmt(v, decimals)),
    ...o.dimensions.map((v) => fmt(v, decimals)),
    ...o.location.map((v) => fmt(v, decimals)),
    fmt(o.rotationY, decimals),
  ];
  if (o.score !== undefined) parts.push(fmt(o.score, Math.max(decimals, 4)));
  return parts.join(' ');
}

/** A frame's objects as the text of a KITTI label file (one line per object, trailing newline). */
export function formatKittiLabels(objects: KittiObject[], decimals = 2): string {
  return objects.map((o) => formatKittiObject(o, decimals) + '\n').join('');
}

/**
 * Parses a KITTI label (or detection) file. Blank lines are skipped. Throws KittiParseError naming the line
 * and field on: a wrong field count, a non-number, an occlusion level outside {0, 1, 2, 3}, truncation
 * outside [0, 1], an inverted 2D box, or a non-positive size (DontCare lines may use the −1 placeholders).
 */
export function parseKittiLabels(text: string, source = 'KITTI labels'): KittiObject[] {
  const out: KittiObject[] = [];
  const lines = text.split(/\r?\n/);
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li].trim();
    if (raw === '') continue;
    const lineNo = li + 1;
    const tok = raw.split(/\s+/);
    if (tok.length !== 15 && tok.length !== 16) {
      throw new KittiParseError(source, lineNo, undefined,
        `expected 15 fields (16 with a score), got ${tok.length}: '${raw}'. ` +
        'Fix: write type truncated occluded alpha left top right bottom h w l x y z rotation_y [score].');
    }
    const type = tok[0];
    const isDontCare = type === 'DontCare';
    const num = (i: number): number => {
      const v = Number(tok[i]);
      if (tok[i] === '' || !Number.isFinite(v)) {
        throw new KittiParseError(source, lineNo, KITTI_FIELDS[i], `expected a finite number, got '${tok[i]}'.`);
      }
      return v;
    };
    const vals = tok.map((_, i) => (i === 0 ? 0 : num(i)));
    const truncated = vals[1];
    const occluded = vals[2];
    if (!isDontCare) {
      if (truncated < 0 || truncated > 1) {
        throw new KittiParseError(source, lineNo, 'truncated', `expected a fraction in [0, 1], got ${tok[1]}.`);
      }
      if (!Number.isInteger(occluded) || occluded < 0 || occluded > 3) {
        throw new KittiParseError(source, lineNo, 'occluded', `expected 0, 1, 2 or 3, got ${tok[2]}.`);
      }
    }
    const bbox: [number, number, number, number] = [vals[4], vals[5], vals[6], vals[7]];
    if (bbox[2] < bbox[0]) {
      throw new KittiParseError(source, lineNo, 'bbox right', `right (${tok[6]}) is left of left (${tok[4]}).`);
    }
    if (bbox[3] < bbox[1]) {
      throw new KittiParseError(source, lineNo, 'bbox bottom', `bottom (${tok[7]}) is above top (${tok[5]}).`);
    }
    const dimensions: [number, number, number] = [vals[8], vals[9], vals[10]];
    if (!isDontCare) {
      for (let k = 0; k < 3; k++) {
        if (!(dimensions[k] > 0)) {
          throw new KittiParseError(source, lineNo, KITTI_FIELDS[8 + k],
            `expected a positive size in metres, got ${tok[8 + k]}. Only DontCare lines may use −1 placeholders.`);
        }
      }
    }
    const obj: KittiObject = {
      type, truncated, occluded, alpha: vals[3], bbox, dimensions,
      location: [vals[11], vals[12], vals[13]], rotationY: vals[14],
    };
    if (tok.length === 16) obj.score = vals[15];
    out.push(obj);
  }
  return out;
}
