import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bevIoU, imageIoU, iou3d, type KittiObject } from '../../src/pseudo-lidar/kitti/index.js';
import { clipConvex, convexIntersectionArea, polygonArea } from '../../src/pseudo-lidar/geometry/polygon.js';

function box(x: number, y: number, z: number, h: number, w: number, l: number, ry = 0): KittiObject {
  return { type: 'Car', truncated: 0, occluded: 0, alpha: 0, bbox: [0, 0, 10, 50], dimensions: [h, w, l], location: [x, y, z], rotationY: ry };
}

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

test('identical boxes have IoU 1 in BEV and 3D', () => {
  const a = box(2, 1.65, 20, 1.5, 1.6, 3.9, 0.3);
  close(bevIoU(a, a), 1);
  close(iou3d(a, a), 1);
});

test('a box shifted 1 m along its length: inter 3×2 = 6, union 8 + 8 − 6 = 10, IoU 0.6', () => {
  const a = box(0, 1.65, 20, 1.5, 2, 4, 0);
  const b = box(1, 1.65, 20, 1.5, 2, 4, 0);
  close(bevIoU(a, b), 0.6);
  close(iou3d(a, b), 0.6);
  // the same shift along z for a box rotated by 90°: its length now runs along z
  const c = box(0, 1.65, 20, 1.5, 2, 4, Math.PI / 2);
  const d = box(0, 1.65, 21, 1.5, 2, 4, Math.PI / 2);
  close(bevIoU(c, d), 0.6);
});

test('a vertical shift changes 3D IoU only: overlap 1 of 1.5 m → 8 / (12 + 12 − 8) = 0.5', () => {
  const a = box(0, 1.65, 20, 1.5, 2, 4);
  const b = box(0, 1.15, 20, 1.5, 2, 4);
  close(bevIoU(a, b), 1);
  close(iou3d(a, b), 0.5);
});

test('rotating a 4 × 2 box by 90° about its centre: inter 2×2 = 4, union 12, IoU 1/3', () => {
  const a = box(0, 1.65, 20, 1.5, 2, 4, 0);
  const b = box(0, 1.65, 20, 1.5, 2, 4, Math.PI / 2);
  close(bevIoU(a, b), 1 / 3);
  close(iou3d(a, b), 1 / 3);
});

test('a 2 × 2 square rotated by 45°: the octagon 8(√2 − 1) gives IoU 1/√2', () => {
  const a = box(5, 1.65, 10, 1, 2, 2, 0);
  const b = box(5, 1.65, 10, 1, 2, 2, Math.PI / 4);
  close(bevIoU(a, b), Math.SQRT1_2);
});

test('a car heading flip of 90° with KITTI mean sizes gives BEV IoU 0.266 (research notes)', () => {
  const a = box(0, 1.65, 20, 1.53, 1.63, 3.88, 0);
  const b = box(0, 1.65, 20, 1.53, 1.63, 3.88, Math.PI / 2);
  close(bevIoU(a, b), 1.63 * 1.63 / (2 * 1.63 * 3.88 - 1.63 * 1.63), 1e-9);
  assert.equal(bevIoU(a, b).toFixed(3), '0.266');
});

test('disjoint boxes have IoU 0, boxes stacked vertically have 3D IoU 0', () => {
  close(bevIoU(box(0, 1.65, 20, 1.5, 2, 4), box(10, 1.65, 20, 1.5, 2, 4)), 0);
  close(iou3d(box(0, 1.65, 20, 1.5, 2, 4), box(10, 1.65, 20, 1.5, 2, 4)), 0);
  close(bevIoU(box(0, 1.65, 20, 1.5, 2, 4), box(4, 1.65, 20, 1.5, 2, 4)), 0); // touching edges
  close(iou3d(box(0, 1.65, 20, 1.5, 2, 4), box(0, 0.0, 20, 1.5, 2, 4)), 0);
});

test('2D IoU of image boxes', () => {
  close(imageIoU([0, 0, 10, 10], [5, 0, 15, 10]), 50 / 150);
  close(imageIoU([0, 0, 10, 10], [10, 0, 20, 10]), 0);
});

test('polygon clipping handles either vertex order and containment', () => {
  const big = [0, 0, 4, 0, 4, 4, 0, 4];
  const small = [1, 1, 1, 2, 2, 2, 2, 1]; // clockwise
  close(convexIntersectionArea(big, small), 1);
  close(convexIntersectionArea(small, big), 1);
  close(polygonArea(clipConvex(big, [5, 5, 6, 5, 6, 6])), 0);
});
