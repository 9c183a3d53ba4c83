export * from './stats/index.js';
export * from './verdict.js';
export * from './events.js';
export * from './plan.js';
export * from './run-plan.js';
export * from './train-system.js';
export * from './evaluate-update.js';
export * from './artifacts.js';
