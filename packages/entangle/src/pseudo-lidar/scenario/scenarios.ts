// Scenarios 'pseudo-lidar' (paper §5, Tables 2 and 3) and 'pseudo-lidar-near' (App. A, Table S1).
import { pairedDifference, summarize } from '../../evaluate/stats/paired.js';
import type { Table } from '../../report/table.js';
import { scenarioResult } from '../../scenarios/kit.js';
import { registerScenario } from '../../scenarios/registry.js';
import type { Comparison, Finding, PresetName, Scenario } from '../../scenarios/scenario.js';
import type { DetectorEval } from './measure.js';
import { PRESETS } from './presets.js';
import { apTable, depthTable, looseApTable, meanSd, objectDepthTable, PAPER_TABLE2, PAPER_TABLE3, PAPER_TABLE_S1, rangeFigure, seedTable, type DetectorColumn, type Variant } from './report.js';
import { runVariants } from './run-variants.js';
import { testNoiseTable, type TestNoise } from './test-noise.js';
import { detectorIds, type DetectorFamily } from './systems.js';

export { systemParams } from './run-variants.js';

const FAMILY_LABEL: Record<DetectorFamily, string> = { bev: 'BEV detector (P-RCNN stand-in)', frustum: 'frustum detector (F-PTNET stand-in)' };

const mean = (xs: number[]) => summarize(xs).mean;
/** "14 seeds", or "14 seeds (y: 6)" when the oracle ran on fewer (`oracleSeeds`). */
const over = (seeds: number[], oracle: Variant) => `${seeds.length} seeds${oracle.seeds.length < seeds.length ? ` (y: ${oracle.seeds.length})` : ''}`;

/** Table 3's direction: u′ worse than u below 20 m and better beyond 20 m (means over seeds). */
function rangeFindings(u: Variant, uPrime: Variant): Finding[] {
  const m = (v: Variant, j: number) => mean(v.seeds.map((s) => s.depthMaeByRange[j]));
  const near = [0, 1].map((j) => m(uPrime, j) - m(u, j));
  const far = [2, 3, 4].map((j) => m(uPrime, j) - m(u, j));
  const fmt = (d: number[]) => d.map((x) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`).join(', ');
  return [
    { claim: 'Table 3: u′ (depth loss) is worse than u (disparity loss) near (0–10 and 10–20 m)', holds: near.every((d) => d > 0), detail: `Δ depth MAE (u′ − u) at 0–10, 10–20 m: ${fmt(near)} m` },
    { claim: 'Table 3: u′ is better than u far (20–30, 30–40, 40+ m)', holds: far.every((d) => d < 0), detail: `Δ depth MAE (u′ − u) at 20–30, 30–40, 40+ m: ${fmt(far)} m` },
  ];
}

/** The paper's explanation of Table 2 (§5.2): u′ is worse where the pedestrian detector looks (paired 95% interval above 0). */
function objectFinding(u: Variant, uPrime: Variant): Finding {
  const d = pairedDifference(u.seeds.map((s) => s.objectDepthMae.Pedestrian!), uPrime.seeds.map((s) => s.objectDepthMae.Pedestrian!));
  const interval = d.ci === null ? 'no interval (one seed)' : `95% CI [${d.ci[0].toFixed(3)}, ${d.ci[1].toFixed(3)}]`;
  return { claim: '§5.2: u′ is worse than u on the pixels of the pedestrians ≤ 20 m (what w learns from)', holds: d.ci !== null && d.ci[0] > 0, detail: `Δ depth MAE on pedestrian pixels (u′ − u) = ${d.mean >= 0 ? '+' : ''}${d.mean.toFixed(3)} m, ${interval}` };
}

function detectorColumns(families: DetectorFamily[], classes: ('car' | 'pedestrian')[], paperIndex: (f: DetectorFamily, c: 'car' | 'pedestrian') => number): DetectorColumn[] {
  const cols: DetectorColumn[] = [];
  for (const c of classes) for (const f of families) cols.push({ model: detectorIds(f)[c], label: `${c} ${f}`, paperIndex: paperIndex(f, c) });
  return cols;
}

/** Table 2's direction for a detector: its mean AP with u′ is below its mean AP with u. */
function apLowerFinding(claim: string, u: Variant, uPrime: Variant, model: string, metric: 'ap3d' | 'apBev'): Finding {
  const a = mean(u.seeds.map((s) => s.ap[model][metric])), b = mean(uPrime.seeds.map((s) => s.ap[model][metric]));
  return { claim, holds: b < a, detail: `${metric === 'ap3d' ? 'AP_3D' : 'AP_BEV'} of ${model}: u ${a.toFixed(2)} → u′ ${b.toFixed(2)} (means over seeds)` };
}

/** The test-frame spread table when it was computed (param `bootstrap` > 0). */
function noiseTables(noise: TestNoise[]): Table[] {
  if (noise.length === 0) return [];
  return [testNoiseTable(noise, `Where the spread of ΔAP_3D (u′ − u) comes from (not in the paper): between ${noise[0].seeds} seeds vs resampling the ${noise[0].frames} test frames (${noise[0].resamples} bootstrap resamples per seed). a share near 1 means the spread is mostly test-frame sampling, which more test frames narrow`)];
}

/**
 * "Not worse" as a test: neither verdict on `model` is "deteriorated". A mean that dips by less than the seeds'
 * spread is no evidence; the means and the paired Δ of AP_3D are in the detail.
 */
function notDeteriorated(claim: string, comparisons: Comparison[], u: Variant, uPrime: Variant, model: string): Finding {
  const verdicts = comparisons.map((c) => c.evaluation.models.find((m) => m.model === model)!.verdict);
  const d = pairedDifference(u.seeds.map((s) => s.ap[model].ap3d), uPrime.seeds.map((s) => s.ap[model].ap3d));
  const interval = d.ci === null ? 'one seed' : `95% CI [${d.ci[0].toFixed(2)}, ${d.ci[1].toFixed(2)}]`;
  return { claim, holds: verdicts.every((v) => v !== 'deteriorated'), detail: `verdicts on ${model}: ${verdicts.join(' (AP_3D), ')} (AP_BEV); AP_3D u ${mean(u.seeds.map((s) => s.ap[model].ap3d)).toFixed(2)} → u′ ${mean(uPrime.seeds.map((s) => s.ap[model].ap3d)).toFixed(2)}, Δ ${d.mean >= 0 ? '+' : ''}${d.mean.toFixed(2)} ${interval}` };
}

const section5: Scenario = {
  name: 'pseudo-lidar',
  title: 'Pseudo-LiDAR: depth loss improves depth and cars, hurts near pedestrians',
  paper: 'Section 5, Tables 2 and 3',
  description: 'Stereo depth u (disparity L1) → pseudo-LiDAR r → car detector v and pedestrian detector w (≤ 20 m). The update trains u on depth L1 (u′), fine-tuned from the same disparity-pretrained checkpoint with the same budget; every detector is retrained on u′’s point clouds. Oracle y: ground-truth depth.',
  presets: PRESETS.section5,
  async run(params, preset: PresetName, ctx) {
    const { started, counter, seeds, p, comparison, bevComparison, detectors, u, uPrime, oracle, noise } = await runVariants(params, ctx, {
      name: 'pseudo-lidar',
      experiment: 'section5',
      u: { upstream: 'disparity-l1', label: 'u (disparity L1)' },
      uPrime: { upstream: 'depth-l1', label: 'u′ (depth L1)' },
      detectors: (p): DetectorEval[] => p.families.flatMap((f) => [
        { model: detectorIds(f).car, className: 'Car' as const },
        { model: detectorIds(f).pedestrian, className: 'Pedestrian' as const, range: { max: 20, measure: 'z' as const } },
      ]),
    });
    const columns = detectorColumns(p.families, ['car', 'pedestrian'], (f, c) => (c === 'car' ? 0 : 2) + (f === 'bev' ? 0 : 1));
    const tables: Table[] = [
      apTable(columns, { u, uPrime, oracle }, PAPER_TABLE2, `Table 2 analogue: AP (R40, ${p.difficulty}; car IoU 0.7, pedestrian IoU 0.5 ≤ 20 m), mean ± sd over ${over(seeds, oracle)}`),
      looseApTable(columns, { u, uPrime, oracle }, `Table 2 at KITTI's looser overlaps (car IoU 0.5, pedestrian IoU 0.25 ≤ 20 m; not in the paper), mean ± sd over ${over(seeds, oracle)}`),
      depthTable(u, uPrime, `Table 3 analogue: depth MAE (m) by ground-truth range, mean ± sd over ${seeds.length} seeds`, PAPER_TABLE3),
      objectDepthTable(u, uPrime, `Depth MAE (m) on the pixels of the evaluated cars and pedestrians (not in the paper: where each detector looks), mean ± sd over ${seeds.length} seeds`),
      ...noiseTables(noise),
      seedTable([u, uPrime, oracle], detectors.map((d) => d.model), 'Per-seed measurements on the test split (depth in m, disparity in px at scale s, AP R40 × 100)'),
    ];
    const findings: Finding[] = [
      { claim: '§5 premise: u′ has a lower overall depth MAE than u', holds: comparison.evaluation.models.find((m) => m.model === 'u')!.verdict === 'improved', detail: `depth MAE u ${meanSd(u.seeds.map((s) => s.depthMae), 3)} → u′ ${meanSd(uPrime.seeds.map((s) => s.depthMae), 3)} m; verdict on u: ${comparison.evaluation.models.find((m) => m.model === 'u')!.verdict}` },
      ...rangeFindings(u, uPrime),
      objectFinding(u, uPrime),
      ...p.families.flatMap((f) => [
        notDeteriorated(`Table 2 (${f}): car detection with u′ is not worse than with u (no "deteriorated" verdict on −AP_3D or −AP_BEV)`, [comparison, bevComparison], u, uPrime, detectorIds(f).car),
        apLowerFinding(`Table 2 (${f}): pedestrian AP_3D (≤ 20 m) with u′ is lower than with u`, u, uPrime, detectorIds(f).pedestrian, 'ap3d'),
        apLowerFinding(`Table 2 (${f}): pedestrian AP_BEV (≤ 20 m) with u′ is lower than with u`, u, uPrime, detectorIds(f).pedestrian, 'apBev'),
      ]),
    ];
    const figures = [rangeFigure(u, uPrime, 'depth-error-by-range', `Depth MAE by range: u (disparity L1) vs u′ (depth L1), ${seeds.length} seeds`)];
    return scenarioResult(section5, preset, params, seeds, started, counter, { comparisons: [comparison, bevComparison], tables, figures, findings });
  },
};

const appendixA: Scenario = {
  name: 'pseudo-lidar-near',
  title: 'Pseudo-LiDAR, App. A: disparity loss improves disparity MAE, hurts pedestrian detection',
  paper: 'Appendix A, Table S1',
  description: 'u is trained on depth L1, u′ on disparity L1 (same pretrained checkpoint and budget); the upstream test loss is disparity MAE. The pedestrian detector w sees non-winsorized clouds, is trained on pedestrians at all distances, and its detections beyond 20 m are removed before the ≤ 20 m evaluation.',
  presets: PRESETS.appendixA,
  async run(params, preset: PresetName, ctx) {
    const { started, counter, seeds, p, comparison, bevComparison, detectors, u, uPrime, oracle, noise } = await runVariants(params, ctx, {
      name: 'pseudo-lidar-near',
      experiment: 'appendixA',
      u: { upstream: 'depth-l1', label: 'u (depth L1)' },
      uPrime: { upstream: 'disparity-l1', label: 'u′ (disparity L1)' },
      detectors: (p): DetectorEval[] => p.families.map((f) => ({ model: detectorIds(f).pedestrian, className: 'Pedestrian' as const, range: { max: 20, measure: 'z' as const } })),
    });
    const columns = detectorColumns(p.families, ['pedestrian'], (f) => (f === 'bev' ? 0 : 1));
    const upstream: Table = {
      caption: `Upstream test loss of App. A: disparity MAE (px at scale ${p.scale}; the paper's are full-resolution KITTI px), mean ± sd over ${seeds.length} seeds`,
      columns: ['', 'here', 'paper'],
      rows: [
        [u.label, meanSd(u.seeds.map((s) => s.disparityMae), 3), PAPER_TABLE_S1.disparityMae.u.toFixed(3)],
        [uPrime.label, meanSd(uPrime.seeds.map((s) => s.disparityMae), 3), PAPER_TABLE_S1.disparityMae.uPrime.toFixed(3)],
      ],
    };
    const tables: Table[] = [
      upstream,
      apTable(columns, { u, uPrime, oracle }, PAPER_TABLE_S1, `Table S1 analogue: pedestrian AP ≤ 20 m (R40, ${p.difficulty}, IoU 0.5), mean ± sd over ${over(seeds, oracle)}`),
      looseApTable(columns, { u, uPrime, oracle }, `Table S1 at KITTI's looser overlap (pedestrian IoU 0.25 ≤ 20 m; not in the paper), mean ± sd over ${over(seeds, oracle)}`),
      depthTable(uPrime, u, 'Depth MAE (m) by range of the same two models (rows as in Table 3: disparity-trained first)', null),
      objectDepthTable(u, uPrime, `Depth MAE (m) on the pixels of the evaluated pedestrians ≤ 20 m (not in the paper), mean ± sd over ${seeds.length} seeds`),
      ...noiseTables(noise),
      seedTable([u, uPrime, oracle], detectors.map((d) => d.model), 'Per-seed measurements on the test split (depth in m, disparity in px at scale s, AP R40 × 100)'),
    ];
    const findings: Finding[] = [
      { claim: 'App. A premise: u′ (disparity L1) has a lower disparity MAE than u (depth L1)', holds: comparison.evaluation.models.find((m) => m.model === 'u')!.verdict === 'improved', detail: `disparity MAE u ${meanSd(u.seeds.map((s) => s.disparityMae), 3)} → u′ ${meanSd(uPrime.seeds.map((s) => s.disparityMae), 3)} px` },
      ...p.families.flatMap((f) => [
        apLowerFinding(`Table S1 (${f}): pedestrian AP_3D with u′ is lower than with u`, u, uPrime, detectorIds(f).pedestrian, 'ap3d'),
        apLowerFinding(`Table S1 (${f}): pedestrian AP_BEV with u′ is lower than with u`, u, uPrime, detectorIds(f).pedestrian, 'apBev'),
      ]),
    ];
    const figures = [rangeFigure(uPrime, u, 'depth-error-by-range', `Depth MAE by range of the App. A models, ${seeds.length} seeds`)];
    return scenarioResult(appendixA, preset, params, seeds, started, counter, { comparisons: [comparison, bevComparison], tables, figures, findings });
  },
};

registerScenario(section5);
registerScenario(appendixA);

export { section5 as pseudoLidarScenario, appendixA as pseudoLidarNearScenario };
