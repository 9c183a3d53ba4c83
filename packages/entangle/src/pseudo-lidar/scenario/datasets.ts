// entangle Datasets of the generated world: stereo pair, ground-truth depth and disparity, KITTI labels.
import { makeDataset } from '../../core/dataset.js';
import type { Dataset } from '../../core/types.js';
import { loadSplit, type SplitData, type WorldSplit } from './splits.js';

/**
 * Fields `left`, `right` [n, 1, H, W] (grayscale in [0, 1]), `depth`, `disparity` [n, H, W] (m, px) and the records
 * column `labels` (KittiObject[] per frame). The version is the split's fingerprint (spec, options, first frame),
 * which identifies the content because frames are a pure function of (seed, index, options).
 */
export function splitToDataset(data: SplitData): Dataset {
  const { count: n, height: H, width: W } = data;
  return makeDataset({
    fields: {
      left: { shape: [n, 1, H, W], data: data.left },
      right: { shape: [n, 1, H, W], data: data.right },
      depth: { shape: [n, H, W], data: data.depth },
      disparity: { shape: [n, H, W], data: data.disparity },
    },
    records: { labels: data.labels },
    version: `pseudo-lidar-world:${data.fingerprint}`,
  });
}

/** The dataset of a split, rendered or read from `cacheDir` (null: no disk cache). */
export function worldDataset(split: WorldSplit, cacheDir: string | null, log?: (line: string) => void): Dataset {
  return splitToDataset(loadSplit(split, cacheDir, log));
}
