// Table 2 analogues from per-seed measurements (strict and loose overlaps), the object depth table, oracleSeeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KITTI_MIN_OVERLAPS, type SeedMeasurement } from '../../../src/pseudo-lidar/scenario/measure.js';
import { bootstrapResamples, oracleSeeds } from '../../../src/pseudo-lidar/scenario/run-variants.js';
import { testNoiseTable } from '../../../src/pseudo-lidar/scenario/test-noise.js';
import { apTable, looseApTable, objectDepthTable, PAPER_TABLE2, seedTable, type Variant } from '../../../src/pseudo-lidar/scenario/report.js';

const seed = (s: number, ap3d: number, ap3dLoose: number): SeedMeasurement => ({
  seed: s, depthMae: 1, depthMaeByRange: [1, 1, 1, 1, 1], disparityMae: 0.5, objectDepthMae: { Pedestrian: ap3d / 10 },
  ap: { w_bev: { ap3d, apBev: ap3d + 1, ap3dLoose, apBevLoose: ap3dLoose + 1, numGroundTruth: 10 } },
});
const variant = (label: string, values: [number, number][]): Variant => ({ label, seeds: values.map(([a, b], i) => seed(i, a, b)) });
const variants = {
  u: variant('u', [[4, 24], [5, 26], [6, 25]]),
  uPrime: variant('u′', [[3, 20], [4, 21], [5, 22]]),
  oracle: variant('y', [[70, 97], [72, 96], [71, 98]]),
};
const columns = [{ model: 'w_bev', label: 'pedestrian bev', paperIndex: 2 }];

test('KITTI overlap sets: strict 0.7 / 0.5, loose 0.5 / 0.25 (car / pedestrian)', () => {
  assert.deepEqual(KITTI_MIN_OVERLAPS, { Car: [0.7, 0.5], Pedestrian: [0.5, 0.25] });
});

test('apTable reports the strict AP with the paper beside it; looseApTable the loose AP without paper columns', () => {
  const strict = apTable(columns, variants, PAPER_TABLE2, 'strict');
  assert.deepEqual(strict.columns, ['', 'pedestrian bev (here)', 'pedestrian bev (paper)']);
  assert.deepEqual(strict.rows[0], ['AP_3D u', '5.00 ± 1.00', '34.20']);
  // Δ = −1 on every seed: mean −1, sd 0, so the interval is [−1, −1].
  assert.equal(strict.rows[3][1], '-1.00 [-1.00, -1.00]');
  assert.equal(strict.rows[3][2], '-3.67');
  const loose = looseApTable(columns, variants, 'loose');
  assert.deepEqual(loose.columns, ['', 'pedestrian bev (here)']);
  assert.deepEqual(loose.rows.map((r) => r[0]), ['AP_3D u', 'AP_3D u′', 'AP_3D y', 'AP_3D Δ (u′ − u) [95% CI]', 'AP_BEV u', 'AP_BEV u′', 'AP_BEV y', 'AP_BEV Δ (u′ − u) [95% CI]']);
  assert.equal(loose.rows[0][1], '25.00 ± 1.00');
  assert.match(String(loose.rows[3][1]), /^-4\.00 \[/);
  assert.equal(loose.rows[6][1], '98.00 ± 1.00');
});

test('seedTable lists strict and loose AP per detector and seed', () => {
  const t = seedTable([variants.u], ['w_bev'], 'per seed');
  assert.deepEqual(t.columns.slice(-4), ['w_bev AP_3D', 'w_bev AP_BEV', 'w_bev AP_3D loose', 'w_bev AP_BEV loose']);
  assert.deepEqual(t.rows[1].slice(-4), [5, 6, 26, 27]);
  assert.equal(t.columns[9], 'MAE pedestrian pixels (≤ 20 m)');
  assert.equal(t.rows[1][9], 0.5);
});

test('objectDepthTable: u and u′ on the evaluated objects\' pixels, the paired Δ and the ratio', () => {
  const t = objectDepthTable(variants.u, variants.uPrime, 'objects');
  assert.deepEqual(t.columns, ['object depth MAE (m)', 'pedestrian pixels (≤ 20 m)']);
  assert.deepEqual(t.rows.map((r) => r[1]), ['0.500 ± 0.100', '0.400 ± 0.100', '-0.100 [-0.100, -0.100]', '0.80']);
});

test('oracleSeeds: null trains the oracle on every seed, n on the first n; anything else is an error that says how to fix it', () => {
  assert.deepEqual(oracleSeeds({ oracleSeeds: null }, [0, 1, 2]), [0, 1, 2]);
  assert.deepEqual(oracleSeeds({}, [0, 1, 2]), [0, 1, 2]);
  assert.deepEqual(oracleSeeds({ oracleSeeds: 2 }, [0, 1, 2]), [0, 1]);
  assert.throws(() => oracleSeeds({ oracleSeeds: 0 }, [0, 1]), /oracleSeeds must be a positive integer, got 0\. Fix: --set oracleSeeds=3/);
  assert.throws(() => oracleSeeds({ oracleSeeds: 'two' }, [0, 1]), /got "two"/);
});

test('bootstrap: 0 is off, n ≥ 2 resamples; 1, negatives and non-integers are errors that say how to fix them', () => {
  assert.equal(bootstrapResamples({}), 0);
  assert.equal(bootstrapResamples({ bootstrap: 0 }), 0);
  assert.equal(bootstrapResamples({ bootstrap: 100 }), 100);
  for (const bad of [1, -3, 2.5, 'many']) assert.throws(() => bootstrapResamples({ bootstrap: bad }), /bootstrap must be 0 \(off\) or an integer ≥ 2 .*Fix: --set bootstrap=100/);
});

test('the test-frame spread table gives the share of the between-seed variance that resampling the frames explains', () => {
  const t = testNoiseTable([
    { model: 'w_bev', seeds: 8, seedSd: 1.2, bootstrapSd: 0.6, resamples: 100, frames: 960 },
    { model: 'v_bev', seeds: 8, seedSd: 0, bootstrapSd: 0, resamples: 100, frames: 960 },
  ], 'spread');
  assert.deepEqual(t.rows, [['w_bev', '1.20', '0.60', '0.25', 960, 100], ['v_bev', '0.00', '0.00', 'n/a', 960, 100]]);
});
