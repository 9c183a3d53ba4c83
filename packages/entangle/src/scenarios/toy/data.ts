// Generated 2-D data for the paper's illustrations (Figures 2 and 3); deterministic per seed.
import { field, makeDataset } from '../../core/dataset.js';
import type { Dataset } from '../../core/types.js';
import { createRng, type Rng } from '../../train/random.js';

/** A point drawn uniformly from the unit disc. */
function pointInDisc(rng: Rng): [number, number] {
  const r = Math.sqrt(rng.nextFloat());
  const t = 2 * Math.PI * rng.nextFloat();
  return [r * Math.cos(t), r * Math.sin(t)];
}

/** Standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  const u = 1 - rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
}

/** The swirl that maps an example's position x to its ground-truth target: rotation by `strength`·|x| radians. */
export function swirl(x: number, y: number, strength: number): [number, number] {
  const a = strength * Math.hypot(x, y);
  return [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)];
}

/**
 * Figure 2 (hypothesis-space mismatch). Each example has a position `x` in the unit disc, a 2-D target
 * `target` = swirl(x) + noise for the upstream regressor, and a class `label` = [x₁ > 0] for the downstream
 * classifier. A linear upstream regressor cannot follow the swirl, so its predictions stay an affine image of x,
 * where the classes are linearly separable; a better (non-linear) regressor predicts the swirled targets,
 * where they are not.
 */
export function swirlDataset(n: number, seed: number, opts: { strength: number; noise: number }): Dataset {
  const rng = createRng(seed, 'swirl');
  const x: number[][] = [], target: number[][] = [], label: number[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = pointInDisc(rng);
    const [s, t] = swirl(a, b, opts.strength);
    x.push([a, b]);
    target.push([s + opts.noise * gaussian(rng), t + opts.noise * gaussian(rng)]);
    label.push(a > 0 ? 1 : 0);
  }
  return makeDataset({ fields: { x: field(x), target: field(target), label: field(label) } });
}

/** Region of the plane in the Figure 3 world: 0 = A, 1 = B, 2 = C. */
export function regionOf(x: number, y: number, bandTop: number): 0 | 1 | 2 {
  if (y < bandTop) return 2;
  return x < 0 ? 0 : 1;
}

/**
 * Figure 3 (anti-correlated errors), built like the paper's Section 4.2 with three classes in the plane:
 * A (left, like digit 1), B (right, like 7) and C (a bottom band, like 6). Upstream u answers "B?", upstream v
 * answers "A?", the downstream w answers "A or B?" from their hard outputs. Examples near the A/B border
 * (|x| < `hardWidth`, the "hard" ones) get their A/B label swapped in the noisy fields `isB_noisy`/`isA_noisy`,
 * consistently for both upstream tasks, so u's and v's errors cancel in w. Clean fields: `isB`, `isA`, `isAB`.
 */
export function threeRegionDataset(n: number, seed: number, opts: { hardWidth: number; bandTop: number }): Dataset {
  const rng = createRng(seed, 'three-region');
  const x: number[][] = [];
  const cols = { isA: [] as number[], isB: [] as number[], isAB: [] as number[], isA_noisy: [] as number[], isB_noisy: [] as number[] };
  for (let i = 0; i < n; i++) {
    const a = 2 * rng.nextFloat() - 1, b = 2 * rng.nextFloat() - 1;
    const region = regionOf(a, b, opts.bandTop);
    const hard = region !== 2 && Math.abs(a) < opts.hardWidth;
    const noisyRegion = hard ? 1 - region : region;
    x.push([a, b]);
    cols.isA.push(region === 0 ? 1 : 0);
    cols.isB.push(region === 1 ? 1 : 0);
    cols.isAB.push(region === 2 ? 0 : 1);
    cols.isA_noisy.push(noisyRegion === 0 ? 1 : 0);
    cols.isB_noisy.push(noisyRegion === 1 ? 1 : 0);
  }
  const fields = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, field(v)]));
  return makeDataset({ fields: { x: field(x), ...fields } });
}
