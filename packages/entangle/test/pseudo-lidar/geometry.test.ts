import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  boxCorners, countPointsInBox, headingVector, kittiCalibration, normalizeAngle, observationAngle, projectBox, projectToImage,
  type Box3D,
} from '../../src/pseudo-lidar/geometry/index.js';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) < eps, `${a} vs ${b}`);

test('KITTI calibration scaled by s, with f_u·B = 389.6·s', () => {
  const c = kittiCalibration(0.5);
  assert.equal(c.width, 621);
  assert.equal(c.height, 188);
  close(c.fu * c.baseline, 721.5377 * 0.5 * 0.54);
  close(c.P3[3], -c.fu * 0.54);
  assert.throws(() => kittiCalibration(0), /scale must be in \(0, 4\], got 0/);
});

test('corners follow the PointRCNN layout: length along x at ry = 0, along z at ry = π/2', () => {
  const b: Box3D = { dimensions: [1.5, 2, 4], location: [1, 1.65, 10], rotationY: 0 };
  const c = boxCorners(b);
  assert.deepEqual([c[0], c[1], c[2]], [3, 1.65, 11]); // (l/2, 0, w/2)
  close(c[3 * 4 + 1], 0.15); // top corners at y − h
  const r = boxCorners({ ...b, rotationY: Math.PI / 2 });
  close(r[0], 2); // x = cos·l/2 + sin·w/2 = 1 + 1
  close(r[2], 8); // z = −sin·l/2 + cos·w/2 + 10
  const [hx, hz] = headingVector(Math.PI / 2);
  close(hx, 0);
  close(hz, -1); // ry = π/2 faces the camera
});

test('alpha = ry − atan2(x, z), wrapped', () => {
  close(observationAngle({ dimensions: [1, 1, 1], location: [10, 1.65, 10], rotationY: 0 }), -Math.PI / 4);
  close(normalizeAngle(3 * Math.PI / 2), -Math.PI / 2);
  close(normalizeAngle(-Math.PI), Math.PI);
});

test('projected box: truncation is the share of the projected extent outside the image', () => {
  const c = kittiCalibration(0.25);
  const inside = projectBox({ dimensions: [1.5, 1.6, 3.9], location: [0, 1.65, 20], rotationY: Math.PI / 2 }, c);
  assert.ok(inside !== null && inside.clipped !== null);
  assert.equal(inside.truncation, 0);
  const [u, v] = projectToImage(0, 1.65, 20 - 3.9 / 2, c); // bottom of the near face
  close(inside.full[3], v, 1e-9);
  close(u, c.cu, 1e-9);
  // principal point on the image's left edge: a box centred on the optical axis is cut in half
  const edge = { ...c, cu: -0.5 };
  const half = projectBox({ dimensions: [1.5, 1.6, 3.9], location: [0, 1.65, 20], rotationY: Math.PI / 2 }, edge);
  close(half!.truncation, 0.5, 1e-9);
  const behind = projectBox({ dimensions: [1.5, 1.6, 3.9], location: [0, 1.65, -10], rotationY: 0 }, c);
  assert.equal(behind, null);
  const outside = projectBox({ dimensions: [1.5, 1.6, 3.9], location: [-60, 1.65, 10], rotationY: 0 }, c);
  assert.equal(outside!.clipped, null);
  assert.equal(outside!.truncation, 1);
});

test('points in a rotated box', () => {
  const b: Box3D = { dimensions: [2, 1, 4], location: [0, 1.65, 10], rotationY: Math.PI / 2 };
  // length runs along z: (0, 1, 11.9) inside, (1.9, 1, 10) outside (width 1)
  assert.equal(countPointsInBox(b, [0, 1, 11.9, 1.9, 1, 10, 0, -0.4, 10, 0, 1.7, 10]), 1);
});
