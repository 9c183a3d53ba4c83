// Learner 'pseudo-lidar' (r): the non-learned point-cloud generator. fit does nothing; predict back-projects depth.
import { z } from 'zod';
import { ContractError } from '../../core/errors.js';
import type { Block, FitContext, FittedModel, InputDescription, Inputs, JsonObject, Learner, OutputDescription, TrainSet } from '../../core/types.js';
import { argIssues, parseArgs } from '../../learners/args.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../learners/checkpoint.js';
import { registerLearner } from '../../registry/registry.js';
import { kittiCalibration, type StereoCalibration } from '../geometry/calib.js';
import { CLOUD_SETTINGS, organizedCloud, type CloudSetting } from './organized.js';

const WHAT = "Learner 'pseudo-lidar'";

export const pseudoLidarArgsSchema = z.strictObject({
  /** Image scale s of the depth maps (the calibration is kittiCalibration(s, baseline)). */
  scale: z.number().positive().max(1),
  /** The cuts: §5 cars / pedestrians, App. A pedestrians (none), or 'none'. */
  setting: z.enum(CLOUD_SETTINGS as [CloudSetting, ...CloudSetting[]]),
  baseline: z.number().positive().default(0.54),
});
export type PseudoLidarArgs = z.output<typeof pseudoLidarArgsSchema>;

function calibrationOf(args: PseudoLidarArgs): StereoCalibration {
  return kittiCalibration(args.scale, args.baseline);
}

function inputIssues(args: PseudoLidarArgs, inputs: InputDescription[]): string[] {
  const c = calibrationOf(args);
  if (inputs.length !== 1) return [`reads exactly one block, a depth map [${c.height}, ${c.width}] (its parent u); got ${inputs.length} (${inputs.map((b) => b.name).join(', ') || 'none'})`];
  const b = inputs[0];
  if (b.shape === 'unknown') return [];
  if (b.shape === 'records' || b.shape.length !== 2 || b.shape[0] !== c.height || b.shape[1] !== c.width) {
    return [`block '${b.name}' must be a depth map [${c.height}, ${c.width}] (scale ${args.scale}), got ${b.shape === 'records' ? 'records' : `[${b.shape.join(', ')}]`}`];
  }
  return [];
}

class PseudoLidarModel implements FittedModel {
  constructor(private readonly args: PseudoLidarArgs) {}

  /** Organized clouds [n, 3, H, W] (docs/pseudo-lidar-models.md). */
  predict(inputs: Inputs): Block {
    if (inputs.blocks.length !== 1) throw new ContractError(`${WHAT}: expected one depth block, got ${inputs.blocks.length}.`);
    const value = inputs.blocks[0].value as Block;
    if (!(value.data instanceof Float32Array)) throw new ContractError(`${WHAT}: the depth block '${inputs.blocks[0].name}' holds records; r reads a dense depth map [n, H, W].`);
    const c = calibrationOf(this.args);
    return { shape: [inputs.size, 3, c.height, c.width], data: organizedCloud(value.data, inputs.size, c, this.args.setting) };
  }

  save(): Uint8Array {
    return encodeCheckpoint({ kind: 'pseudo-lidar', args: this.args }, {});
  }

  dispose(): void {}
}

export const pseudoLidarLearner: Learner = {
  kind: 'pseudo-lidar',

  async fit(_train: TrainSet, rawArgs: JsonObject, ctx: FitContext): Promise<FittedModel> {
    return new PseudoLidarModel(parseArgs(pseudoLidarArgsSchema, rawArgs, WHAT, ctx.model));
  },

  load(bytes: Uint8Array, rawArgs: JsonObject): FittedModel {
    const args = parseArgs(pseudoLidarArgsSchema, rawArgs, WHAT);
    const { meta } = decodeCheckpoint(bytes, WHAT);
    if ((meta as { kind?: string })?.kind !== 'pseudo-lidar') throw new ContractError(`${WHAT}: these bytes were not saved by a pseudo-lidar model.`);
    return new PseudoLidarModel(args);
  },

  checkArgs: (args) => argIssues(pseudoLidarArgsSchema, args),

  checkInputs(rawArgs: JsonObject, inputs: InputDescription[]): string[] {
    const parsed = pseudoLidarArgsSchema.safeParse(rawArgs ?? {});
    return parsed.success ? inputIssues(parsed.data, inputs) : [];
  },

  describeOutput(rawArgs: JsonObject): OutputDescription {
    const c = calibrationOf(parseArgs(pseudoLidarArgsSchema, rawArgs, WHAT));
    return { kind: 'points', shape: [3, c.height, c.width] };
  },
};

registerLearner(pseudoLidarLearner);
