// KITTI labels, difficulty, overlaps and AP (see docs/kitti-eval.md).
export * from './label.js';
export * from './difficulty.js';
export * from './iou.js';
export * from './range.js';
export * from './statistics.js';
export * from './evaluate.js';
export * from './complete.js';
export * from './bootstrap.js';
