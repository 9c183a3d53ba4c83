// Dense training targets of the BEV detector at the output resolution: a Gaussian centre heat map (with a
// weight map that ignores objects outside the difficulty levels / train range) and box regression at the centres.
import type { KittiObject } from '../../kitti/label.js';
import type { RangeFilter } from '../../kitti/range.js';
import { CLASS_MEAN_SIZE, ROAD_Y, type DetectorClass } from '../common/classes.js';
import { objectRole } from '../common/labels.js';
import { gridSize, OUTPUT_STRIDE, type BevGrid } from './grid.js';

/** Target channels: heat, heat weight, regression mask, then the REGRESSION_CHANNELS regression values. */
export const TARGET_CHANNELS = 11;
/** Regressed values per centre cell: dx, dz, y − 1.65, log(h/h̄), log(w/w̄), log(l/l̄), sin 2ry, cos 2ry. */
export const REGRESSION_CHANNELS = 8;
/** Network output channels: heat logit + the regressed values. */
export const HEAD_CHANNELS = 1 + REGRESSION_CHANNELS;
/** Smallest Gaussian radius (output cells), CenterPoint's min_radius. */
export const MIN_RADIUS = 2;

/** Rows, columns and cell size of the output (heat map) grid. */
export function outputGrid(g: BevGrid): { rows: number; cols: number; cell: number } {
  const { rows, cols } = gridSize(g);
  return { rows: rows / OUTPUT_STRIDE, cols: cols / OUTPUT_STRIDE, cell: g.cellSize * OUTPUT_STRIDE };
}

/** Gaussian radius R (cells) of an object: max(MIN_RADIUS, ⌊min(l, w) / cell⌋); σ = (2R + 1) / 6. */
export function gaussianRadius(o: KittiObject, cell: number): number {
  return Math.max(MIN_RADIUS, Math.floor(Math.min(o.dimensions[1], o.dimensions[2]) / cell));
}

/**
 * Writes one frame's targets into out (TARGET_CHANNELS · rows · cols at the output resolution) and returns the
 * number of target objects inside the grid.
 */
export function frameTargets(
  labels: KittiObject[], className: DetectorClass, scale: number, trainRange: RangeFilter | null, g: BevGrid,
  out: Float32Array, offset = 0,
): number {
  const { rows, cols, cell } = outputGrid(g);
  const plane = rows * cols;
  const at = (ch: number, r: number, c: number): number => offset + ch * plane + r * cols + c;
  for (let i = 0; i < plane; i++) out[offset + plane + i] = 1; // heat weight
  const mean = CLASS_MEAN_SIZE[className];
  const placed: { o: KittiObject; r: number; c: number; R: number; role: 'target' | 'ignore' }[] = [];
  for (const o of labels) {
    const role = objectRole(o, className, scale, trainRange);
    if (role === 'other') continue;
    const gx = (o.location[0] - g.xMin) / cell, gz = (o.location[2] - g.zMin) / cell;
    const c = Math.floor(gx), r = Math.floor(gz);
    if (c < 0 || c >= cols || r < 0 || r >= rows) continue;
    placed.push({ o, r, c, R: gaussianRadius(o, cell), role });
  }
  const window = (p: (typeof placed)[number], fn: (r: number, c: number) => void): void => {
    for (let r = Math.max(0, p.r - p.R); r <= Math.min(rows - 1, p.r + p.R); r++) {
      for (let c = Math.max(0, p.c - p.R); c <= Math.min(cols - 1, p.c + p.R); c++) fn(r, c);
    }
  };
  for (const p of placed) if (p.role === 'ignore') window(p, (r, c) => { out[at(1, r, c)] = 0; });
  let targets = 0;
  for (const p of placed) {
    if (p.role !== 'target') continue;
    targets++;
    const sigma = (2 * p.R + 1) / 6;
    window(p, (r, c) => {
      const v = Math.exp(-((r - p.r) ** 2 + (c - p.c) ** 2) / (2 * sigma * sigma));
      if (v > out[at(0, r, c)]) out[at(0, r, c)] = v;
      out[at(1, r, c)] = 1;
    });
    const { o, r, c } = p;
    out[at(0, r, c)] = 1;
    out[at(2, r, c)] = 1;
    const values = [
      (o.location[0] - g.xMin) / cell - c, (o.location[2] - g.zMin) / cell - r, o.location[1] - ROAD_Y,
      Math.log(o.dimensions[0] / mean[0]), Math.log(o.dimensions[1] / mean[1]), Math.log(o.dimensions[2] / mean[2]),
      Math.sin(2 * o.rotationY), Math.cos(2 * o.rotationY),
    ];
    values.forEach((v, k) => { out[at(3 + k, r, c)] = v; });
  }
  return targets;
}
