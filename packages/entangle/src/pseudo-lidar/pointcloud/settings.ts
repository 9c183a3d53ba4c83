// The three point-cloud settings of the paper (§5 cars, §5 pedestrians, App. A pedestrians) as plain data.
import type { StereoCalibration } from '../geometry/calib.js';
import type { KittiObject } from '../kitti/label.js';
import { filterByRange, type RangeFilter } from '../kitti/range.js';
import { depthToPointCloud, type BackProjectOptions, type PointCloud } from './backproject.js';
import { filterPointCloud, type CloudFilter } from './filters.js';

export type PseudoLidarSetting = 'section5-car' | 'section5-pedestrian' | 'appendixA-pedestrian';

export interface PseudoLidarSettingSpec {
  /** Cuts applied to the cloud before the detector sees it. */
  filter: CloudFilter;
  /** Ground truth the detector is trained on and evaluated against (undefined: all distances). */
  trainRange?: RangeFilter;
  evaluationRange?: RangeFilter;
  /** Detections outside this range are removed after detection (App. A). */
  detectionRange?: RangeFilter;
  description: string;
}

export const PSEUDO_LIDAR_SETTINGS: Record<PseudoLidarSetting, PseudoLidarSettingSpec> = {
  'section5-car': {
    filter: { maxHeight: 1 },
    description: '§5 cars: winsorized (points more than 1 m above the camera removed), all distances.',
  },
  'section5-pedestrian': {
    filter: { maxHeight: 1, maxForward: 20 },
    trainRange: { max: 20, measure: 'z' },
    evaluationRange: { max: 20, measure: 'z' },
    description: '§5 pedestrians: winsorized and points farther than 20 m removed; pedestrians ≤ 20 m trained and evaluated.',
  },
  'appendixA-pedestrian': {
    filter: {},
    evaluationRange: { max: 20, measure: 'z' },
    detectionRange: { max: 20, measure: 'z' },
    description: 'App. A pedestrians: no cuts, trained on all distances; detections beyond 20 m removed afterwards; ≤ 20 m evaluated.',
  },
};

/** r(d) for a setting: back-projection followed by the setting's cuts. */
export function pseudoLidar(
  depth: Float32Array, calib: StereoCalibration, setting: PseudoLidarSetting, options: BackProjectOptions = {},
): PointCloud {
  return filterPointCloud(depthToPointCloud(depth, calib, options), PSEUDO_LIDAR_SETTINGS[setting].filter);
}

/** Applies a setting's post-hoc detection cut (identity when the setting has none). */
export function postProcessDetections(detections: KittiObject[], setting: PseudoLidarSetting): KittiObject[] {
  const range = PSEUDO_LIDAR_SETTINGS[setting].detectionRange;
  return range === undefined ? detections : filterByRange(detections, range);
}
