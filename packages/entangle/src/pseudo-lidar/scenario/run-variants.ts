// What both pseudo-LiDAR scenarios run alike: the u, u′ and oracle systems, the verdict on u → u′, and every
// seed's measurements of the three (scenarios.ts builds each scenario's tables and findings from them).
import { join } from 'node:path';
import type { JsonObject } from '../../core/types.js';
import { JobCounter, judgeSystems, seedsFor } from '../../scenarios/kit.js';
import type { Comparison, ScenarioContext } from '../../scenarios/scenario.js';
import type { System } from '../../system/system.js';
import { withLosses } from '../../evaluate/evaluate-update.js';
import { measureSeed, type DetectorEval, type SeedMeasurement } from './measure.js';
import type { Variant } from './report.js';
import { testFrameNoise, type TestNoise } from './test-noise.js';
import { pseudoLidarSystem, type Experiment, type PseudoLidarParams, type Upstream } from './systems.js';

/** The system params of a scenario run: the preset's params plus the experiment, the upstream and the cache. */
export function systemParams(params: JsonObject, experiment: Experiment, upstream: Upstream, ctx: ScenarioContext): PseudoLidarParams {
  const { seeds: _seeds, oracleSeeds: _oracleSeeds, bootstrap: _bootstrap, ...rest } = params;
  return { ...(rest as unknown as Omit<PseudoLidarParams, 'experiment' | 'upstream' | 'cacheDir'>), experiment, upstream, cacheDir: join(ctx.store.dir, 'pseudo-lidar-cache') };
}

/** One side of the update: the objective u is trained on, and its label in tables ('u (disparity L1)'). */
export interface UpstreamVariant {
  upstream: Upstream;
  label: string;
}

export interface VariantsSpec {
  /** The scenario's name, for the log. */
  name: string;
  experiment: Experiment;
  u: UpstreamVariant;
  uPrime: UpstreamVariant;
  /** The detectors measured per seed, given u's system params. */
  detectors(p: PseudoLidarParams): DetectorEval[];
}

export interface VariantsRun {
  /** Date.now() when the run began. */
  started: number;
  counter: JobCounter;
  seeds: number[];
  /** u's system params (the preset's values the tables quote). */
  p: PseudoLidarParams;
  comparison: Comparison;
  /** The same runs with v and w judged on the paper's second test loss, 1 − AP_BEV/100. */
  bevComparison: Comparison;
  detectors: DetectorEval[];
  u: Variant;
  uPrime: Variant;
  oracle: Variant;
  /** Per detector, the test-frame part of ΔAP_3D's spread; empty when `bootstrap` is 0. */
  noise: TestNoise[];
}

async function measureAll(system: System, seeds: number[], detectors: DetectorEval[], p: PseudoLidarParams, ctx: ScenarioContext, counter: JobCounter): Promise<SeedMeasurement[]> {
  const out: SeedMeasurement[] = [];
  for (const seed of seeds) out.push(await measureSeed(system, seed, detectors, p.difficulty, p.scale, ctx, counter.onProgress));
  return out;
}

/** The first `oracleSeeds` seeds (all when null): the oracle is a reference, not part of the verdict. */
export function oracleSeeds(params: JsonObject, seeds: number[]): number[] {
  const n = params.oracleSeeds ?? seeds.length; // null: every seed
  if (!Number.isInteger(n) || (n as number) < 1) throw new RangeError(`oracleSeeds must be a positive integer, got ${JSON.stringify(n)}. Fix: --set oracleSeeds=3, or leave it unset to train the oracle on every seed.`);
  return seeds.slice(0, n as number);
}

/**
 * The paper measures each detector's test loss "for both the 3D box view (−AP_3D) and the 2D bird-eye view
 * (−AP_BEV)" (§5, App. A). The jobs' declared loss is the 3D one; this judges the same runs with
 * ℓ = 1 − AP_BEV/100 of every measured detector (per-seed values from measureSeed, in the seeds' order).
 */
export function bevComparison(c: Comparison, detectors: DetectorEval[], u: Variant, uPrime: Variant): Comparison {
  const loss = (v: Variant, model: string) => v.seeds.map((s) => 1 - s.ap[model].apBev / 100);
  const replaced = new Map(detectors.map((d) => [d.model, { loss: 'kitti-ap (BEV)', baseline: loss(u, d.model), updated: loss(uPrime, d.model) }]));
  const label = `${c.label}, v and w judged on −AP_BEV`;
  return { label, expected: c.expected, evaluation: withLosses(c.evaluation, label, replaced) };
}

/** Bootstrap resamples per seed (0 = skip the test-frame spread table). */
export function bootstrapResamples(params: JsonObject): number {
  const n = params.bootstrap ?? 0;
  if (!Number.isInteger(n) || (n as number) < 0 || n === 1) throw new RangeError(`bootstrap must be 0 (off) or an integer ≥ 2 (resamples per seed), got ${JSON.stringify(n)}. Fix: --set bootstrap=100.`);
  return n as number;
}

/** Judges u → u′ (expected: self-defeating), then measures u, u′ and the oracle y on every seed, in that order. */
export async function runVariants(params: JsonObject, ctx: ScenarioContext, spec: VariantsSpec): Promise<VariantsRun> {
  const started = Date.now();
  const counter = new JobCounter(ctx.onProgress);
  const seeds = seedsFor(params, ctx);
  const build = (up: Upstream) => pseudoLidarSystem(systemParams(params, spec.experiment, up, ctx));
  const [sysU, sysUp, sysY] = [await build(spec.u.upstream), await build(spec.uPrime.upstream), await build('oracle')];
  const p = systemParams(params, spec.experiment, spec.u.upstream, ctx);
  ctx.log?.(`${spec.name}: ${seeds.length} seeds, scale ${p.scale}, frames ${JSON.stringify(p.frames)}, families ${p.families.join(', ')}`);
  const comparison = await judgeSystems(sysU, sysUp, 'u', seeds, ctx, counter, { label: `${spec.u.label} → ${spec.uPrime.label}`, expected: 'self-defeating' });
  const detectors = spec.detectors(p);
  const u: Variant = { label: spec.u.label, seeds: await measureAll(sysU, seeds, detectors, p, ctx, counter) };
  const uPrime: Variant = { label: spec.uPrime.label, seeds: await measureAll(sysUp, seeds, detectors, p, ctx, counter) };
  const oracle: Variant = { label: 'y (oracle depth)', seeds: await measureAll(sysY, oracleSeeds(params, seeds), detectors, p, ctx, counter) };
  const resamples = bootstrapResamples(params);
  const noise = resamples > 0 && seeds.length > 1 ? await testFrameNoise(sysU, sysUp, u, uPrime, detectors, p.difficulty, p.scale, resamples, ctx) : [];
  return { started, counter, seeds, p, comparison, bevComparison: bevComparison(comparison, detectors, u, uPrime), detectors, u, uPrime, oracle, noise };
}
