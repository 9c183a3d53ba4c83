// The learner skeleton shared by the detector families: args, reading r's cloud and the labels, training with the
// shared loop, checkpoints and input checks. Each family (bev/, frustum/) declares only what is its own.
import * as torch from '@entangle/torch';
import { ContractError } from '../../../core/errors.js';
import type { FitContext, FittedModel, InputDescription, JsonObject, Learner, OutputDescription, TrainSet } from '../../../core/types.js';
import { argIssues, parseArgs } from '../../../learners/args.js';
import { decodeCheckpoint, loadStateDict } from '../../../learners/checkpoint.js';
import { trainModule, type TrainReport } from '../../../train/loop.js';
import { kittiCalibration } from '../../geometry/calib.js';
import { cloudInputProblems, organizedCloudBlock } from './cloud-input.js';
import type { DetectorArgsBase, DetectorFamily, DetectorMeta, DetectorNet } from './detector-family.js';
import { DetectorModel } from './detector-model.js';
import { readObjects } from './labels.js';

/** The learner of a detector family (registered under family.kind by the caller). */
export function detectorLearner<A extends DetectorArgsBase, M extends DetectorMeta, N extends DetectorNet>(family: DetectorFamily<A, M, N>): Learner {
  const what = `Learner '${family.kind}'`;
  const parse = (raw: JsonObject, model?: string): A => parseArgs(family.schema, raw, what, model) as A;
  return {
    kind: family.kind,

    async fit(train: TrainSet, raw: JsonObject, ctx: FitContext): Promise<FittedModel> {
      const where = `${what} (model '${ctx.model}')`;
      const args = parse(raw, ctx.model);
      const { meta, train: trainArgs } = family.resolve(args, where);
      if (ctx.threads) torch.setNumThreads(ctx.threads);
      const calib = kittiCalibration(args.scale);
      const cloud = organizedCloudBlock(train.inputs, calib, where);
      const labels = readObjects(train.target, where);
      if (labels.length !== train.inputs.size) throw new ContractError(`${where}: ${labels.length} label frames for ${train.inputs.size} input frames.`);
      const examples = family.examples({ args, meta, calib, cloud, labels, seed: ctx.seed, where });
      torch.manualSeed(ctx.seed);
      const net = family.build(meta);
      const x = torch.tensor(examples.x, examples.xShape);
      const y = torch.tensor(examples.y, examples.yShape);
      let report: TrainReport;
      try {
        report = await trainModule({ module: net, forward: (b) => net.forward(b), exampleLosses: family.exampleLosses(args), x, y }, trainArgs, ctx);
      } catch (err) {
        net.dispose();
        throw err;
      } finally {
        x.dispose();
        y.dispose();
      }
      return new DetectorModel(family, args, meta, net, report);
    },

    load(bytes: Uint8Array, raw: JsonObject): FittedModel {
      const args = parse(raw);
      const { meta, tensors } = decodeCheckpoint(bytes, what);
      const m = meta as unknown as M;
      if (m === null || typeof m !== 'object' || m.kind !== family.kind) {
        throw new ContractError(`${what}: the checkpoint was saved by learner '${(m as M | null)?.kind ?? '?'}'; load it with that learner.`);
      }
      const mismatch = family.mismatch(m, args);
      if (mismatch) throw new ContractError(`${what}: the checkpoint holds ${mismatch.saved} but the args ask for ${mismatch.asked}. Load with the args used to fit it.`);
      const net = family.build(m);
      try {
        loadStateDict(net, tensors);
      } catch (err) {
        net.dispose();
        throw new ContractError(`${what}: the checkpoint does not fit the network (${(err as Error).message}).`);
      }
      net.eval();
      return new DetectorModel(family, args, m, net, null);
    },

    checkArgs(raw: JsonObject): string[] {
      const issues = argIssues(family.schema, raw);
      if (issues.length || !family.validate) return issues;
      try {
        family.validate(parse(raw));
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
      return cloudInputProblems(inputs, kittiCalibration(scale), family.kind, family.recordsInputs);
    },
  };
}
