// From the network's output maps to 3D boxes: 3×3 local maxima of the heat map (max-pool NMS), top-k by score.
import type { Box3D } from '../../geometry/box3d.js';
import { CLASS_MEAN_SIZE, ROAD_Y, type DetectorClass } from '../common/classes.js';
import type { BevGrid } from './grid.js';
import { outputGrid } from './targets.js';

export interface DecodeOptions {
  maxDetections: number;
  scoreThreshold: number;
}

/** A decoded box with its heat-map score. */
export interface ScoredBox {
  box: Box3D;
  score: number;
}

/** Log-size predictions are clamped to ±LOG_SIZE_LIMIT (a factor of e^1.5 ≈ 4.5 around the class mean). */
const LOG_SIZE_LIMIT = 1.5;

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/**
 * Boxes of one frame from its output maps (`out` holds 9 · rows · cols values from `offset`: heat logit, dx, dz,
 * y − 1.65, three log sizes, sin 2ry, cos 2ry).
 * A cell is a peak when its score is ≥ all 8 neighbours' and ≥ scoreThreshold; the maxDetections best peaks are kept
 * (ties: lower cell index first).
 */
export function decodeFrame(out: Float32Array, offset: number, g: BevGrid, className: DetectorClass, o: DecodeOptions): ScoredBox[] {
  const { rows, cols, cell } = outputGrid(g);
  const plane = rows * cols;
  const heat = new Float32Array(plane);
  for (let i = 0; i < plane; i++) heat[i] = sigmoid(out[offset + i]);
  const peaks: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = heat[r * cols + c];
      if (!(v >= o.scoreThreshold)) continue;
      let peak = true;
      for (let dr = -1; dr <= 1 && peak; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr, cc = c + dc;
          if ((dr || dc) && rr >= 0 && rr < rows && cc >= 0 && cc < cols && heat[rr * cols + cc] > v) { peak = false; break; }
        }
      }
      if (peak) peaks.push(r * cols + c);
    }
  }
  peaks.sort((a, b) => heat[b] - heat[a] || a - b);
  const mean = CLASS_MEAN_SIZE[className];
  const ch = (k: number, i: number): number => out[offset + k * plane + i];
  const logSize = (k: number, i: number): number => Math.max(-LOG_SIZE_LIMIT, Math.min(LOG_SIZE_LIMIT, ch(k, i)));
  return peaks.slice(0, o.maxDetections).map((i) => {
    const r = Math.floor(i / cols), c = i % cols;
    const box: Box3D = {
      location: [g.xMin + (c + ch(1, i)) * cell, ROAD_Y + ch(3, i), g.zMin + (r + ch(2, i)) * cell],
      dimensions: [mean[0] * Math.exp(logSize(4, i)), mean[1] * Math.exp(logSize(5, i)), mean[2] * Math.exp(logSize(6, i))],
      rotationY: 0.5 * Math.atan2(ch(7, i), ch(8, i)),
    };
    return { box, score: heat[i] };
  });
}
