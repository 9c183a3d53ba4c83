// Learner 'bev-detector' (stand-in for P-RCNN): BEV grid of r's point cloud → small CNN → centre heat map + box
// regression, one class per model. Trained with the shared loop on dense maps built once from the labels; the
// learner skeleton (fit, load, checks) is common/detector-learner.ts.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import type { Learner } from '../../../core/types.js';
import { registerLearner } from '../../../registry/registry.js';
import type { TrainArgs } from '../../../train/args.js';
import type { KittiObject } from '../../kitti/label.js';
import { detectorArgsShape, resolveDetectorTrain, type DetectorTrainArgs } from '../common/args.js';
import type { DetectorClass } from '../common/classes.js';
import { framePoints } from '../common/cloud-input.js';
import type { PredictionFrames, TrainingExamples, TrainingFrames } from '../common/detector-family.js';
import { detectorLearner } from '../common/detector-learner.js';
import { toDetections } from '../common/detections.js';
import { decodeFrame } from './decode.js';
import { BEV_CHANNELS, checkGrid, gridSize, rasterize, type BevGrid } from './grid.js';
import { bevFrameLosses } from './loss.js';
import { BevNet } from './network.js';
import { frameTargets, HEAD_CHANNELS, outputGrid, TARGET_CHANNELS } from './targets.js';

export const BEV_DETECTOR = 'bev-detector';

const gridSchema = z.strictObject({
  xMin: z.number(), xMax: z.number(), zMin: z.number(), zMax: z.number(), cellSize: z.number().positive(),
});

export const bevDetectorArgsSchema = z.strictObject({
  ...detectorArgsShape,
  /** BEV extent and cell size; null = the class default (BEV_DEFAULTS). */
  grid: gridSchema.nullable().default(null),
  /** Base channel width w of the CNN (w, 2w, 4w). */
  width: z.number().int().positive().default(16),
  /** Top-k peaks kept per frame. */
  maxDetections: z.number().int().positive().default(50),
  /** Peaks scoring below this are dropped. */
  scoreThreshold: z.number().min(0).max(1).default(0.05),
});
export type BevDetectorArgs = z.output<typeof bevDetectorArgsSchema>;

/** Class defaults: grid (pedestrians: finer cells, closer range) and training budget. */
export const BEV_DEFAULTS: Record<DetectorClass, { grid: BevGrid; train: Required<Omit<DetectorTrainArgs, 'weightDecay'>> & { weightDecay: number } }> = {
  Car: {
    grid: { xMin: -19.2, xMax: 19.2, zMin: 0, zMax: 51.2, cellSize: 0.4 },
    train: { epochs: 10, lr: 2e-3, batchSize: 4, weightDecay: 0, milestones: [0.75], gamma: 0.1 },
  },
  Pedestrian: {
    grid: { xMin: -14.4, xMax: 14.4, zMin: 0, zMax: 25.6, cellSize: 0.2 },
    train: { epochs: 10, lr: 2e-3, batchSize: 4, weightDecay: 0, milestones: [0.75], gamma: 0.1 },
  },
};

/** Default pedestrian grid when w trains on pedestrians beyond 25 m (App. A: all distances): z up to 38.4 m. */
export const PEDESTRIAN_FAR_GRID: BevGrid = { xMin: -14.4, xMax: 14.4, zMin: 0, zMax: 38.4, cellSize: 0.2 };

/**
 * The args with class defaults filled in. The pedestrian default grid ends at 25.6 m when trainRange.max ≤ 25 m
 * (§5: trained on ≤ 20 m) and at 38.4 m otherwise (App. A trains on every distance).
 */
export function resolveBevArgs(args: BevDetectorArgs): { grid: BevGrid; train: TrainArgs } {
  const d = BEV_DEFAULTS[args.className];
  const train = resolveDetectorTrain(d.train, args.train);
  const near = args.trainRange?.max !== undefined && args.trainRange.max <= 25;
  const grid = args.grid ?? (args.className === 'Pedestrian' && !near ? PEDESTRIAN_FAR_GRID : d.grid);
  return { grid, train };
}

interface BevMeta {
  kind: typeof BEV_DETECTOR;
  className: DetectorClass;
  scale: number;
  grid: BevGrid;
  width: number;
}

/** Frames predicted per forward pass. */
const PREDICT_BATCH = 8;

/** Input channels of frames [first, first + count) of an organized block. */
function rasterizeFrames(block: { shape: number[]; data: Float32Array }, first: number, count: number, grid: BevGrid): { data: Float32Array; points: number[] } {
  const { rows, cols } = gridSize(grid);
  const per = BEV_CHANNELS * rows * cols;
  const data = new Float32Array(count * per);
  const points: number[] = [];
  for (let k = 0; k < count; k++) {
    const cloud = framePoints(block, first + k);
    points.push(cloud.count);
    rasterize(cloud, grid, data, k * per);
  }
  return { data, points };
}

/** Rasterized clouds and dense target maps built once from the labels. */
function bevExamples({ args, meta, cloud, labels }: TrainingFrames<BevDetectorArgs, BevMeta>): TrainingExamples {
  const { grid } = meta;
  const n = labels.length;
  const { rows, cols } = gridSize(grid);
  const out = outputGrid(grid);
  const x = rasterizeFrames(cloud, 0, n, grid).data;
  const y = new Float32Array(n * TARGET_CHANNELS * out.rows * out.cols);
  for (let i = 0; i < n; i++) frameTargets(labels[i], args.className, args.scale, args.trainRange, grid, y, i * TARGET_CHANNELS * out.rows * out.cols);
  return { x, xShape: [n, BEV_CHANNELS, rows, cols], y, yShape: [n, TARGET_CHANNELS, out.rows, out.cols] };
}

/** Heat-map peaks decoded to boxes, PREDICT_BATCH frames per forward pass; a frame without points has none. */
function bevDetect({ net, args, meta, calib, cloud, inputs }: PredictionFrames<BevDetectorArgs, BevMeta, BevNet>): KittiObject[][] {
  const { grid, className } = meta;
  const { rows, cols } = gridSize(grid);
  const outPlane = HEAD_CHANNELS * outputGrid(grid).rows * outputGrid(grid).cols;
  const items: KittiObject[][] = [];
  for (let first = 0; first < inputs.size; first += PREDICT_BATCH) {
    const count = Math.min(PREDICT_BATCH, inputs.size - first);
    const { data, points } = rasterizeFrames(cloud, first, count, grid);
    const out = torch.tidy(() => torch.noGrad(() =>
      net.forward(torch.tensor(data, [count, BEV_CHANNELS, rows, cols])).contiguous().toTypedArray() as Float32Array));
    for (let k = 0; k < count; k++) {
      if (points[k] === 0) { items.push([]); continue; } // no evidence, no detection
      const boxes = decodeFrame(out, k * outPlane, grid, className, args);
      items.push(toDetections(boxes, className, calib, args.detectionRange));
    }
  }
  return items;
}

export const bevDetector: Learner = detectorLearner<BevDetectorArgs, BevMeta, BevNet>({
  kind: BEV_DETECTOR,
  schema: bevDetectorArgsSchema,
  recordsInputs: 0,

  resolve(args, where) {
    const { grid, train } = resolveBevArgs(args);
    checkGrid(grid, where);
    return { meta: { kind: BEV_DETECTOR, className: args.className, scale: args.scale, grid, width: args.width }, train };
  },

  validate(args) {
    checkGrid(resolveBevArgs(args).grid, 'grid');
  },

  mismatch(m, args) {
    const { grid } = resolveBevArgs(args);
    const same = m.className === args.className && m.scale === args.scale && m.width === args.width && JSON.stringify(m.grid) === JSON.stringify(grid);
    if (same) return null;
    return {
      saved: `a ${m.className} detector (scale ${m.scale}, width ${m.width}, grid ${JSON.stringify(m.grid)})`,
      asked: `${args.className} (scale ${args.scale}, width ${args.width}, grid ${JSON.stringify(grid)})`,
    };
  },

  build: (meta) => new BevNet(meta.width),
  examples: bevExamples,
  exampleLosses: () => bevFrameLosses,
  detect: bevDetect,
});

registerLearner(bevDetector);
