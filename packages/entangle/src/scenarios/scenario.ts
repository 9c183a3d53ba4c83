// A scenario: one of the paper's experiments as declared systems, updates or sweeps, with presets and a report.
import type { JsonObject } from '../core/types.js';
import type { EvaluationEvent } from '../evaluate/events.js';
import type { UpdateEvaluation } from '../evaluate/evaluate-update.js';
import type { Table } from '../report/table.js';
import type { Executor } from '../runtime/executor.js';
import type { Store } from '../store/store.js';
import type { Update } from '../system/spec.js';
import type { System } from '../system/system.js';

export type PresetName = 'quick' | 'standard' | 'paper';
export const PRESETS: readonly PresetName[] = ['quick', 'standard', 'paper'];

export interface ScenarioContext {
  store: Store;
  executor?: Executor;
  /** Overrides the preset's number of seeds. */
  seeds?: number;
  onProgress?: (event: EvaluationEvent) => void;
  /** Free-form progress lines for people (phase of a sweep...). */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** One Definition 2.1 judgement inside a scenario (an update, or the two ends of a sweep). */
export interface Comparison {
  label: string;
  evaluation: UpdateEvaluation;
  /** What the paper expects of this comparison: a self-defeating improvement, an improvement, or nothing. */
  expected: 'self-defeating' | 'improvement' | 'no evidence';
  /**
   * The system and update behind an update comparison, for diagnose/mitigate. In memory only: it is not saved
   * with results (sweep comparisons of two systems have none).
   */
  subject?: { system: System; update: Update };
}

/** A claim of the paper checked against this run. */
export interface Finding {
  claim: string;
  holds: boolean;
  detail: string;
}

export interface FigureOut {
  name: string;
  title: string;
  svg: string;
}

/** Plain data: what a scenario run produced, ready for the terminal, JSON, the HTML report and docs. */
export interface ScenarioResult {
  scenario: string;
  title: string;
  paper: string;
  preset: PresetName;
  params: JsonObject;
  seeds: number[];
  comparisons: Comparison[];
  tables: Table[];
  figures: FigureOut[];
  findings: Finding[];
  /** Did any comparison find a self-defeating improvement? */
  selfDefeating: boolean;
  /** Jobs trained in this run vs taken from the store. */
  jobs: { trained: number; reused: number };
  seconds: number;
}

export interface Scenario {
  name: string;
  title: string;
  /** Where in the paper, e.g. "Figure 2, §3.1". */
  paper: string;
  description: string;
  presets: Record<PresetName, JsonObject>;
  run(params: JsonObject, preset: PresetName, ctx: ScenarioContext): Promise<ScenarioResult>;
}
