// The pseudo-LiDAR scenarios, systems and datasets; importing registers 'pseudo-lidar' and 'pseudo-lidar-near'.
export * from './splits.js';
export * from './datasets.js';
export * from './systems.js';
export * from './measure.js';
export * from './report.js';
export * from './presets.js';
export * from './scenarios.js';
