// TinyStereo: shared 2D features at 1/k resolution, a correlation cost volume, 2D aggregation over the cost
// volume as channels, soft-argmin, and an optional full-resolution residual refinement. No 3D convolutions.
import * as torch from '@entangle/torch';

const F = torch.nn.functional;

/** Architecture hyper-parameters (plain data; part of the learner's args). */
export interface StereoArch {
  /** Feature resolution divisor k (1, 2 or 4): features and the cost volume live at 1/k of the image. */
  downsample: 1 | 2 | 4;
  /** Disparity bins at feature resolution; the largest disparity is (bins − 1)·k image pixels. */
  bins: number;
  /** Feature channels. */
  features: number;
  /** Aggregation channels. */
  aggregation: number;
  /** 2: the aggregation runs on the 2×2-averaged cost volume and features, and its logits are upsampled back before
   * the cost skip, so matching keeps the feature resolution while the aggregation costs a quarter (absent = 1). */
  aggregationDownsample?: 1 | 2;
  /** Dilations of the aggregation's residual 3×3 convolutions. */
  dilations: number[];
  /** Channels of the full-resolution refinement (0 = no refinement). */
  refine: number;
  /** 'dot': mean_ch fl·fr; 'cosine': Σ_ch fl·fr of features scaled to unit length per pixel (cos θ ∈ [−1, 1]). */
  correlation: 'dot' | 'cosine';
  /** Add the cost volume, times a learned temperature (initially 10), to the logits: matching drives the
   * soft-argmin from the first step and the aggregation learns a correction. */
  costSkip: boolean;
}

export const DEFAULT_ARCH: StereoArch = { downsample: 2, bins: 24, features: 16, aggregation: 32, dilations: [1, 2, 4, 8, 1], refine: 0, correlation: 'dot', costSkip: false };

/** A 3×3 convolution with 'same' padding and a dilation (weights initialised as torch's Conv2d). */
class Conv3 extends torch.nn.Module {
  readonly conv: torch.nn.Conv2d;
  constructor(inC: number, outC: number, readonly dilation = 1, readonly stride = 1) {
    super();
    this.conv = this.registerModule('conv', new torch.nn.Conv2d(inC, outC, 3, { stride, padding: dilation }));
  }
  forward(x: torch.Tensor): torch.Tensor {
    return F.conv2d(x, this.conv.weight, this.conv.bias ?? undefined, { stride: this.stride, padding: this.dilation, dilation: this.dilation });
  }
}

const act = (x: torch.Tensor): torch.Tensor => F.leakyRelu(x, 0.1);

/** Shared feature extractor: image [B, 1, H, W] → features [B, C, ⌈H/k⌉, ⌈W/k⌉]. */
class FeatureNet extends torch.nn.Module {
  readonly layers: Conv3[] = [];
  constructor(arch: StereoArch) {
    super();
    const c = arch.features;
    const specs: [number, number, number, number][] = [[1, c, 1, arch.downsample === 1 ? 1 : 2]];
    if (arch.downsample === 4) specs.push([c, c, 1, 2]);
    specs.push([c, c, 1, 1], [c, c, 2, 1], [c, c, 1, 1]);
    specs.forEach(([i, o, d, s], j) => this.layers.push(this.registerModule(`conv${j}`, new Conv3(i, o, d, s))));
  }
  forward(x: torch.Tensor): torch.Tensor {
    let h = x;
    this.layers.forEach((layer, j) => {
      h = layer.forward(h);
      if (j < this.layers.length - 1) h = act(h);
    });
    return h;
  }
}

/**
 * Correlation cost volume: c[b, d, y, x] = mean_ch fl[b, ch, y, x] · fr[b, ch, y, x − d] for d = 0..D−1
 * (the sum over channels with reduce = 'sum'), 0 where x − d < 0. Shape [B, D, h, w].
 */
export function correlation(fl: torch.Tensor, fr: torch.Tensor, bins: number, reduce: 'mean' | 'sum' = 'mean'): torch.Tensor {
  const w = fl.shape[3];
  const slices: torch.Tensor[] = [];
  for (let d = 0; d < bins; d++) {
    if (d >= w) {
      slices.push(torch.zeros([fl.shape[0], fl.shape[2], w]));
      continue;
    }
    const product = torch.narrow(fl, 3, d, w - d).mul(torch.narrow(fr, 3, 0, w - d));
    const prod = reduce === 'mean' ? product.mean({ dim: 1 }) : product.sum({ dim: 1 });
    slices.push(d === 0 ? prod : F.pad(prod, [d, 0], { mode: 'constant', value: 0 }));
  }
  return torch.stack(slices, 1);
}

/** The stereo network; `forward` returns disparity in image pixels, [B, H, W] (refined) and the coarse one. */
export class TinyStereo extends torch.nn.Module {
  readonly featureNet: FeatureNet;
  readonly aggIn: Conv3;
  readonly agg: Conv3[] = [];
  readonly aggOut: Conv3;
  readonly refine: Conv3[] = [];
  readonly temperature: torch.Tensor | null;

  constructor(readonly arch: StereoArch) {
    super();
    this.temperature = arch.costSkip ? this.registerParameter('temperature', torch.full([1], 10)) : null;
    this.featureNet = this.registerModule('features', new FeatureNet(arch));
    this.aggIn = this.registerModule('aggIn', new Conv3(arch.bins + arch.features, arch.aggregation));
    arch.dilations.forEach((d, j) => this.agg.push(this.registerModule(`agg${j}`, new Conv3(arch.aggregation, arch.aggregation, d))));
    this.aggOut = this.registerModule('aggOut', new Conv3(arch.aggregation, arch.bins));
    if (arch.refine > 0) {
      const r = arch.refine;
      [[2, r, 1], [r, r, 2], [r, r, 4], [r, r, 1], [r, 1, 1]].forEach(([i, o, d], j) => this.refine.push(this.registerModule(`refine${j}`, new Conv3(i, o, d))));
    }
  }

  /** left, right: [B, 1, H, W] in [0, 1]. Returns { disparity, coarse }, both [B, H, W] image pixels. */
  predict(left: torch.Tensor, right: torch.Tensor): { disparity: torch.Tensor; coarse: torch.Tensor } {
    const [, , H, W] = left.shape;
    const k = this.arch.downsample;
    const norm = (x: torch.Tensor) => x.sub(0.5).mul(4);
    let fl = this.featureNet.forward(norm(left));
    let fr = this.featureNet.forward(norm(right));
    if (this.arch.correlation === 'cosine') {
      const unit = (f: torch.Tensor) => f.div(f.pow(2).sum({ dim: 1, keepdim: true }).add(1e-6).sqrt());
      fl = unit(fl);
      fr = unit(fr);
    }
    const cost = correlation(fl, fr, this.arch.bins, this.arch.correlation === 'cosine' ? 'sum' : 'mean');
    const pooled = this.arch.aggregationDownsample === 2;
    const input = torch.cat([cost, fl], 1);
    let h = act(this.aggIn.forward(pooled ? F.avgPool2d(input, { kernel: 2 }) : input));
    for (const layer of this.agg) h = h.add(act(layer.forward(h)));
    let low = this.aggOut.forward(h);
    if (pooled) low = F.interpolate(low, { size: [cost.shape[2], cost.shape[3]], mode: 'bilinear', alignCorners: false });
    if (this.temperature !== null) low = low.add(cost.mul(this.temperature));
    const logits = F.interpolate(low, { size: [H, W], mode: 'bilinear', alignCorners: false });
    const p = F.softmax(logits, 1);
    const values = torch.arange(0, this.arch.bins, 1, { dtype: 'float32' }).mul(k).reshape([1, this.arch.bins, 1, 1]);
    const coarse = p.mul(values).sum({ dim: 1 });
    if (this.refine.length === 0) return { disparity: coarse, coarse };
    let r = torch.cat([coarse.unsqueeze(1).div(this.arch.bins * k), norm(left)], 1);
    this.refine.forEach((layer, j) => {
      r = layer.forward(r);
      if (j < this.refine.length - 1) r = act(r);
    });
    return { disparity: coarse.add(r.squeeze(1)), coarse };
  }

  forward(x: torch.Tensor): torch.Tensor {
    return this.predict(torch.narrow(x, 1, 0, 1), torch.narrow(x, 1, 1, 1)).disparity;
  }
}
