// Image transforms on DigitData: padding, bilinear resizing, channel replication, normalization.
import { type DigitData, deriveVersion, makeDigitData } from './digits.js';
import { DataError } from './errors.js';

/** Per-channel statistics used by `normalize`. */
export interface ChannelStats {
  mean: number[];
  std: number[];
}

/** CIFAR-10 statistics, which the reference code applies to SVHN (data_prepare.py). */
export const CIFAR10_STATS: ChannelStats = { mean: [0.4914, 0.4822, 0.4465], std: [0.2023, 0.1994, 0.201] };
/** The usual MNIST statistics (mean and std of the 60k training pixels of the original files). */
export const MNIST_STATS: ChannelStats = { mean: [0.1307], std: [0.3081] };

function withImages(data: DigitData, images: Float32Array, shape: DigitData['shape'], op: string, params: unknown): DigitData {
  return makeDigitData({
    images,
    shape,
    labels: data.labels,
    trueLabels: data.trueLabels,
    origin: data.origin,
    source: data.source,
    version: deriveVersion(data.version, op, params),
  });
}

/** Adds `amount` pixels of `fill` on every side (torchvision Pad with constant fill): 28x28 -> 32x32 for amount 2. */
export function pad(data: DigitData, amount: number, fill = 0): DigitData {
  if (!Number.isInteger(amount) || amount < 0) throw new DataError(`pad: amount must be a non-negative integer, got ${amount}.`);
  const [n, c, h, w] = data.shape;
  const H = h + 2 * amount, W = w + 2 * amount;
  const out = new Float32Array(n * c * H * W).fill(fill);
  for (let p = 0; p < n * c; p++) {
    for (let i = 0; i < h; i++) {
      out.set(data.images.subarray((p * h + i) * w, (p * h + i + 1) * w), (p * H + i + amount) * W + amount);
    }
  }
  return withImages(data, out, [n, c, H, W], 'pad', { amount, fill });
}

/**
 * Bilinear resize with half-pixel centres and edge clamping (torch `interpolate(mode='bilinear',
 * align_corners=False)` without antialiasing): source coordinate = (dst + 0.5) * in/out - 0.5.
 */
export function resize(data: DigitData, height: number, width: number): DigitData {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new DataError(`resize: size must be positive integers, got ${height}x${width}.`);
  }
  const [n, c, h, w] = data.shape;
  const rows = axisWeights(h, height), cols = axisWeights(w, width);
  const out = new Float32Array(n * c * height * width);
  for (let p = 0; p < n * c; p++) {
    const src = p * h * w, dst = p * height * width;
    for (let i = 0; i < height; i++) {
      const r0 = src + rows.lo[i] * w, r1 = src + rows.hi[i] * w, fy = rows.frac[i];
      for (let j = 0; j < width; j++) {
        const lo = cols.lo[j], hi = cols.hi[j], fx = cols.frac[j];
        const top = data.images[r0 + lo] * (1 - fx) + data.images[r0 + hi] * fx;
        const bottom = data.images[r1 + lo] * (1 - fx) + data.images[r1 + hi] * fx;
        out[dst + i * width + j] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return withImages(data, out, [n, c, height, width], 'resize-bilinear', { height, width });
}

function axisWeights(inSize: number, outSize: number) {
  const lo = new Int32Array(outSize), hi = new Int32Array(outSize), frac = new Float64Array(outSize);
  const scale = inSize / outSize;
  for (let k = 0; k < outSize; k++) {
    const x = Math.max(0, (k + 0.5) * scale - 0.5);
    lo[k] = Math.min(Math.floor(x), inSize - 1);
    hi[k] = Math.min(lo[k] + 1, inSize - 1);
    frac[k] = x - lo[k];
  }
  return { lo, hi, frac };
}

/** Replicates a single grayscale channel `channels` times (what ResNet's 3-channel stem needs). */
export function grayToChannels(data: DigitData, channels = 3): DigitData {
  const [n, c, h, w] = data.shape;
  if (c !== 1) throw new DataError(`grayToChannels: images already have ${c} channels (${data.source}); expected 1.`);
  const per = h * w;
  const out = new Float32Array(n * channels * per);
  for (let i = 0; i < n; i++) {
    const plane = data.images.subarray(i * per, (i + 1) * per);
    for (let k = 0; k < channels; k++) out.set(plane, (i * channels + k) * per);
  }
  return withImages(data, out, [n, channels, h, w], 'gray-to-channels', { channels });
}

/** x <- (x - mean[c]) / std[c] per channel (torchvision Normalize). */
export function normalize(data: DigitData, stats: ChannelStats): DigitData {
  const [n, c, h, w] = data.shape;
  if (stats.mean.length !== c || stats.std.length !== c) {
    throw new DataError(
      `normalize: images have ${c} channel(s) but mean/std have ${stats.mean.length}/${stats.std.length} entries (${data.source}).`,
    );
  }
  if (stats.std.some((s) => !(s > 0))) throw new DataError(`normalize: every std must be > 0, got [${stats.std.join(', ')}].`);
  const per = h * w;
  const out = new Float32Array(data.images.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < c; k++) {
      const base = (i * c + k) * per, m = stats.mean[k], s = stats.std[k];
      for (let p = 0; p < per; p++) out[base + p] = (data.images[base + p] - m) / s;
    }
  }
  return withImages(data, out, data.shape, 'normalize', stats);
}

/** Per-channel mean and population std (ddof 0) over all pixels, for use with `normalize`. */
export function channelStats(data: DigitData): ChannelStats {
  const [n, c, h, w] = data.shape;
  const per = h * w, count = n * per;
  const mean: number[] = [], std: number[] = [];
  for (let k = 0; k < c; k++) {
    let sum = 0, sumSq = 0;
    for (let i = 0; i < n; i++) {
      const base = (i * c + k) * per;
      for (let p = 0; p < per; p++) {
        const v = data.images[base + p];
        sum += v;
        sumSq += v * v;
      }
    }
    const m = sum / count;
    mean.push(m);
    std.push(Math.sqrt(Math.max(0, sumSq / count - m * m)));
  }
  return { mean, std };
}
