// The generated stereo driving world (see docs/pseudo-lidar.md).
export * from './frame.js';
export * from './dataset.js';
export * from './rng.js';
export * from './png.js';
export * from './figures.js';
export { sampleScene, type SceneOptions } from './sample-scene.js';
export type { Scene, PlacedObject, Primitive, Street, Lighting, Material } from './scene.js';
export { occlusionLevel } from './labels.js';
