// Learner 'frustum-detector' (stand-in for F-PTNET): for each 2D box of the class (ground-truth boxes, jittered, as
// the stand-in 2D detector), the frustum's points → PointNet box head; score = 2D confidence × predicted quality.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { ContractError } from '../../../core/errors.js';
import type { FitContext, FittedModel, InputDescription, Inputs, Json, JsonObject, Learner, OutputDescription, Records, TrainSet } from '../../../core/types.js';
import { argIssues, parseArgs } from '../../../learners/args.js';
import { decodeCheckpoint, encodeCheckpoint, loadStateDict, storeStateDict } from '../../../learners/checkpoint.js';
import { registerLearner } from '../../../registry/registry.js';
import { trainArgsSchema, type TrainArgs } from '../../../train/args.js';
import { trainModule, type TrainReport } from '../../../train/loop.js';
import { createRng } from '../../../train/random.js';
import type { Box3D } from '../../geometry/box3d.js';
import { kittiCalibration, type StereoCalibration } from '../../geometry/calib.js';
import type { KittiObject } from '../../kitti/label.js';
import { detectorArgsShape } from '../common/args.js';
import type { DetectorClass } from '../common/classes.js';
import { cloudInputProblems, framePoints, organizedCloudBlock, recordsBlock } from '../common/cloud-input.js';
import { toDetections } from '../common/detections.js';
import { objectRole, readObjects } from '../common/labels.js';
import { decodeBox, encodeBox, outputWidth, TARGET_VALUES } from './box-coding.js';
import { frustumLosses } from './loss.js';
import { FrustumNet } from './network.js';
import { detectable, jitterBox } from './proposals.js';
import { frustumSample, POINT_FEATURES, type FrustumSample } from './sample.js';

export const FRUSTUM_DETECTOR = 'frustum-detector';

export const frustumDetectorArgsSchema = z.strictObject({
  ...detectorArgsShape,
  /** Points per frustum after resampling. */
  numPoints: z.number().int().positive().default(128),
  /** Widths of the shared per-point MLP (before the max pool). */
  pointWidths: z.array(z.number().int().positive()).min(1).default([64, 128, 128]),
  /** Widths of the MLP after the max pool. */
  headWidths: z.array(z.number().int().positive()).default([128, 64]),
  /** Heading bins over [0, π). */
  headingBins: z.number().int().min(1).default(12),
  /** Jittered copies of each training object's 2D box. */
  copies: z.number().int().positive().default(3),
  /** Training 2D box jitter j: centre ± j·size, size × (1 ± j) (F-PointNet: 0.1). */
  jitter: z.number().min(0).lt(1).default(0.1),
  /** The stand-in 2D detector's jitter at prediction time. */
  testJitter: z.number().min(0).lt(1).default(0.05),
  /** Seed of the prediction-time jitter and point resampling (independent of the fit seed, so upstreams share proposals). */
  boxSeed: z.number().int().default(0),
  /** σ (m) of the quality target exp(−d²/2σ²); null = 0.25 for cars, 0.15 for pedestrians. */
  qualitySigma: z.number().positive().nullable().default(null),
});
export type FrustumDetectorArgs = z.output<typeof frustumDetectorArgsSchema>;

export const FRUSTUM_DEFAULTS: Record<DetectorClass, { qualitySigma: number; train: Record<string, unknown> }> = {
  Car: { qualitySigma: 0.25, train: { epochs: 20, lr: 2e-3, batchSize: 32, milestones: [0.75], gamma: 0.1 } },
  Pedestrian: { qualitySigma: 0.15, train: { epochs: 20, lr: 2e-3, batchSize: 32, milestones: [0.75], gamma: 0.1 } },
};

function resolveTrain(args: FrustumDetectorArgs): TrainArgs {
  const own = Object.fromEntries(Object.entries(args.train).filter(([, v]) => v !== undefined));
  return trainArgsSchema.parse({ ...FRUSTUM_DEFAULTS[args.className].train, ...own });
}

interface FrustumMeta {
  kind: typeof FRUSTUM_DETECTOR;
  className: DetectorClass;
  scale: number;
  numPoints: number;
  pointWidths: number[];
  headWidths: number[];
  headingBins: number;
}

function buildNet(m: FrustumMeta): FrustumNet {
  return new FrustumNet(m.pointWidths, m.headWidths, outputWidth(m.headingBins));
}

/** A fitted frustum detector; predict reads the records block's 2D boxes and emits KITTI detections per frame. */
export class FrustumDetectorModel implements FittedModel {
  private disposed = false;
  private readonly calib: StereoCalibration;

  constructor(private readonly args: FrustumDetectorArgs, private readonly meta: FrustumMeta, private readonly net: FrustumNet, readonly report: TrainReport | null) {
    this.calib = kittiCalibration(meta.scale);
  }

  predict(inputs: Inputs): Records<KittiObject[]> {
    const where = `Learner '${FRUSTUM_DETECTOR}'`;
    if (this.disposed) throw new ContractError(`${where}: predict called after dispose().`);
    const block = organizedCloudBlock(inputs, this.calib, where);
    const proposals = readObjects(recordsBlock(inputs, where), where, 'the 2D proposals (records input)');
    const { className, numPoints, headingBins } = this.meta;
    const samples: { frame: number; s: FrustumSample; confidence: number }[] = [];
    for (let f = 0; f < inputs.size; f++) {
      const cloud = framePoints(block, f);
      if (cloud.count === 0) continue;
      proposals[f].forEach((o, j) => {
        if (!detectable(o, className, this.meta.scale)) return;
        const rng = createRng(this.args.boxSeed, `frustum-test:${f}:${j}`);
        const p = jitterBox(o.bbox, this.args.testJitter, rng, this.calib);
        const s = frustumSample(cloud, p.bbox, this.calib, numPoints, rng);
        if (s !== null) samples.push({ frame: f, s, confidence: p.confidence });
      });
    }
    const width = outputWidth(headingBins);
    const out = samples.length === 0 ? new Float32Array(0) : runNet(this.net, samples.map((x) => x.s), numPoints);
    const perFrame: { box: Box3D; score: number }[][] = Array.from({ length: inputs.size }, () => []);
    samples.forEach((x, k) => {
      const { box, quality } = decodeBox(out, k * width, x.s, className, headingBins);
      perFrame[x.frame].push({ box, score: x.confidence * quality });
    });
    return { kind: 'records', items: perFrame.map((boxes) => toDetections(boxes, className, this.calib, this.args.detectionRange)) };
  }

  save(): Uint8Array {
    if (this.disposed) throw new ContractError(`Learner '${FRUSTUM_DETECTOR}': save called after dispose().`);
    return encodeCheckpoint(this.meta as unknown as Json, storeStateDict(this.net));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.net.dispose();
  }
}

const PREDICT_BATCH = 256;

/** Network outputs for the samples, row-major [samples, outputWidth]. */
function runNet(net: FrustumNet, samples: FrustumSample[], numPoints: number): Float32Array {
  net.eval();
  const parts: Float32Array[] = [];
  for (let first = 0; first < samples.length; first += PREDICT_BATCH) {
    const batch = samples.slice(first, first + PREDICT_BATCH);
    const x = new Float32Array(batch.length * POINT_FEATURES * numPoints);
    batch.forEach((s, k) => x.set(s.features, k * POINT_FEATURES * numPoints));
    parts.push(torch.tidy(() => torch.noGrad(() =>
      net.forward(torch.tensor(x, [batch.length, POINT_FEATURES, numPoints, 1])).contiguous().toTypedArray() as Float32Array)));
  }
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function parse(raw: JsonObject, model?: string): FrustumDetectorArgs {
  return parseArgs(frustumDetectorArgsSchema, raw, `Learner '${FRUSTUM_DETECTOR}'`, model) as FrustumDetectorArgs;
}

function metaOf(args: FrustumDetectorArgs): FrustumMeta {
  return {
    kind: FRUSTUM_DETECTOR, className: args.className, scale: args.scale, numPoints: args.numPoints,
    pointWidths: args.pointWidths, headWidths: args.headWidths, headingBins: args.headingBins,
  };
}

export const frustumDetector: Learner = {
  kind: FRUSTUM_DETECTOR,

  async fit(train: TrainSet, raw: JsonObject, ctx: FitContext): Promise<FittedModel> {
    const where = `Learner '${FRUSTUM_DETECTOR}' (model '${ctx.model}')`;
    const args = parse(raw, ctx.model);
    const trainArgs = resolveTrain(args);
    if (ctx.threads) torch.setNumThreads(ctx.threads);
    const calib = kittiCalibration(args.scale);
    const block = organizedCloudBlock(train.inputs, calib, where);
    const labels = readObjects(train.target, where);
    if (labels.length !== train.inputs.size) throw new ContractError(`${where}: ${labels.length} label frames for ${train.inputs.size} input frames.`);
    const rng = createRng(ctx.seed, 'frustum-train');
    const features: Float32Array[] = [];
    const targets: Float32Array[] = [];
    let objects = 0;
    labels.forEach((frame, f) => {
      const cloud = framePoints(block, f);
      for (const o of frame) {
        if (objectRole(o, args.className, args.scale, args.trainRange) !== 'target' || !detectable(o, args.className, args.scale)) continue;
        objects++;
        for (let c = 0; c < args.copies; c++) {
          const p = jitterBox(o.bbox, args.jitter, rng, calib);
          const s = frustumSample(cloud, p.bbox, calib, args.numPoints, rng);
          if (s === null) continue;
          features.push(s.features);
          targets.push(encodeBox(o, s, args.className, args.headingBins));
        }
      }
    });
    if (features.length === 0) {
      throw new ContractError(
        `${where}: no training frustum has a point (${objects} ${args.className} objects to train on in ${labels.length} frames). ` +
        'The clouds are empty inside every 2D box: check r\'s output and the setting\'s cuts, or the trainRange.');
    }
    const m = features.length;
    const x = new Float32Array(m * POINT_FEATURES * args.numPoints);
    const y = new Float32Array(m * TARGET_VALUES);
    for (let k = 0; k < m; k++) { x.set(features[k], k * POINT_FEATURES * args.numPoints); y.set(targets[k], k * TARGET_VALUES); }
    const meta = metaOf(args);
    torch.manualSeed(ctx.seed);
    const net = buildNet(meta);
    const xt = torch.tensor(x, [m, POINT_FEATURES, args.numPoints, 1]);
    const yt = torch.tensor(y, [m, TARGET_VALUES]);
    let report: TrainReport;
    try {
      const sigma = args.qualitySigma ?? FRUSTUM_DEFAULTS[args.className].qualitySigma;
      report = await trainModule({ module: net, forward: (b) => net.forward(b), exampleLosses: frustumLosses(args.headingBins, sigma), x: xt, y: yt }, trainArgs, ctx);
    } catch (err) {
      net.dispose();
      throw err;
    } finally {
      xt.dispose();
      yt.dispose();
    }
    return new FrustumDetectorModel(args, meta, net, report);
  },

  load(bytes: Uint8Array, raw: JsonObject): FittedModel {
    const what = `Learner '${FRUSTUM_DETECTOR}'`;
    const args = parse(raw);
    const { meta, tensors } = decodeCheckpoint(bytes, what);
    const m = meta as unknown as FrustumMeta;
    if (m === null || typeof m !== 'object' || m.kind !== FRUSTUM_DETECTOR) {
      throw new ContractError(`${what}: the checkpoint was saved by learner '${(m as FrustumMeta | null)?.kind ?? '?'}'; load it with that learner.`);
    }
    if (JSON.stringify(m) !== JSON.stringify(metaOf(args))) {
      throw new ContractError(`${what}: the checkpoint holds ${JSON.stringify(m)} but the args ask for ${JSON.stringify(metaOf(args))}. Load with the args used to fit it.`);
    }
    const net = buildNet(m);
    try {
      loadStateDict(net, tensors);
    } catch (err) {
      net.dispose();
      throw new ContractError(`${what}: the checkpoint does not fit the network (${(err as Error).message}).`);
    }
    net.eval();
    return new FrustumDetectorModel(args, m, net, null);
  },

  checkArgs: (raw: JsonObject): string[] => argIssues(frustumDetectorArgsSchema, raw),

  describeOutput(): OutputDescription {
    return { kind: 'boxes', shape: 'records' };
  },

  checkInputs(raw: JsonObject, inputs: InputDescription[]): string[] {
    let scale: number;
    try {
      scale = parse(raw).scale;
    } catch {
      return [];
    }
    return cloudInputProblems(inputs, kittiCalibration(scale), FRUSTUM_DETECTOR, 1);
  },
};

registerLearner(frustumDetector);
