import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dontCare, formatKittiLabels, KittiParseError, kittiDifficulty, parseKittiLabels, type KittiObject,
} from '../../src/pseudo-lidar/kitti/index.js';

const car: KittiObject = {
  type: 'Car', truncated: 0, occluded: 0, alpha: -1.57, bbox: [587.01, 173.33, 614.12, 200.12],
  dimensions: [1.65, 1.67, 3.64], location: [-0.65, 1.71, 46.7], rotationY: -1.59,
};

test('writer and parser round-trip a label file, including a DontCare line and a scored detection', () => {
  const objs: KittiObject[] = [car, dontCare([10, 20, 30, 40]), { ...car, type: 'Pedestrian', score: 0.8765 }];
  const text = formatKittiLabels(objs);
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'Car 0.00 0 -1.57 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59');
  assert.equal(lines[1], 'DontCare -1.00 -1 -10.00 10.00 20.00 30.00 40.00 -1.00 -1.00 -1.00 -1000.00 -1000.00 -1000.00 -10.00');
  assert.equal(lines[2].split(' ').length, 16);
  const back = parseKittiLabels(text);
  assert.deepEqual(back[0], car);
  assert.deepEqual(back[1], dontCare([10, 20, 30, 40]));
  assert.equal(back[2].score, 0.8765);
});

test('parser errors name the line and the field', () => {
  const good = 'Car 0.00 0 -1.57 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59';
  const check = (text: string, pattern: RegExp): void => {
    assert.throws(() => parseKittiLabels(text, 'val/000007.txt'), (e: unknown) => {
      assert.ok(e instanceof KittiParseError, String(e));
      assert.match((e as Error).message, pattern);
      return true;
    });
  };
  check(`${good}\n\n${good.replace('1.67', '-0.5')}`, /val\/000007\.txt line 3, field 'width w': expected a positive size/);
  check(good.replace('3.64', '0'), /line 1, field 'length l'/);
  check(good.replace(' 1.65 ', ' abc '), /line 1, field 'height h': expected a finite number, got 'abc'/);
  check(good.replace('Car 0.00 0', 'Car 0.00 4'), /field 'occluded'/);
  check(good.replace('Car 0.00', 'Car 1.50'), /field 'truncated'/);
  check(good + ' 0.5 7', /line 1: expected 15 fields \(16 with a score\), got 17/);
  check(good.replace('587.01 173.33 614.12', '587.01 173.33 500.00'), /field 'bbox right'/);
});

test('difficulty follows the devkit thresholds, scaled by the image scale', () => {
  assert.equal(kittiDifficulty(car), 'moderate'); // 26.79 px tall: ≥ 25 but < 40
  const tall = { ...car, bbox: [0, 100, 50, 141] as [number, number, number, number] };
  assert.equal(kittiDifficulty(tall), 'easy');
  assert.equal(kittiDifficulty({ ...tall, occluded: 1 }), 'moderate');
  assert.equal(kittiDifficulty({ ...tall, truncated: 0.2 }), 'moderate');
  assert.equal(kittiDifficulty({ ...tall, truncated: 0.4 }), 'hard');
  assert.equal(kittiDifficulty({ ...tall, occluded: 2 }), 'hard');
  assert.equal(kittiDifficulty({ ...tall, occluded: 3 }), null);
  assert.equal(kittiDifficulty({ ...tall, truncated: 0.6 }), null);
  const short = { ...car, bbox: [0, 100, 50, 130] as [number, number, number, number] }; // 30 px
  assert.equal(kittiDifficulty(short), 'moderate');
  assert.equal(kittiDifficulty({ ...car, bbox: [0, 100, 50, 124] }), null); // 24 px
  assert.equal(kittiDifficulty({ ...car, bbox: [0, 100, 20, 110.5] }, 0.25), 'easy'); // 10.5 ≥ 40·0.25
});
