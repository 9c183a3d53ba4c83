// Test fixtures: generated frames turned into the detectors' inputs (organized oracle-depth clouds) and targets.
import type { Inputs, TrainSet } from '../../../src/core/types.js';
import { kittiCalibration } from '../../../src/pseudo-lidar/geometry/calib.js';
import type { KittiObject } from '../../../src/pseudo-lidar/kitti/label.js';
import { depthToPointCloud } from '../../../src/pseudo-lidar/pointcloud/backproject.js';
import { filterPointCloud, type CloudFilter } from '../../../src/pseudo-lidar/pointcloud/filters.js';
import { generateFrame } from '../../../src/pseudo-lidar/world/frame.js';

export interface DetectorData {
  /** Organized clouds [n, 3, H, W], NaN where a point is dropped (the contract of r). */
  cloud: { shape: number[]; data: Float32Array };
  labels: KittiObject[][];
}

/** Frames first..first+n−1 of world `seed` at scale s, as r would emit them from the ground-truth depth. */
export function oracleFrames(seed: number, first: number, n: number, scale = 0.25, filter: CloudFilter = { maxHeight: 1 }): DetectorData {
  const calib = kittiCalibration(scale);
  const H = calib.height, W = calib.width, plane = H * W;
  const data = new Float32Array(n * 3 * plane).fill(Number.NaN);
  const labels: KittiObject[][] = [];
  for (let i = 0; i < n; i++) {
    const f = generateFrame(seed, first + i, { scale });
    const cloud = filterPointCloud(depthToPointCloud(f.depth, calib), filter);
    for (let k = 0; k < cloud.count; k++) {
      const p = cloud.pixel[k];
      for (let c = 0; c < 3; c++) data[(i * 3 + c) * plane + p] = cloud.xyz[3 * k + c];
    }
    labels.push(f.labels);
  }
  return { cloud: { shape: [n, 3, H, W], data }, labels };
}

/** The inputs a detector sees: r's block (and, for frustum detectors, the labels as a records block first). */
export function detectorInputs(d: DetectorData, withLabels = false): Inputs {
  const blocks: Inputs['blocks'] = [];
  if (withLabels) blocks.push({ name: 'labels', kind: 'records', value: { kind: 'records', items: d.labels } });
  blocks.push({ name: 'r_car', kind: 'points', value: d.cloud });
  return { size: d.labels.length, blocks };
}

export function detectorTrainSet(d: DetectorData, withLabels = false): TrainSet {
  return { inputs: detectorInputs(d, withLabels), target: { kind: 'records', items: d.labels } };
}
