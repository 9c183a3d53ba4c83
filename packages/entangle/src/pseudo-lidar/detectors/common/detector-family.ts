// What one detector family (BEV grid, frustum) declares; detectorLearner (detector-learner.ts) turns it into a learner.
import type * as torch from '@entangle/torch';
import type { z } from 'zod';
import type { Block, Inputs } from '../../../core/types.js';
import type { TrainArgs } from '../../../train/args.js';
import type { StereoCalibration } from '../../geometry/calib.js';
import type { KittiObject } from '../../kitti/label.js';

/** The parsed args the shared skeleton reads itself (every family spreads detectorArgsShape into its schema). */
export interface DetectorArgsBase {
  scale: number;
}

/** The checkpoint header: what rebuilds the network; `scale` gives the calibration predict checks inputs against. */
export interface DetectorMeta {
  kind: string;
  scale: number;
}

/** A family's network: one input tensor in, one output tensor out. */
export type DetectorNet = torch.nn.Module & { forward(x: torch.Tensor): torch.Tensor };

/** Training examples for the shared loop, examples along dim 0. */
export interface TrainingExamples {
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  yShape: number[];
}

/** What fit and predict have read and checked before the family takes over. */
export interface CheckedFrames<A, M> {
  args: A;
  meta: M;
  calib: StereoCalibration;
  /** r's organized cloud [n, 3, H, W]. */
  cloud: Block;
  where: string;
}

export interface TrainingFrames<A, M> extends CheckedFrames<A, M> {
  /** The labels, one array per frame (as many as the cloud has frames). */
  labels: KittiObject[][];
  /** The fit seed (torch is seeded with it only after the examples are built). */
  seed: number;
}

export interface PredictionFrames<A, M, N> extends CheckedFrames<A, M> {
  net: N;
  inputs: Inputs;
}

export interface DetectorFamily<A extends DetectorArgsBase, M extends DetectorMeta, N extends DetectorNet> {
  kind: string;
  schema: z.ZodType<A, unknown>;
  /** Records input blocks the family reads besides r's cloud (the frustum detector's 2D proposals: 1). */
  recordsInputs: number;
  /** The checkpoint meta and the shared loop's args for fitting with these args; throws on args that cannot fit. */
  resolve(args: A, where: string): { meta: M; train: TrainArgs };
  /** Throws on schema-valid args that still cannot be used (checkArgs reports the message). */
  validate?(args: A): void;
  /** How a checkpoint's meta and the one the args ask for read in the load error, or null when they agree. */
  mismatch(saved: M, args: A): { saved: string; asked: string } | null;
  /** The untrained network (weights drawn from torch's seeded generator). */
  build(meta: M): N;
  examples(frames: TrainingFrames<A, M>): TrainingExamples;
  /** Per-example training losses [batch] of network outputs against targets. */
  exampleLosses(args: A): (output: torch.Tensor, target: torch.Tensor) => torch.Tensor;
  /** The detections of each frame; the network is already in eval mode. */
  detect(frames: PredictionFrames<A, M, N>): KittiObject[][];
}
