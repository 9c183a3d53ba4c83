import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logGamma, regularizedBeta, studentTCdf, studentTQuantile, studentTTwoSided, holmAdjust, pairedDifference, summarize } from '../../src/evaluate/stats/index.js';

// Reference values: mpmath 1.2.1 at 30 digits (loggamma, betainc(regularized=True), t CDF via betainc, findroot).
const close = (actual: number, expected: number, tol: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: got ${actual}, expected ${expected}`);

test('log-gamma matches reference values', () => {
  close(logGamma(0.5), 0.5723649429247, 1e-13, 'lnΓ(0.5)');
  close(logGamma(3), Math.log(2), 1e-14, 'lnΓ(3)');
  close(logGamma(10.5), 13.9406252194038, 1e-13, 'lnΓ(10.5)');
  close(logGamma(100), 359.134205369575, 1e-13, 'lnΓ(100)');
  close(logGamma(0.1), 2.25271265173421, 1e-13, 'lnΓ(0.1)');
});

test('regularized incomplete beta matches reference values', () => {
  close(regularizedBeta(0.3, 2.5, 0.5), 0.0189271240719457, 1e-12, 'I_0.3(2.5, 0.5)');
  close(regularizedBeta(0.9, 0.5, 0.5), 0.795167235300867, 1e-12, 'I_0.9(0.5, 0.5)');
  close(regularizedBeta(0.8, 10, 3), 0.55834574848, 1e-10, 'I_0.8(10, 3)');
  assert.equal(regularizedBeta(0, 2, 3), 0);
  assert.equal(regularizedBeta(1, 2, 3), 1);
  assert.throws(() => regularizedBeta(1.5, 2, 3), RangeError);
});

test('Student t quantiles match tables', () => {
  close(studentTQuantile(0.975, 1), 12.7062047361747, 1e-10, 't_{0.975,1}');
  close(studentTQuantile(0.975, 2), 4.30265272974946, 1e-10, 't_{0.975,2}');
  close(studentTQuantile(0.975, 4), 2.77644510519779, 1e-10, 't_{0.975,4}');
  close(studentTQuantile(0.975, 9), 2.26215716279821, 1e-10, 't_{0.975,9}');
  close(studentTQuantile(0.975, 30), 2.04227245630124, 1e-10, 't_{0.975,30}');
  close(studentTQuantile(0.975, 1000), 1.96233908082641, 1e-10, 't_{0.975,1000}');
  close(studentTQuantile(0.995, 2), 9.92484320091829, 1e-10, 't_{0.995,2}');
  close(studentTQuantile(0.025, 9), -2.26215716279821, 1e-10, 't_{0.025,9}');
  assert.equal(studentTQuantile(0.5, 3), 0);
});

test('Student t CDF and two-sided p-values match reference values', () => {
  close(studentTCdf(2, 5), 0.949030260585071, 1e-12, 'F(2; 5)');
  close(studentTCdf(-1.5, 10), 0.0822536632227201, 1e-12, 'F(−1.5; 10)');
  close(studentTCdf(0.3, 2.5), 0.606328814252401, 1e-12, 'F(0.3; 2.5)');
  close(studentTCdf(1, 1), 0.75, 1e-14, 'Cauchy F(1)');
  close(studentTTwoSided(8, 3), 2 * 0.00203828879389273, 1e-12, 'P(|T₃| ≥ 8)');
  close(studentTTwoSided(40, 3) / (2 * 1.71903403945793e-5), 1, 1e-9, 'P(|T₃| ≥ 40) relative');
  assert.equal(studentTTwoSided(0, 4), 1);
});

test('summaries use the sample standard deviation', () => {
  assert.deepEqual(summarize([1, 2, 3, 4]), { mean: 2.5, sd: Math.sqrt(5 / 3), n: 4 });
  assert.deepEqual(summarize([7]), { mean: 7, sd: 0, n: 1 });
});

test('paired differences: interval, p-value and their agreement', () => {
  const baseline = [0.50, 0.52, 0.47, 0.55, 0.51];
  const updated = [0.45, 0.50, 0.44, 0.49, 0.47];
  const d = pairedDifference(baseline, updated);
  // Δ = [-0.05, -0.02, -0.03, -0.06, -0.04]: mean −0.04, sd = √(0.001/4) = 0.0158114, se = 0.00707107
  close(d.mean, -0.04, 1e-12, 'mean Δ');
  close(d.sd, Math.sqrt(0.001 / 4), 1e-9, 'sd Δ');
  close(d.se, Math.sqrt(0.001 / 4) / Math.sqrt(5), 1e-9, 'se');
  const half = 2.77644510519779 * d.se;
  close(d.ci![0], -0.04 - half, 1e-9, 'ci low');
  close(d.ci![1], -0.04 + half, 1e-9, 'ci high');
  // t = −5.656854 with 4 df: p = 0.0048127 (mpmath betainc)
  close(d.p!, 0.00481267833004422, 1e-12, 'p');
  assert.equal(d.degenerate, undefined);
  // An interval at level 1 − p just touches zero.
  const atP = pairedDifference(baseline, updated, d.p!);
  close(atP.ci![1], 0, 1e-9, 'interval at level 1 − p');
});

test('identical differences are handled explicitly (sd = 0)', () => {
  assert.deepEqual(pairedDifference([1, 2, 3], [1, 2, 3]), { mean: 0, sd: 0, n: 3, se: 0, ci: [0, 0], p: 1, degenerate: 'identical-differences' });
  const shifted = pairedDifference([1, 2, 3], [1.5, 2.5, 3.5]);
  assert.deepEqual(shifted.ci, [0.5, 0.5]);
  assert.equal(shifted.p, 0);
  assert.equal(shifted.degenerate, 'identical-differences');
});

test('one seed gives no interval and no p-value', () => {
  assert.deepEqual(pairedDifference([1], [0.5]), { mean: -0.5, sd: 0, n: 1, se: 0, ci: null, p: null, degenerate: 'single-seed' });
});

test('Holm adjustment', () => {
  // Sorted p = 0.01, 0.02, 0.03, 0.5 → 4·0.01, 3·0.02, 2·0.03, 1·0.5 = 0.04, 0.06, 0.06, 0.5
  const adjusted = holmAdjust([0.03, 0.5, 0.01, 0.02]);
  const expected = [0.06, 0.5, 0.04, 0.06];
  adjusted.forEach((p, i) => close(p!, expected[i], 1e-12, `p̃[${i}]`));
  // Monotone step-down: a large early product carries forward.
  assert.deepEqual(holmAdjust([0.04, 0.045]), [0.08, 0.08]);
  assert.deepEqual(holmAdjust([0.4, 0.9]), [0.8, 0.9]);
  assert.deepEqual(holmAdjust([null, 0.01, null]), [null, 0.01, null]);
  assert.deepEqual(holmAdjust([]), []);
});
