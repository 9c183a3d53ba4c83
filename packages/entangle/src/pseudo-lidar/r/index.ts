// r, the pseudo-LiDAR generator as a learner (kind 'pseudo-lidar') with its test loss; importing registers both.
export * from './organized.js';
export * from './learner.js';
export * from './loss.js';
