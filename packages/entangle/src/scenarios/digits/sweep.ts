// Sweeps of the digit scenarios: every sweep point (a system) trained for every seed in one job plan, per-point
// summaries, the Figure 4 style table and chart, and trend findings.
import { planJobs, plannedId } from '../../evaluate/plan.js';
import { runPlan } from '../../evaluate/run-plan.js';
import { summarize } from '../../evaluate/stats/paired.js';
import { formatNumber } from '../../report/format.js';
import { lineWithBands } from '../../report/line-bands.js';
import type { Table } from '../../report/table.js';
import type { System } from '../../system/system.js';
import type { JobCounter } from '../kit.js';
import type { FigureOut, Finding, ScenarioContext } from '../scenario.js';

export interface SweepPoint {
  /** The swept value (r, p, number of layers...). */
  value: number;
  system: System;
}

export interface PointLosses {
  value: number;
  system: System;
  /** Model id → test loss per seed (in seed order). */
  losses: Record<string, number[]>;
}

/**
 * Trains every point's system for every seed in one plan: all upstream jobs form one wave, all downstream jobs the
 * next, so a worker pool stays busy. Jobs already in the store (same key) are reused.
 */
export async function trainSweep(points: readonly SweepPoint[], seeds: readonly number[], ctx: ScenarioContext, counter: JobCounter): Promise<PointLosses[]> {
  const variants = points.map((p, i) => ({ label: `point${i}`, system: p.system }));
  const done = await runPlan(planJobs(variants, seeds), {
    store: ctx.store,
    ...(ctx.executor ? { executor: ctx.executor } : {}),
    onProgress: counter.onProgress,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return points.map((p, i) => ({
    value: p.value,
    system: p.system,
    losses: Object.fromEntries(
      p.system.topoOrder().map((model) => [model, seeds.map((seed) => done.get(plannedId(`point${i}`, seed, model))!.result.metrics.testLoss)]),
    ),
  }));
}

export interface SweepLabels {
  /** Column / axis name of the swept value, e.g. "noise ratio r". */
  sweep: string;
  upstream: string;
  downstream: string;
  title: string;
}

const mean = (xs: number[]): number => summarize(xs).mean;

/** Table: sweep value, upstream loss mean and sd, downstream loss mean and sd (sd over seeds, n − 1). */
export function sweepTable(points: readonly PointLosses[], labels: SweepLabels, caption: string): Table {
  return {
    caption,
    columns: [labels.sweep, `${labels.upstream} mean`, `${labels.upstream} sd`, `${labels.downstream} mean`, `${labels.downstream} sd`, 'seeds'],
    rows: points.map((p) => {
      const up = summarize(p.losses.v);
      const down = summarize(p.losses.w);
      return [p.value, up.mean, up.sd, down.mean, down.sd, up.n];
    }),
  };
}

/** Figure 4(a–c) style chart: upstream loss (left axis) and downstream loss (right axis) against the sweep value, ±sd bands. */
export function sweepFigure(points: readonly PointLosses[], labels: SweepLabels, name: string): FigureOut {
  const series = (model: string, axis: 'left' | 'right', title: string) => ({
    name: title,
    axis,
    points: points.map((p) => {
      const { mean: m, sd } = summarize(p.losses[model]);
      return { x: p.value, mean: m, sd };
    }),
  });
  const svg = lineWithBands({
    title: labels.title,
    xLabel: labels.sweep,
    leftLabel: labels.upstream,
    rightLabel: labels.downstream,
    series: [series('v', 'left', `upstream v: ${labels.upstream}`), series('w', 'right', `downstream w: ${labels.downstream}`)],
  });
  return { name, title: labels.title, svg };
}

/**
 * The paper's two trend claims along a sweep: the upstream loss falls from the first to the last point, and the
 * downstream loss rises. Each finding also says whether the trend is monotone across all points.
 */
export function trendFindings(points: readonly PointLosses[], labels: SweepLabels, paper: { upstream: string; downstream: string }): Finding[] {
  const means = (model: string) => points.map((p) => mean(p.losses[model]));
  const describe = (ms: number[]) => points.map((p, i) => `${labels.sweep} ${formatNumber(p.value)}: ${formatNumber(ms[i])}`).join(', ');
  const monotone = (ms: number[], dir: 1 | -1) => ms.every((m, i) => i === 0 || dir * (m - ms[i - 1]) >= 0);
  const up = means('v');
  const down = means('w');
  return [
    {
      claim: paper.upstream,
      holds: up[up.length - 1] < up[0],
      detail: `${labels.upstream} means: ${describe(up)}${monotone(up, -1) ? ' (monotone)' : ' (not monotone)'}.`,
    },
    {
      claim: paper.downstream,
      holds: down[down.length - 1] > down[0],
      detail: `${labels.downstream} means: ${describe(down)}${monotone(down, 1) ? ' (monotone)' : ' (not monotone)'}.`,
    },
  ];
}
