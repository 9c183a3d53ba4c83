// The stereo training loop: random aligned crops of (left, right, depth), Adam, step decay, seeded.
import * as torch from '@entangle/torch';
import type { FitContext } from '../../core/types.js';
import { createRng } from '../../train/random.js';
import { learningRateAt } from '../../train/schedule.js';
import type { TinyStereo } from './network.js';
import { stereoLoss, type StereoLoss } from './objective.js';

/** Frames as dense maps [count, H, W] (row-major). */
export interface StereoFrames {
  count: number;
  height: number;
  width: number;
  left: Float32Array;
  right: Float32Array;
  depth: Float32Array;
}

export interface StereoTrainArgs {
  iterations: number;
  batchSize: number;
  /** Crop [height, width] in image pixels (clipped to the image). */
  crop: [number, number];
  lr: number;
  /** Fractions of `iterations` where the lr is multiplied by gamma. */
  milestones: number[];
  gamma: number;
}

export interface StereoObjective {
  loss: StereoLoss;
  /** f_u·B (px·m) of the world. */
  fb: number;
  /** Ground-truth depths that count, [min, max] (m). */
  range: [number, number];
  /** Depth cap when converting a disparity to depth (m). */
  capDepth: number;
  /** Weight of the coarse (pre-refinement) output's loss. */
  coarseWeight: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Copies B random aligned crops into batch arrays: images [B, 1, h, w], depth [B, h, w]. */
function sampleBatch(data: StereoFrames, args: StereoTrainArgs, rng: ReturnType<typeof createRng>) {
  const { height: H, width: W } = data;
  const h = Math.min(args.crop[0], H), w = Math.min(args.crop[1], W);
  const B = args.batchSize;
  const left = new Float32Array(B * h * w), right = new Float32Array(B * h * w), depth = new Float32Array(B * h * w);
  for (let b = 0; b < B; b++) {
    const frame = rng.nextInt(data.count);
    const y0 = rng.nextInt(H - h + 1), x0 = rng.nextInt(W - w + 1);
    for (let y = 0; y < h; y++) {
      const src = frame * H * W + (y0 + y) * W + x0;
      const dst = (b * h + y) * w;
      left.set(data.left.subarray(src, src + w), dst);
      right.set(data.right.subarray(src, src + w), dst);
      depth.set(data.depth.subarray(src, src + w), dst);
    }
  }
  return { left: torch.tensor(left, [B, 1, h, w]), right: torch.tensor(right, [B, 1, h, w]), depth: torch.tensor(depth, [B, h, w]) };
}

/**
 * Trains `net` in place for args.iterations steps and returns the per-step training losses. Randomness: crops from
 * the JS generator (seed, `stage`), e.g. 'pretrain' or 'finetune'; the caller seeds torch before building the network.
 */
export async function trainStereo(net: TinyStereo, data: StereoFrames, args: StereoTrainArgs, objective: StereoObjective, seed: number, stage: string, ctx: FitContext): Promise<number[]> {
  const rng = createRng(seed, `stereo-crops:${stage}`);
  const label = stage;
  const optimizer = new torch.optim.Adam(net.parameters(), { lr: args.lr });
  const losses: number[] = [];
  const report = Math.max(1, Math.round(args.iterations / 20));
  net.train();
  try {
    for (let it = 0; it < args.iterations; it++) {
      ctx.signal?.throwIfAborted();
      optimizer.lr = learningRateAt(args.lr, it, args.iterations, args.milestones, args.gamma);
      const value = torch.tidy(() => {
        const batch = sampleBatch(data, args, rng);
        optimizer.zeroGrad();
        const out = net.predict(batch.left, batch.right);
        let loss = stereoLoss(objective.loss, out.disparity, batch.depth, objective.fb, objective.range, objective.capDepth);
        if (objective.coarseWeight > 0 && net.arch.refine > 0) {
          loss = loss.add(stereoLoss(objective.loss, out.coarse, batch.depth, objective.fb, objective.range, objective.capDepth).mul(objective.coarseWeight));
        }
        loss.backward();
        optimizer.step();
        return loss.item();
      });
      losses.push(value);
      if ((it + 1) % report === 0) {
        const recent = losses.slice(-report);
        ctx.onProgress?.({ model: `${ctx.model}:${label}`, seed: ctx.seed, epoch: it + 1, epochs: args.iterations, loss: recent.reduce((a, b) => a + b, 0) / recent.length });
      }
      await yieldToEventLoop();
    }
  } finally {
    optimizer.dispose();
    net.eval();
  }
  return losses;
}

/** Disparity [n, H, W] (image px) of every frame, in chunks, without gradients. */
export function predictDisparity(net: TinyStereo, left: Float32Array, right: Float32Array, n: number, H: number, W: number, chunk = 4): Float32Array {
  const out = new Float32Array(n * H * W);
  net.eval();
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    const values = torch.tidy(() => torch.noGrad(() => {
      const l = torch.tensor(left.subarray(start * H * W, (start + m) * H * W), [m, 1, H, W]);
      const r = torch.tensor(right.subarray(start * H * W, (start + m) * H * W), [m, 1, H, W]);
      return net.predict(l, r).disparity.toTypedArray() as Float32Array;
    }));
    out.set(values, start * H * W);
    torch.trimMemory(); // full-image chunks fragment glibc's heap: without this, RSS grew ~26 MB per frame at downsample 1
  }
  return out;
}
