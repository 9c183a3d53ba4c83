// Test fixtures: generated frames turned into the detectors' inputs (organized oracle-depth clouds) and targets.
import type { Inputs, TrainSet } from '../../../src/core/types.js';
import { kittiCalibration } from '../../../src/pseudo-lidar/geometry/calib.js';
import type { KittiObject } from '../../../src/pseudo-lidar/kitti/label.js';
import { organizedCloud, type CloudSetting } from '../../../src/pseudo-lidar/r/organized.js';
import { generateFrame } from '../../../src/pseudo-lidar/world/frame.js';

export interface DetectorData {
  /** Organized clouds [n, 3, H, W], NaN where a point is dropped (the contract of r). */
  cloud: { shape: number[]; data: Float32Array };
  labels: KittiObject[][];
}

/** Frames first..first+n−1 of world `seed` at scale s, as r emits them from the ground-truth depth (oracle y). */
export function oracleFrames(seed: number, first: number, n: number, scale = 0.25, setting: CloudSetting = 'section5-car'): DetectorData {
  const calib = kittiCalibration(scale);
  const H = calib.height, W = calib.width, plane = H * W;
  const depth = new Float32Array(n * plane);
  const labels: KittiObject[][] = [];
  for (let i = 0; i < n; i++) {
    const f = generateFrame(seed, first + i, { scale });
    depth.set(f.depth, i * plane);
    labels.push(f.labels);
  }
  return { cloud: { shape: [n, 3, H, W], data: organizedCloud(depth, n, calib, setting) }, labels };
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
