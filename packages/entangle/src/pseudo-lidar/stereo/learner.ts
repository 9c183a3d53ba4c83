// Learner 'stereo-depth' (u): TinyStereo fine-tuned on disparity L1 or depth L1 from a disparity-pretrained checkpoint.
import * as torch from '@entangle/torch';
import { z } from 'zod';
import { canonicalJson, sha256 } from '../../core/canonical-json.js';
import { ContractError } from '../../core/errors.js';
import type { Block, FitContext, FittedModel, Field, InputDescription, Inputs, Json, JsonObject, Learner, OutputDescription, Records, TrainSet } from '../../core/types.js';
import { argIssues, parseArgs } from '../../learners/args.js';
import { decodeCheckpoint, encodeCheckpoint, loadStateDict, storeStateDict } from '../../learners/checkpoint.js';
import { registerLearner } from '../../registry/registry.js';
import { kittiCalibration } from '../geometry/calib.js';
import { loadSplit } from '../scenario/splits.js';
import { pseudoLidarCacheDir, readCached, writeCached } from './cache.js';
import { DEFAULT_ARCH, TinyStereo, type StereoArch } from './network.js';
import { predictDisparity, trainStereo, type StereoFrames, type StereoObjective, type StereoTrainArgs } from './train.js';

const WHAT = "Learner 'stereo-depth'";
/** Bumped when what a fit computes changes (part of the pretrain and fit cache keys). */
const STEREO_CODE_VERSION = 2;

const int = z.number().int();
const trainShape = (iterations: number, lr: number) => z.strictObject({
  iterations: int.min(0).default(iterations),
  batchSize: int.positive().default(4),
  /** Random crop [height, width] (image px), clipped to the image. */
  crop: z.tuple([int.positive(), int.positive()]).default([64, 160]),
  lr: z.number().positive().default(lr),
  /** Fractions of the iterations where the lr is multiplied by gamma. */
  milestones: z.array(z.number().min(0).max(1)).default([0.7]),
  gamma: z.number().positive().default(0.1),
});

const archSchema = z.strictObject({
  downsample: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(DEFAULT_ARCH.downsample),
  bins: int.min(2).max(128).default(DEFAULT_ARCH.bins),
  features: int.positive().default(DEFAULT_ARCH.features),
  aggregation: int.positive().default(DEFAULT_ARCH.aggregation),
  dilations: z.array(int.positive()).default(DEFAULT_ARCH.dilations),
  /** Absent (= 1) keeps the cache keys of checkpoints made before the option existed. */
  aggregationDownsample: z.union([z.literal(1), z.literal(2)]).optional(),
  refine: int.min(0).default(DEFAULT_ARCH.refine),
  correlation: z.enum(['dot', 'cosine']).default(DEFAULT_ARCH.correlation),
  costSkip: z.boolean().default(DEFAULT_ARCH.costSkip),
});

const pretrainSchema = z.strictObject({
  /** The pretraining frames: frames first..first+count−1 of world seed `seed` (disjoint from the system's splits). */
  frames: z.strictObject({ seed: int, first: int.min(0), count: int.positive() }),
  /** Extra world options of those frames (the scale comes from args.scale). */
  world: z.record(z.string(), z.json()).default({}),
  /** Seed of the pretraining (initial weights and crops); null = the run's model seed (one checkpoint per run seed). */
  seed: int.nullable().default(null),
  train: trainShape(1500, 1e-3).default({ iterations: 1500, batchSize: 4, crop: [64, 160], lr: 1e-3, milestones: [0.7], gamma: 0.1 }),
});

export const stereoArgsSchema = z.strictObject({
  /** Image scale s of the world (f_u = 721.5377·s); fixes f_u·B and the expected image size. */
  scale: z.number().positive().max(1).default(0.25),
  baseline: z.number().positive().default(0.54),
  arch: archSchema.default({ ...DEFAULT_ARCH, dilations: [...DEFAULT_ARCH.dilations] }),
  /** Training objective of the fine-tuning: L1 on disparity (u of §5) or on depth (u′ of §5). */
  loss: z.enum(['disparity-l1', 'depth-l1']).default('disparity-l1'),
  /** Written by an update's `loss`; no options exist. */
  lossArgs: z.strictObject({}).default({}),
  /** Ground-truth depths that count in the training loss, [min, max] (m). */
  depthRange: z.tuple([z.number().positive(), z.number().positive()]).default([1, 80]),
  /** Largest depth the model predicts (m): disparities below f_u·B/capDepth are clamped. */
  capDepth: z.number().positive().default(150),
  /** Weight of the coarse (soft-argmin, before refinement) output in the training loss. */
  coarseWeight: z.number().min(0).default(0.5),
  train: trainShape(600, 2e-4).default({ iterations: 600, batchSize: 4, crop: [64, 160], lr: 2e-4, milestones: [0.7], gamma: 0.1 }),
  /** Disparity pretraining before the fine-tuning (the SceneFlow stand-in), computed once and cached; null = none. */
  pretrain: pretrainSchema.nullable().default(null),
  /** Reuse a finished fit with the same args, seed and training data from the pseudo-LiDAR cache. */
  cacheFits: z.boolean().default(true),
});
export type StereoArgs = z.output<typeof stereoArgsSchema>;

interface StereoMeta {
  kind: 'stereo-depth';
  arch: StereoArch;
  height: number;
  width: number;
  fb: number;
  capDepth: number;
}

const fbOf = (args: StereoArgs): number => kittiCalibration(args.scale, args.baseline).fu * args.baseline;

function imageSize(args: StereoArgs): [number, number] {
  const c = kittiCalibration(args.scale, args.baseline);
  return [c.height, c.width];
}

/** The per-example [H, W] of a stereo input block ([1, H, W] or [H, W]), or null. */
function mapShape(shape: number[]): [number, number] | null {
  if (shape.length === 3 && shape[0] === 1) return [shape[1], shape[2]];
  if (shape.length === 2) return [shape[0], shape[1]];
  return null;
}

function inputIssues(args: StereoArgs, inputs: InputDescription[]): string[] {
  const [H, W] = imageSize(args);
  if (inputs.length !== 2) return [`reads exactly two blocks, the left and right images ([1, ${H}, ${W}] each, in that order); got ${inputs.length} (${inputs.map((b) => b.name).join(', ') || 'none'})`];
  const issues: string[] = [];
  for (const b of inputs) {
    if (b.shape === 'records' || b.shape === 'unknown') {
      issues.push(`block '${b.name}' must be a dense image [1, ${H}, ${W}], got ${b.shape}`);
      continue;
    }
    const s = mapShape(b.shape);
    if (s === null || s[0] !== H || s[1] !== W) issues.push(`block '${b.name}' has per-example shape [${b.shape.join(', ')}], expected [1, ${H}, ${W}] (the image size at scale ${args.scale}); fix args.scale or the dataset`);
  }
  return issues;
}

function isBlock(v: Block | Records): v is Block {
  return (v as Block).data instanceof Float32Array;
}

/** Left and right images of `inputs` as [n, H, W] arrays, checked against the args. */
function readPair(inputs: Inputs, args: StereoArgs, where: string): { left: Float32Array; right: Float32Array; n: number; H: number; W: number } {
  const issues = inputIssues(args, inputs.blocks.map((b) => ({ name: b.name, kind: b.kind, shape: isBlock(b.value) ? b.value.shape.slice(1) : 'records' })));
  if (issues.length > 0) throw new ContractError(`${where}: ${issues.join('; ')}.`);
  const [H, W] = imageSize(args);
  const [l, r] = inputs.blocks.map((b) => b.value as Block);
  if (l.data.length !== inputs.size * H * W || r.data.length !== inputs.size * H * W) throw new ContractError(`${where}: the image blocks hold ${l.data.length} and ${r.data.length} values, expected ${inputs.size}·${H}·${W}.`);
  return { left: l.data, right: r.data, n: inputs.size, H, W };
}

function bytesOf(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

class StereoModel implements FittedModel {
  /** Training losses per step (not saved). */
  report: { pretrain: number[] | null; finetune: number[] | null } = { pretrain: null, finetune: null };
  constructor(readonly net: TinyStereo, readonly meta: StereoMeta) {}

  /** Depth [n, H, W] (m) = f_u·B / max(d̂, f_u·B/capDepth). */
  predict(inputs: Inputs): Block {
    const where = `${WHAT} predict`;
    if (inputs.blocks.length !== 2) throw new ContractError(`${where}: expected the left and right image blocks, got ${inputs.blocks.length}.`);
    const [l, r] = inputs.blocks.map((b) => b.value);
    if (!isBlock(l) || !isBlock(r)) throw new ContractError(`${where}: the image blocks must be dense.`);
    const { height: H, width: W, fb, capDepth } = this.meta;
    const n = inputs.size;
    if (l.data.length !== n * H * W || r.data.length !== n * H * W) throw new ContractError(`${where}: images must be ${H} × ${W} (the size the model was fitted on); got ${l.data.length / Math.max(1, n)} values per example.`);
    const disparity = predictDisparity(this.net, l.data, r.data, n, H, W);
    const minDisparity = fb / capDepth;
    const depth = new Float32Array(disparity.length);
    for (let i = 0; i < depth.length; i++) depth[i] = fb / Math.max(disparity[i], minDisparity);
    return { shape: [n, H, W], data: depth };
  }

  save(): Uint8Array {
    return encodeCheckpoint(this.meta as unknown as Json, storeStateDict(this.net));
  }

  dispose(): void {
    this.net.dispose();
  }
}

function openModel(bytes: Uint8Array, where: string): StereoModel {
  const { meta, tensors } = decodeCheckpoint(bytes, where);
  const m = meta as unknown as StereoMeta;
  if (m?.kind !== 'stereo-depth') throw new ContractError(`${where}: these bytes were not saved by a stereo-depth model.`);
  const net = new TinyStereo(m.arch);
  loadStateDict(net, tensors);
  net.eval();
  return new StereoModel(net, m);
}

function objective(args: StereoArgs, loss: StereoArgs['loss']): StereoObjective {
  return { loss, fb: fbOf(args), range: args.depthRange, capDepth: args.capDepth, coarseWeight: args.coarseWeight };
}

/** The disparity-pretrained network for (args, seed): read from the cache, else trained once and cached. */
async function pretrained(args: StereoArgs, seed: number, ctx: FitContext, meta: StereoMeta): Promise<{ net: TinyStereo; losses: number[] | null }> {
  const p = args.pretrain!;
  const pretrainSeed = p.seed ?? seed;
  const key = sha256(canonicalJson({
    code: STEREO_CODE_VERSION, arch: args.arch, scale: args.scale, baseline: args.baseline, depthRange: args.depthRange,
    capDepth: args.capDepth, coarseWeight: args.coarseWeight, pretrain: { ...p, seed: pretrainSeed },
  } as unknown as Json));
  const name = `stereo-pretrain-${key.slice(0, 32)}.ckpt`;
  const cached = readCached(name);
  if (cached) return { net: openModel(cached, `${WHAT} pretrain cache ${name}`).net, losses: null };
  const split = loadSplit({ ...p.frames, world: { ...(p.world as object), scale: args.scale, baseline: args.baseline } }, pseudoLidarCacheDir());
  if (split.height !== meta.height || split.width !== meta.width) throw new ContractError(`${WHAT}: pretraining frames are ${split.width} × ${split.height}, the training images ${meta.width} × ${meta.height}; use the same world scale.`);
  torch.manualSeed(pretrainSeed);
  const net = new TinyStereo(args.arch);
  const losses = await trainStereo(net, split, p.train as StereoTrainArgs, objective(args, 'disparity-l1'), pretrainSeed, 'pretrain', ctx);
  writeCached(name, new StereoModel(net, meta).save());
  return { net, losses };
}

function fitKey(args: StereoArgs, seed: number, frames: StereoFrames): string {
  const hash = sha256(canonicalJson({ code: STEREO_CODE_VERSION, args: args as unknown as Json, seed }));
  const data = [frames.left, frames.right, frames.depth].map((a) => sha256(bytesOf(a))).join(':');
  return sha256(`${hash}:${frames.count}x${frames.height}x${frames.width}:${data}`);
}

export const stereoDepth: Learner = {
  kind: 'stereo-depth',

  async fit(train: TrainSet, rawArgs: JsonObject, ctx: FitContext): Promise<FittedModel> {
    const where = `${WHAT} (model '${ctx.model}')`;
    const args = parseArgs(stereoArgsSchema, rawArgs, WHAT, ctx.model);
    if (ctx.threads) torch.setNumThreads(ctx.threads);
    const { left, right, n, H, W } = readPair(train.inputs, args, where);
    const target = train.target as Field;
    if (!(target.data instanceof Float32Array) || target.data.length !== n * H * W) {
      throw new ContractError(`${where}: the target must be the ground-truth depth field [n, ${H}, ${W}] (m); got ${'kind' in target ? 'records' : `shape [${target.shape.join(', ')}]`}.`);
    }
    const frames: StereoFrames = { count: n, height: H, width: W, left, right, depth: target.data };
    const meta: StereoMeta = { kind: 'stereo-depth', arch: args.arch, height: H, width: W, fb: fbOf(args), capDepth: args.capDepth };
    const fitName = args.cacheFits ? `stereo-fit-${fitKey(args, ctx.seed, frames).slice(0, 32)}.ckpt` : null;
    const cachedFit = fitName === null ? undefined : readCached(fitName);
    if (cachedFit) return openModel(cachedFit, `${where} fit cache ${fitName}`);
    let net: TinyStereo;
    let pretrainLosses: number[] | null = null;
    if (args.pretrain) {
      ({ net, losses: pretrainLosses } = await pretrained(args, ctx.seed, ctx, meta));
    } else {
      torch.manualSeed(ctx.seed);
      net = new TinyStereo(args.arch);
    }
    const losses = await trainStereo(net, frames, args.train as StereoTrainArgs, objective(args, args.loss), ctx.seed, 'finetune', ctx);
    const model = new StereoModel(net, meta);
    model.report = { pretrain: pretrainLosses, finetune: losses };
    if (fitName !== null) writeCached(fitName, model.save());
    return model;
  },

  load(bytes: Uint8Array, rawArgs: JsonObject): FittedModel {
    parseArgs(stereoArgsSchema, rawArgs, WHAT);
    return openModel(bytes, WHAT);
  },

  checkArgs: (args) => argIssues(stereoArgsSchema, args),

  checkInputs(rawArgs: JsonObject, inputs: InputDescription[]): string[] {
    const parsed = stereoArgsSchema.safeParse(rawArgs ?? {});
    return parsed.success ? inputIssues(parsed.data, inputs) : [];
  },

  describeOutput(rawArgs: JsonObject): OutputDescription {
    const args = parseArgs(stereoArgsSchema, rawArgs, WHAT);
    return { kind: 'depth', shape: imageSize(args) };
  },
};

registerLearner(stereoDepth);
