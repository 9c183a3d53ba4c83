// The bird's-eye-view grid: which part of the ground plane the BEV detector sees, and the rasterization of a
// point cloud into its input channels. Formulas in docs/detectors.md.
import { EntangleError } from '../../../core/errors.js';
import type { PointCloud } from '../../pointcloud/backproject.js';
import { ROAD_Y } from '../common/classes.js';

/** Lateral x ∈ [xMin, xMax), forward z ∈ [zMin, zMax) (rect camera, m), square cells of cellSize m. */
export interface BevGrid {
  xMin: number;
  xMax: number;
  zMin: number;
  zMax: number;
  cellSize: number;
}

/** The network halves the grid twice, so both sides must be multiples of this many cells. */
export const GRID_MULTIPLE = 4;
/** Output (heat map) cells are this many input cells wide. */
export const OUTPUT_STRIDE = 2;

/** Upper edges of the height slices (m above the road); a last slice takes everything above. */
export const HEIGHT_SLICES = [0.2, 0.6, 1.0, 1.4, 1.9];
/** Input channels: log(1 + count) per height slice, then max and mean height above the road (÷ 2 m). */
export const BEV_CHANNELS = HEIGHT_SLICES.length + 1 + 2;
const HEIGHT_SCALE = 2;

/** Rows (along z) and columns (along x) of the input grid. */
export function gridSize(g: BevGrid): { rows: number; cols: number } {
  return { rows: Math.round((g.zMax - g.zMin) / g.cellSize), cols: Math.round((g.xMax - g.xMin) / g.cellSize) };
}

/** Throws when the grid is not a whole number of cells or not a multiple of GRID_MULTIPLE cells per side. */
export function checkGrid(g: BevGrid, where: string): void {
  const { rows, cols } = gridSize(g);
  const whole = (extent: number, n: number): boolean => Math.abs(extent - n * g.cellSize) < 1e-6 * Math.max(1, extent);
  if (!(g.cellSize > 0) || !(g.xMax > g.xMin) || !(g.zMax > g.zMin)) {
    throw new EntangleError(`${where}: grid needs xMax > xMin, zMax > zMin and cellSize > 0; got ${JSON.stringify(g)}.`);
  }
  if (!whole(g.xMax - g.xMin, cols) || !whole(g.zMax - g.zMin, rows) || rows % GRID_MULTIPLE !== 0 || cols % GRID_MULTIPLE !== 0) {
    throw new EntangleError(
      `${where}: the grid must span a multiple of ${GRID_MULTIPLE} cells per side; got ${(g.zMax - g.zMin) / g.cellSize} × ` +
      `${(g.xMax - g.xMin) / g.cellSize} cells of ${g.cellSize} m. Fix: choose extents that are multiples of ${GRID_MULTIPLE * g.cellSize} m.`);
  }
}

/**
 * Writes the BEV channels of one cloud into out (length BEV_CHANNELS · rows · cols, channel-major, row = z, col = x).
 * Points outside the grid are skipped. Height above the road is h = 1.65 − y.
 */
export function rasterize(cloud: PointCloud, g: BevGrid, out: Float32Array, offset = 0): void {
  const { rows, cols } = gridSize(g);
  const plane = rows * cols;
  const nSlices = HEIGHT_SLICES.length + 1;
  const count = new Float32Array(plane);
  const sum = new Float32Array(plane);
  const max = new Float32Array(plane).fill(-Infinity);
  const slices = new Float32Array(nSlices * plane);
  for (let i = 0; i < cloud.count; i++) {
    const x = cloud.xyz[3 * i], y = cloud.xyz[3 * i + 1], z = cloud.xyz[3 * i + 2];
    const c = Math.floor((x - g.xMin) / g.cellSize);
    const r = Math.floor((z - g.zMin) / g.cellSize);
    if (c < 0 || c >= cols || r < 0 || r >= rows) continue;
    const cell = r * cols + c;
    const h = ROAD_Y - y;
    let s = 0;
    while (s < HEIGHT_SLICES.length && h >= HEIGHT_SLICES[s]) s++;
    slices[s * plane + cell]++;
    count[cell]++;
    sum[cell] += h;
    if (h > max[cell]) max[cell] = h;
  }
  for (let s = 0; s < nSlices; s++) {
    for (let cell = 0; cell < plane; cell++) out[offset + s * plane + cell] = Math.log1p(slices[s * plane + cell]);
  }
  const maxAt = offset + nSlices * plane, meanAt = maxAt + plane;
  for (let cell = 0; cell < plane; cell++) {
    const n = count[cell];
    out[maxAt + cell] = n > 0 ? max[cell] / HEIGHT_SCALE : 0;
    out[meanAt + cell] = n > 0 ? sum[cell] / n / HEIGHT_SCALE : 0;
  }
}
