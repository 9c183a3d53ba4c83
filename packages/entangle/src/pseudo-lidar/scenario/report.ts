// Tables 2, 3 and S1 (mean ± sd over seeds, beside the paper's numbers), paired differences, and the range figure.
import { pairedDifference, summarize } from '../../evaluate/stats/paired.js';
import { lineWithBands } from '../../report/line-bands.js';
import type { Table } from '../../report/table.js';
import type { FigureOut } from '../../scenarios/scenario.js';
import { TABLE3_RANGES } from '../stereo/metrics.js';
import type { SeedMeasurement } from './measure.js';

/** Paper Table 2 (AP, KITTI val): [P-RCNN car, F-PTNET car, P-RCNN ped, F-PTNET ped]. */
export const PAPER_TABLE2 = {
  ap3d: { u: [38.75, 32.78, 34.2, 46.15], uPrime: [39.91, 33.64, 30.53, 44.1], oracle: [68.06, 55.46, 59.08, 60.99] },
  apBev: { u: [49.3, 42.77, 38.83, 53.99], uPrime: [50.34, 43.79, 34.09, 51.84], oracle: [78.43, 67.35, 64.25, 65.23] },
};
/** Paper Table 3: depth MAE (m), overall then 0–10, 10–20, 20–30, 30–40, 40+ m. */
export const PAPER_TABLE3 = { u: [0.82, 0.237, 0.476, 1.327, 2.346, 4.566], uPrime: [0.807, 0.27, 0.491, 1.289, 2.24, 4.205] };
/** Paper Table S1 (App. A, pedestrians ≤ 20 m, IoU 0.5): [P-RCNN, F-PTNET]; upstream disparity MAE u = 1.277, u′ = 1.207. */
export const PAPER_TABLE_S1 = {
  ap3d: { u: [34.42, 43.02], uPrime: [27.64, 43.1], oracle: [55.19, 62.16] },
  apBev: { u: [38.51, 50.49], uPrime: [31.47, 48.29], oracle: [63.0, 65.92] },
  disparityMae: { u: 1.277, uPrime: 1.207 },
};

export const RANGE_LABELS = TABLE3_RANGES.map(([lo, hi]) => (hi === Infinity ? `${lo}+` : `${lo}–${hi}`));

/** "mean ± sd" with `digits` decimals (sd omitted for one seed). */
export function meanSd(values: number[], digits = 2): string {
  const s = summarize(values);
  return values.length > 1 ? `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}` : s.mean.toFixed(digits);
}

const ci = (c: [number, number] | null, digits: number) => (c === null ? 'n/a' : `[${c[0].toFixed(digits)}, ${c[1].toFixed(digits)}]`);

/** Paired Δ = updated − baseline with its 95% interval and p, as table cells. */
export function deltaCells(baseline: number[], updated: number[], digits = 2): (string | number | null)[] {
  const d = pairedDifference(baseline, updated);
  return [d.mean.toFixed(digits), ci(d.ci, digits), d.p];
}

export interface Variant {
  label: string;
  seeds: SeedMeasurement[];
}

/** Table 3: depth MAE overall and by range for u and u′ (mean ± sd), the paired Δ per range, and the paper's values. */
export function depthTable(u: Variant, uPrime: Variant, caption: string, paper: { u: number[]; uPrime: number[] } | null): Table {
  const cols = ['0–80', ...RANGE_LABELS];
  const values = (v: Variant, j: number) => v.seeds.map((s) => (j === 0 ? s.depthMae : s.depthMaeByRange[j - 1]));
  const rows: (string | number | null)[][] = [
    [u.label, ...cols.map((_, j) => meanSd(values(u, j), 3))],
    [uPrime.label, ...cols.map((_, j) => meanSd(values(uPrime, j), 3))],
    ['Δ (u′ − u)', ...cols.map((_, j) => { const d = pairedDifference(values(u, j), values(uPrime, j)); return `${d.mean >= 0 ? '+' : ''}${d.mean.toFixed(3)} ${ci(d.ci, 3)}`; })],
    ['ratio u′/u', ...cols.map((_, j) => (summarize(values(uPrime, j)).mean / summarize(values(u, j)).mean).toFixed(2))],
  ];
  if (paper) {
    rows.push(['paper u', ...paper.u.map((x) => x.toFixed(3))], ['paper u′', ...paper.uPrime.map((x) => x.toFixed(3))]);
    rows.push(['paper ratio', ...paper.u.map((x, j) => (paper.uPrime[j] / x).toFixed(2))]);
  }
  return { caption, columns: ['depth MAE (m)', ...cols], rows };
}

const OBJECT_LABEL = { Car: 'car pixels', Pedestrian: 'pedestrian pixels (≤ 20 m)' } as const;
const objectClasses = (v: Variant) => (['Car', 'Pedestrian'] as const).filter((c) => v.seeds[0]?.objectDepthMae[c] !== undefined);

/** u's depth MAE on the pixels of the objects each detector is evaluated on: u, u′ (mean ± sd), paired Δ, ratio. */
export function objectDepthTable(u: Variant, uPrime: Variant, caption: string): Table {
  const classes = objectClasses(u);
  const values = (v: Variant, c: 'Car' | 'Pedestrian') => v.seeds.map((s) => s.objectDepthMae[c]!);
  const rows: (string | number | null)[][] = [
    [u.label, ...classes.map((c) => meanSd(values(u, c), 3))],
    [uPrime.label, ...classes.map((c) => meanSd(values(uPrime, c), 3))],
    ['Δ (u′ − u) [95% CI]', ...classes.map((c) => { const d = pairedDifference(values(u, c), values(uPrime, c)); return `${d.mean >= 0 ? '+' : ''}${d.mean.toFixed(3)} ${ci(d.ci, 3)}`; })],
    ['ratio u′/u', ...classes.map((c) => (summarize(values(uPrime, c)).mean / summarize(values(u, c)).mean).toFixed(2))],
  ];
  return { caption, columns: ['object depth MAE (m)', ...classes.map((c) => OBJECT_LABEL[c])], rows };
}

export interface DetectorColumn {
  model: string;
  label: string;
  /** Index into the paper's columns, or null when the paper has no such column. */
  paperIndex: number | null;
}

type Variants = { u: Variant; uPrime: Variant; oracle: Variant };
type PaperAp = { ap3d: Record<string, number[]>; apBev: Record<string, number[]> };
/** Which per-seed AP field fills the AP_3D and the AP_BEV rows. */
type ApFields = { ap3d: 'ap3d' | 'ap3dLoose'; apBev: 'apBev' | 'apBevLoose' };

/** Table 2 / S1: AP_3D and AP_BEV (R40, ×100) for u, u′ and y per detector, beside the paper's values. */
export function apTable(columns: DetectorColumn[], variants: Variants, paper: PaperAp, caption: string): Table {
  return apRows(columns, variants, { ap3d: 'ap3d', apBev: 'apBev' }, paper, caption);
}

/** The same at KITTI's looser overlap set (car 0.5, pedestrian 0.25), which the paper does not report. */
export function looseApTable(columns: DetectorColumn[], variants: Variants, caption: string): Table {
  return apRows(columns, variants, { ap3d: 'ap3dLoose', apBev: 'apBevLoose' }, null, caption);
}

function apRows(columns: DetectorColumn[], variants: Variants, fields: ApFields, paperAp: PaperAp | null, caption: string): Table {
  const rows: (string | number | null)[][] = [];
  const paperCells = (f: (values: PaperAp, i: number) => string) => (paperAp === null ? [] : columns.map((c) => (c.paperIndex === null ? '–' : f(paperAp, c.paperIndex))));
  for (const metric of ['ap3d', 'apBev'] as const) {
    const name = metric === 'ap3d' ? 'AP_3D' : 'AP_BEV';
    const field = fields[metric];
    for (const key of ['u', 'uPrime', 'oracle'] as const) {
      const v = variants[key];
      rows.push([`${name} ${v.label}`, ...columns.map((c) => meanSd(v.seeds.map((s) => s.ap[c.model][field]), 2)),
        ...paperCells((paper, i) => paper[metric][key][i].toFixed(2))]);
    }
    rows.push([`${name} Δ (u′ − u) [95% CI]`, ...columns.map((c) => {
      const [mean, interval] = deltaCells(variants.u.seeds.map((s) => s.ap[c.model][field]), variants.uPrime.seeds.map((s) => s.ap[c.model][field]));
      return `${Number(mean) >= 0 ? '+' : ''}${mean} ${interval}`;
    }), ...paperCells((paper, i) => { const d = paper[metric].uPrime[i] - paper[metric].u[i]; return (d >= 0 ? '+' : '') + d.toFixed(2); })]);
  }
  const paperColumns = paperAp === null ? [] : columns.map((c) => `${c.label} (paper)`);
  return { caption, columns: ['', ...columns.map((c) => `${c.label} (here)`), ...paperColumns], rows };
}

/** Depth MAE against ground-truth range for u and u′ (mean ± sd over seeds), with the paper's Table 3 for reference. */
export function rangeFigure(u: Variant, uPrime: Variant, name: string, title: string): FigureOut {
  const series = [u, uPrime].map((v) => ({
    name: v.label, axis: 'left' as const,
    points: RANGE_LABELS.map((_, j) => {
      const s = summarize(v.seeds.map((m) => m.depthMaeByRange[j]));
      return { x: TABLE3_RANGES[j][0] + 5, mean: s.mean, sd: s.sd };
    }),
  }));
  const paper = [{ name: 'paper u', values: PAPER_TABLE3.u }, { name: 'paper u′', values: PAPER_TABLE3.uPrime }].map((p) => ({
    name: p.name, axis: 'right' as const, points: p.values.slice(1).map((mean, j) => ({ x: TABLE3_RANGES[j][0] + 5, mean })),
  }));
  const svg = lineWithBands({ title, xLabel: 'ground-truth depth, range centre (m); 45 = 40–80 m', leftLabel: 'depth MAE here (m)', rightLabel: 'depth MAE paper, KITTI (m)', series: [...series, ...paper], width: 640, height: 380 });
  return { name, title, svg };
}

/** Every per-seed number behind the tables (numeric cells), one row per variant and seed. */
export function seedTable(variants: Variant[], detectors: string[], caption: string): Table {
  const classes = objectClasses(variants[0]);
  return {
    caption,
    columns: ['variant', 'seed', 'depth MAE', ...RANGE_LABELS.map((r) => `MAE ${r}`), 'disparity MAE', ...classes.map((c) => `MAE ${OBJECT_LABEL[c]}`), ...detectors.flatMap((d) => [`${d} AP_3D`, `${d} AP_BEV`, `${d} AP_3D loose`, `${d} AP_BEV loose`])],
    rows: variants.flatMap((v) => v.seeds.map((s) => [
      v.label, s.seed, s.depthMae, ...s.depthMaeByRange, s.disparityMae, ...classes.map((c) => s.objectDepthMae[c]!), ...detectors.flatMap((d) => [s.ap[d].ap3d, s.ap[d].apBev, s.ap[d].ap3dLoose, s.ap[d].apBevLoose]),
    ])),
  };
}
