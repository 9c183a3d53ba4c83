export * from './store.js';
export * from './artifacts.js';
export * from './codec.js';
