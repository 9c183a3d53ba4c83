// Learner 'bev-detector' (stand-in for P-RCNN): BEV grid of r's point cloud → small CNN → centre heat map + box
// regression, one class per model. Trained with the shared loop on dense maps built once from the labels.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { ContractError } from '../../../core/errors.js';
import type { FitContext, FittedModel, InputDescription, Inputs, Json, JsonObject, Learner, OutputDescription, Records, TrainSet } from '../../../core/types.js';
import { argIssues, parseArgs } from '../../../learners/args.js';
import { decodeCheckpoint, encodeCheckpoint, loadStateDict, storeStateDict } from '../../../learners/checkpoint.js';
import { registerLearner } from '../../../registry/registry.js';
import { trainArgsSchema, type TrainArgs } from '../../../train/args.js';
import { trainModule, type TrainReport } from '../../../train/loop.js';
import { kittiCalibration, type StereoCalibration } from '../../geometry/calib.js';
import type { KittiObject } from '../../kitti/label.js';
import { detectorArgsShape, type DetectorTrainArgs } from '../common/args.js';
import type { DetectorClass } from '../common/classes.js';
import { cloudInputProblems, framePoints, organizedCloudBlock } from '../common/cloud-input.js';
import { toDetections } from '../common/detections.js';
import { readObjects } from '../common/labels.js';
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
  const train = trainArgsSchema.parse({ ...d.train, ...stripUndefined(args.train) });
  const near = args.trainRange?.max !== undefined && args.trainRange.max <= 25;
  const grid = args.grid ?? (args.className === 'Pedestrian' && !near ? PEDESTRIAN_FAR_GRID : d.grid);
  return { grid, train };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
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

/** A fitted BEV detector; predict emits per frame the KITTI detections of its class. */
export class BevDetectorModel implements FittedModel {
  private disposed = false;
  private readonly calib: StereoCalibration;

  constructor(private readonly args: BevDetectorArgs, private readonly meta: BevMeta, private readonly net: BevNet, readonly report: TrainReport | null) {
    this.calib = kittiCalibration(meta.scale);
  }

  predict(inputs: Inputs): Records<KittiObject[]> {
    const where = `Learner '${BEV_DETECTOR}'`;
    if (this.disposed) throw new ContractError(`${where}: predict called after dispose().`);
    const block = organizedCloudBlock(inputs, this.calib, where);
    const { grid, className } = this.meta;
    const { rows, cols } = gridSize(grid);
    const outPlane = HEAD_CHANNELS * outputGrid(grid).rows * outputGrid(grid).cols;
    const items: KittiObject[][] = [];
    this.net.eval();
    for (let first = 0; first < inputs.size; first += PREDICT_BATCH) {
      const count = Math.min(PREDICT_BATCH, inputs.size - first);
      const { data, points } = rasterizeFrames(block, first, count, grid);
      const out = torch.tidy(() => torch.noGrad(() =>
        this.net.forward(torch.tensor(data, [count, BEV_CHANNELS, rows, cols])).contiguous().toTypedArray() as Float32Array));
      for (let k = 0; k < count; k++) {
        if (points[k] === 0) { items.push([]); continue; } // no evidence, no detection
        const boxes = decodeFrame(out, k * outPlane, grid, className, this.args);
        items.push(toDetections(boxes, className, this.calib, this.args.detectionRange));
      }
    }
    return { kind: 'records', items };
  }

  save(): Uint8Array {
    if (this.disposed) throw new ContractError(`Learner '${BEV_DETECTOR}': save called after dispose().`);
    return encodeCheckpoint(this.meta as unknown as Json, storeStateDict(this.net));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.net.dispose();
  }
}

function parse(raw: JsonObject, model?: string): BevDetectorArgs {
  return parseArgs(bevDetectorArgsSchema, raw, `Learner '${BEV_DETECTOR}'`, model) as BevDetectorArgs;
}

export const bevDetector: Learner = {
  kind: BEV_DETECTOR,

  async fit(train: TrainSet, raw: JsonObject, ctx: FitContext): Promise<FittedModel> {
    const where = `Learner '${BEV_DETECTOR}' (model '${ctx.model}')`;
    const args = parse(raw, ctx.model);
    const { grid, train: trainArgs } = resolveBevArgs(args);
    checkGrid(grid, where);
    if (ctx.threads) torch.setNumThreads(ctx.threads);
    const calib = kittiCalibration(args.scale);
    const block = organizedCloudBlock(train.inputs, calib, where);
    const labels = readObjects(train.target, where);
    const n = train.inputs.size;
    if (labels.length !== n) throw new ContractError(`${where}: ${labels.length} label frames for ${n} input frames.`);
    const { rows, cols } = gridSize(grid);
    const out = outputGrid(grid);
    const x = rasterizeFrames(block, 0, n, grid).data;
    const y = new Float32Array(n * TARGET_CHANNELS * out.rows * out.cols);
    for (let i = 0; i < n; i++) frameTargets(labels[i], args.className, args.scale, args.trainRange, grid, y, i * TARGET_CHANNELS * out.rows * out.cols);
    torch.manualSeed(ctx.seed);
    const net = new BevNet(args.width);
    const xt = torch.tensor(x, [n, BEV_CHANNELS, rows, cols]);
    const yt = torch.tensor(y, [n, TARGET_CHANNELS, out.rows, out.cols]);
    let report: TrainReport;
    try {
      report = await trainModule({ module: net, forward: (b) => net.forward(b), exampleLosses: bevFrameLosses, x: xt, y: yt }, trainArgs, ctx);
    } catch (err) {
      net.dispose();
      throw err;
    } finally {
      xt.dispose();
      yt.dispose();
    }
    const meta: BevMeta = { kind: BEV_DETECTOR, className: args.className, scale: args.scale, grid, width: args.width };
    return new BevDetectorModel(args, meta, net, report);
  },

  load(bytes: Uint8Array, raw: JsonObject): FittedModel {
    const what = `Learner '${BEV_DETECTOR}'`;
    const args = parse(raw);
    const { meta, tensors } = decodeCheckpoint(bytes, what);
    const m = meta as unknown as BevMeta;
    if (m === null || typeof m !== 'object' || m.kind !== BEV_DETECTOR) {
      throw new ContractError(`${what}: the checkpoint was saved by learner '${(m as BevMeta | null)?.kind ?? '?'}'; load it with that learner.`);
    }
    const { grid } = resolveBevArgs(args);
    const same = m.className === args.className && m.scale === args.scale && m.width === args.width && JSON.stringify(m.grid) === JSON.stringify(grid);
    if (!same) {
      throw new ContractError(`${what}: the checkpoint holds a ${m.className} detector (scale ${m.scale}, width ${m.width}, grid ${JSON.stringify(m.grid)}) but the args ask for ${args.className} (scale ${args.scale}, width ${args.width}, grid ${JSON.stringify(grid)}). Load with the args used to fit it.`);
    }
    const net = new BevNet(m.width);
    try {
      loadStateDict(net, tensors);
    } catch (err) {
      net.dispose();
      throw new ContractError(`${what}: the checkpoint does not fit the network (${(err as Error).message}).`);
    }
    net.eval();
    return new BevDetectorModel(args, m, net, null);
  },

  checkArgs(raw: JsonObject): string[] {
    const issues = argIssues(bevDetectorArgsSchema, raw);
    if (issues.length) return issues;
    try {
      checkGrid(resolveBevArgs(parse(raw)).grid, 'grid');
    } catch (err) {
      return [(err as Error).message];
    }
    return [];
  },

  describeOutput(): OutputDescription {
    return { kind: 'boxes', shape: 'records' };
  },

  checkInputs(raw: JsonObject, inputs: InputDescription[]): string[] {
    let scale: number;
    try {
      scale = parse(raw).scale;
    } catch {
      return []; // args problems are reported by checkArgs
    }
    return cloudInputProblems(inputs, kittiCalibration(scale), BEV_DETECTOR, 0);
  },
};

registerLearner(bevDetector);
