import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kittiCalibration, projectToImage, rectToVelo, veloToRect } from '../../src/pseudo-lidar/geometry/index.js';
import {
  depthToPointCloud, disparityToDepthMap, emptyPointCloud, filterPointCloud, frustumPoints, postProcessDetections, pseudoLidar,
  PSEUDO_LIDAR_SETTINGS, toVelodyne, type PointCloud,
} from '../../src/pseudo-lidar/pointcloud/index.js';
import type { KittiObject } from '../../src/pseudo-lidar/kitti/index.js';

const calib = kittiCalibration(0.25);
const W = calib.width, H = calib.height;

function cloudOf(points: [number, number, number][]): PointCloud {
  return { count: points.length, xyz: Float32Array.from(points.flat()), pixel: Int32Array.from(points.map((_, i) => i)) };
}

test('back-projection inverts the projection: x = (u − c_u)·z/f_u, y = (v − c_v)·z/f_v', () => {
  const depth = new Float32Array(W * H);
  for (let i = 0; i < depth.length; i++) depth[i] = 5 + (i % 97) * 0.5;
  const cloud = depthToPointCloud(depth, calib);
  assert.equal(cloud.count, W * H);
  for (const i of [0, 1234, W * H - 1]) {
    const u = i % W, v = Math.floor(i / W);
    const [x, y, z] = [cloud.xyz[3 * i], cloud.xyz[3 * i + 1], cloud.xyz[3 * i + 2]];
    assert.ok(Math.abs(x - ((u - calib.cu) * z) / calib.fu) < 1e-5);
    assert.ok(Math.abs(y - ((v - calib.cv) * z) / calib.fv) < 1e-5);
    const [pu, pv] = projectToImage(x, y, z, calib);
    assert.ok(Math.abs(pu - u) < 1e-3 && Math.abs(pv - v) < 1e-3, `${pu},${pv} vs ${u},${v}`);
    assert.equal(cloud.pixel[i], i);
  }
});

test('non-finite and non-positive depths are dropped; an all-invalid map gives an empty cloud', () => {
  const depth = new Float32Array(W * H).fill(10);
  depth[0] = Number.NaN;
  depth[1] = Infinity;
  depth[2] = -Infinity;
  depth[3] = 0;
  depth[4] = -3;
  const cloud = depthToPointCloud(depth, calib);
  assert.equal(cloud.count, W * H - 5);
  assert.equal(cloud.pixel[0], 5);
  for (let i = 0; i < 3 * cloud.count; i++) assert.ok(Number.isFinite(cloud.xyz[i]));
  const none = depthToPointCloud(new Float32Array(W * H).fill(Number.NaN), calib);
  assert.equal(none.count, 0);
  assert.equal(none.xyz.length, 0);
  assert.equal(filterPointCloud(none, { maxHeight: 1, maxForward: 20 }).count, 0);
  assert.equal(toVelodyne(emptyPointCloud(), calib).length, 0);
  assert.throws(() => depthToPointCloud(new Float32Array(10), calib), /has 10 values but the calibration is 311 × 94/);
});

test('disparity maps convert to depth with d ≤ 0 marked invalid', () => {
  const disp = new Float32Array(W * H).fill(9.74);
  disp[7] = 0;
  const depth = disparityToDepthMap(disp, calib);
  assert.ok(Math.abs(depth[0] - (calib.fu * 0.54) / 9.74) < 1e-4);
  assert.ok(Number.isNaN(depth[7]));
  assert.equal(depthToPointCloud(depth, calib).count, W * H - 1);
});

test('winsorization drops points 1 m or more above the camera (velodyne z = −y ≥ 1)', () => {
  const c = cloudOf([[0, -0.99, 10], [0, -1.0, 10], [0, -1.5, 10], [0, 1.65, 10]]);
  const kept = filterPointCloud(c, { maxHeight: 1 });
  assert.deepEqual([...kept.pixel], [0, 3]);
  const velo = toVelodyne(c, calib);
  assert.deepEqual([...velo.subarray(0, 4)].map((v) => +v.toFixed(4) + 0), [10, 0, 0.99, 1]);
  const back = [0, 0, 0];
  veloToRect(velo[0], velo[1], velo[2], calib, back);
  assert.deepEqual(back.map((v) => +v.toFixed(4) + 0), [0, -0.99, 10]);
  const v2 = [0, 0, 0];
  rectToVelo(2, 0, 0, calib, v2); // 2 m to the right is 2 m to the velodyne's −y
  assert.deepEqual(v2.map((v) => +v.toFixed(6) + 0), [0, -2, 0]);
});

test('the 20 m cut keeps forward distance z ≤ 20 m regardless of lateral offset', () => {
  const c = cloudOf([[0, 0, 20], [0, 0, 20.01], [15, 0, 19], [0, 0, 3]]);
  assert.deepEqual([...filterPointCloud(c, { maxForward: 20 }).pixel], [0, 2, 3]);
});

test('the paper settings: §5 cuts height (and 20 m for pedestrians); App. A keeps every point and cuts detections', () => {
  const depth = new Float32Array(W * H);
  for (let v = 0; v < H; v++) for (let u = 0; u < W; u++) depth[v * W + u] = 4 + (u % 40);
  const raw = depthToPointCloud(depth, calib);
  const car = pseudoLidar(depth, calib, 'section5-car');
  const ped = pseudoLidar(depth, calib, 'section5-pedestrian');
  const appA = pseudoLidar(depth, calib, 'appendixA-pedestrian');
  assert.equal(appA.count, raw.count);
  assert.ok(car.count < raw.count && ped.count < car.count);
  for (let i = 0; i < car.count; i++) assert.ok(-car.xyz[3 * i + 1] < 1);
  for (let i = 0; i < ped.count; i++) assert.ok(ped.xyz[3 * i + 2] <= 20 && -ped.xyz[3 * i + 1] < 1);
  assert.deepEqual(PSEUDO_LIDAR_SETTINGS['appendixA-pedestrian'].filter, {});
  const det = (z: number): KittiObject => ({
    type: 'Pedestrian', truncated: 0, occluded: 0, alpha: 0, bbox: [0, 0, 10, 30], dimensions: [1.7, 0.6, 0.8],
    location: [1, 1.65, z], rotationY: 0, score: 0.5,
  });
  assert.deepEqual(postProcessDetections([det(5), det(20), det(25)], 'appendixA-pedestrian').map((d) => d.location[2]), [5, 20]);
  assert.equal(postProcessDetections([det(25)], 'section5-pedestrian').length, 1);
});

test('subsampling by stride and by a seeded fraction is deterministic', () => {
  const depth = new Float32Array(W * H).fill(12);
  const s2 = depthToPointCloud(depth, calib, { stride: 2 });
  assert.equal(s2.count, Math.ceil(W / 2) * Math.ceil(H / 2));
  const a = depthToPointCloud(depth, calib, { keepFraction: 0.3, seed: 4 });
  const b = depthToPointCloud(depth, calib, { keepFraction: 0.3, seed: 4 });
  const c = depthToPointCloud(depth, calib, { keepFraction: 0.3, seed: 5 });
  assert.deepEqual(a.pixel, b.pixel);
  assert.notDeepEqual(a.pixel, c.pixel);
  assert.ok(Math.abs(a.count / (W * H) - 0.3) < 0.02);
  assert.throws(() => depthToPointCloud(depth, calib, { stride: 0 }), /stride must be an integer ≥ 1, got 0/);
});

test('frustum selection keeps the points whose pixel lies in the 2D box', () => {
  const depth = new Float32Array(W * H).fill(8);
  const cloud = depthToPointCloud(depth, calib);
  const f = frustumPoints(cloud, [10.5, 20, 12, 21.9], W); // u ∈ {11, 12}, v ∈ {20, 21}
  assert.deepEqual([...f.pixel], [20 * W + 11, 20 * W + 12, 21 * W + 11, 21 * W + 12]);
  assert.ok(Math.abs(f.xyz[0] - ((11 - calib.cu) * 8) / calib.fu) < 1e-5);
  assert.equal(frustumPoints(emptyPointCloud(), [0, 0, 10, 10], W).count, 0);
});
