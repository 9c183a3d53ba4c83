// Test losses; importing this module registers every one of them by kind.
export { zeroOne } from './zero-one.js';
export { mse, mae } from './elementwise.js';
export { nearestNeighbourError } from './nearest-neighbour.js';
export { slice, registerSlicePredicate, sliceDataset, type SlicePredicate } from './slice.js';
export { predictedLabels } from './read.js';
export { checkLoss } from './check.js';
