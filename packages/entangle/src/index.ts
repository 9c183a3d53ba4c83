export * from './core/types.js';
export * from './core/errors.js';
export * from './core/suggest.js';
export * from './registry/index.js';
