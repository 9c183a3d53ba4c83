// Learner 'frustum-detector' (stand-in for F-PTNET): for each 2D box of the class (ground-truth boxes, jittered, as
// the stand-in 2D detector), the frustum's points → PointNet box head; score = 2D confidence × predicted quality.
// The learner skeleton (fit, load, checks) is common/detector-learner.ts.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { ContractError } from '../../../core/errors.js';
import type { Learner } from '../../../core/types.js';
import { registerLearner } from '../../../registry/registry.js';
import { createRng } from '../../../train/random.js';
import type { Box3D } from '../../geometry/box3d.js';
import type { KittiObject } from '../../kitti/label.js';
import { detectorArgsShape, resolveDetectorTrain } from '../common/args.js';
import type { DetectorClass } from '../common/classes.js';
import { framePoints, recordsBlock } from '../common/cloud-input.js';
import type { PredictionFrames, TrainingExamples, TrainingFrames } from '../common/detector-family.js';
import { detectorLearner } from '../common/detector-learner.js';
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

interface FrustumMeta {
  kind: typeof FRUSTUM_DETECTOR;
  className: DetectorClass;
  scale: number;
  numPoints: number;
  pointWidths: number[];
  headWidths: number[];
  headingBins: number;
}

function metaOf(args: FrustumDetectorArgs): FrustumMeta {
  return {
    kind: FRUSTUM_DETECTOR, className: args.className, scale: args.scale, numPoints: args.numPoints,
    pointWidths: args.pointWidths, headWidths: args.headWidths, headingBins: args.headingBins,
  };
}

/** `copies` jittered 2D boxes per target object, each box's frustum points resampled and its box encoded. */
function frustumExamples({ args, calib, cloud, labels, seed, where }: TrainingFrames<FrustumDetectorArgs, FrustumMeta>): TrainingExamples {
  const rng = createRng(seed, 'frustum-train');
  const features: Float32Array[] = [];
  const targets: Float32Array[] = [];
  let objects = 0;
  labels.forEach((frame, f) => {
    const points = framePoints(cloud, f);
    for (const o of frame) {
      if (objectRole(o, args.className, args.scale, args.trainRange) !== 'target' || !detectable(o, args.className, args.scale)) continue;
      objects++;
      for (let c = 0; c < args.copies; c++) {
        const p = jitterBox(o.bbox, args.jitter, rng, calib);
        const s = frustumSample(points, p.bbox, calib, args.numPoints, rng);
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
  return { x, xShape: [m, POINT_FEATURES, args.numPoints, 1], y, yShape: [m, TARGET_VALUES] };
}

/** One box per detectable proposal with frustum points; score = the proposal's 2D confidence × predicted quality. */
function frustumDetect({ net, args, meta, calib, cloud, inputs, where }: PredictionFrames<FrustumDetectorArgs, FrustumMeta, FrustumNet>): KittiObject[][] {
  const proposals = readObjects(recordsBlock(inputs, where), where, 'the 2D proposals (records input)');
  const { className, numPoints, headingBins } = meta;
  const samples: { frame: number; s: FrustumSample; confidence: number }[] = [];
  for (let f = 0; f < inputs.size; f++) {
    const points = framePoints(cloud, f);
    if (points.count === 0) continue;
    proposals[f].forEach((o, j) => {
      if (!detectable(o, className, meta.scale)) return;
      const rng = createRng(args.boxSeed, `frustum-test:${f}:${j}`);
      const p = jitterBox(o.bbox, args.testJitter, rng, calib);
      const s = frustumSample(points, p.bbox, calib, numPoints, rng);
      if (s !== null) samples.push({ frame: f, s, confidence: p.confidence });
    });
  }
  const width = outputWidth(headingBins);
  const out = samples.length === 0 ? new Float32Array(0) : runNet(net, samples.map((x) => x.s), numPoints);
  const perFrame: { box: Box3D; score: number }[][] = Array.from({ length: inputs.size }, () => []);
  samples.forEach((x, k) => {
    const { box, quality } = decodeBox(out, k * width, x.s, className, headingBins);
    perFrame[x.frame].push({ box, score: x.confidence * quality });
  });
  return perFrame.map((boxes) => toDetections(boxes, className, calib, args.detectionRange));
}

const PREDICT_BATCH = 256;

/** Network outputs for the samples, row-major [samples, outputWidth]. */
function runNet(net: FrustumNet, samples: FrustumSample[], numPoints: number): Float32Array {
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

export const frustumDetector: Learner = detectorLearner<FrustumDetectorArgs, FrustumMeta, FrustumNet>({
  kind: FRUSTUM_DETECTOR,
  schema: frustumDetectorArgsSchema,
  recordsInputs: 1,

  resolve: (args) => ({ meta: metaOf(args), train: resolveDetectorTrain(FRUSTUM_DEFAULTS[args.className].train, args.train) }),

  mismatch(m, args) {
    if (JSON.stringify(m) === JSON.stringify(metaOf(args))) return null;
    return { saved: JSON.stringify(m), asked: JSON.stringify(metaOf(args)) };
  },

  build: (meta) => new FrustumNet(meta.pointWidths, meta.headWidths, outputWidth(meta.headingBins)),
  examples: frustumExamples,
  exampleLosses: (args) => frustumLosses(args.headingBins, args.qualitySigma ?? FRUSTUM_DEFAULTS[args.className].qualitySigma),
  detect: frustumDetect,
});

registerLearner(frustumDetector);
