// Pseudo-LiDAR generator r and the paper's point-cloud settings (see docs/pseudo-lidar.md).
export * from './backproject.js';
export * from './filters.js';
export * from './settings.js';
export * from './frustum.js';
