// Camera geometry, 3D boxes and convex polygons in KITTI conventions (see docs/pseudo-lidar.md).
export * from './calib.js';
export * from './box3d.js';
export * from './polygon.js';
