// Args shared by the detector learners: class, image scale, the setting's ranges, and the training knobs.
import { z } from 'zod';
import { trainArgsSchema, type TrainArgs } from '../../../train/args.js';

export const rangeSchema = z.strictObject({
  min: z.number().optional(),
  max: z.number().optional(),
  /** 'z' (default): forward depth of the bottom centre; 'bev': √(x² + z²). */
  measure: z.enum(['z', 'bev']).optional(),
});

/** The detector's own training knobs (a subset of the shared loop's `train` args); unset ones take class defaults. */
export const detectorTrainSchema = z.strictObject({
  epochs: z.number().int().positive().optional(),
  lr: z.number().positive().optional(),
  batchSize: z.number().int().positive().optional(),
  weightDecay: z.number().min(0).optional(),
  /** lr decay points as fractions of `epochs` (×gamma at each). */
  milestones: z.array(z.number().gt(0).max(1)).optional(),
  gamma: z.number().positive().max(1).optional(),
});
export type DetectorTrainArgs = z.output<typeof detectorTrainSchema>;

/** The shared loop's args: the class defaults overridden by the knobs the args set. */
export function resolveDetectorTrain(classDefaults: object, own: DetectorTrainArgs): TrainArgs {
  const set = Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined));
  return trainArgsSchema.parse({ ...classDefaults, ...set });
}

export const detectorArgsShape = {
  /** The one class this model detects. */
  className: z.enum(['Car', 'Pedestrian']),
  /** Image scale s of the world (0.25 or 0.5): the calibration is kittiCalibration(scale). */
  scale: z.number().gt(0).max(4),
  /** Train only on objects inside this range (others are ignored, not negatives); §5 pedestrians: { max: 20 }. */
  trainRange: rangeSchema.nullable().default(null),
  /** Drop detections outside this range after detection; App. A: { max: 20 }. */
  detectionRange: rangeSchema.nullable().default(null),
  train: detectorTrainSchema.prefault({}),
};
