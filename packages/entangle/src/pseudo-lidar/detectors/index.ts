// The 3D detectors v (cars) and w (pedestrians) on pseudo-LiDAR and their test loss; importing this module
// registers learners 'bev-detector' and 'frustum-detector' and loss 'kitti-ap' (docs/detectors.md).
export { bevDetector, bevDetectorArgsSchema, BEV_DEFAULTS, BEV_DETECTOR, resolveBevArgs, type BevDetectorArgs } from './bev/learner.js';
export { frustumDetector, frustumDetectorArgsSchema, FRUSTUM_DEFAULTS, FRUSTUM_DETECTOR, type FrustumDetectorArgs } from './frustum/learner.js';
export { kittiAp, kittiApArgsSchema, kittiApSummary, cutDetections, predictedDetections, KITTI_AP, type KittiApArgs, type KittiApOptions, type KittiApSummary } from './kitti-ap-loss.js';
export { rasterize, gridSize, checkGrid, BEV_CHANNELS, HEIGHT_SLICES, type BevGrid } from './bev/grid.js';
export { CLASS_MEAN_SIZE, DETECTOR_CLASSES, type DetectorClass } from './common/classes.js';
export { framePoints } from './common/cloud-input.js';
export { DetectorModel } from './common/detector-model.js';
