export * from './spec.js';
export * from './system.js';
export * from './update.js';
export * from './job-key.js';
export * from './inputs.js';
export { validateDeclaration } from './validate.js';
export { predictionSets } from './prediction-sets.js';
