// u, the stereo depth model (learner 'stereo-depth') and the 'disparity-mae' test loss; importing registers both.
export * from './network.js';
export * from './objective.js';
export * from './train.js';
export * from './metrics.js';
export * from './object-depth-error.js';
export * from './cache.js';
export * from './learner.js';
export * from './test-losses.js';
