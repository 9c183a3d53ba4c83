export * from './core/types.js';
export * from './core/errors.js';
export * from './core/suggest.js';
export * from './registry/index.js';
export * from './core/canonical-json.js';
export * from './core/dataset.js';
export * from './system/index.js';
export * from './store/index.js';
