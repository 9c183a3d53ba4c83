// Progress of a run for people: bars on a terminal, one line per job otherwise, nothing in --json mode.
import cliProgress, { type GenericBar, type MultiBar } from 'cli-progress';
import type { EvaluationEvent } from '../evaluate/events.js';

export type ProgressMode = 'tty' | 'plain' | 'silent';

/** The mode for this process: silent with --json, bars when stderr is a terminal, plain lines otherwise. */
export function progressMode(json: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  if (json) return 'silent';
  return stream.isTTY === true ? 'tty' : 'plain';
}

/** Jobs trained vs taken from the store, counted from progress events. */
export interface JobCounts {
  trained: number;
  reused: number;
}

/** Shows one run's progress (a scenario or an evaluation); `counts` tallies job-done and job-cached events. */
export class Progress {
  readonly counts: JobCounts = { trained: 0, reused: 0 };
  /** True once any job started or came from the store (errors after that are not input errors). */
  jobsSeen = false;
  readonly #mode: ProgressMode;
  readonly #stream: NodeJS.WritableStream;
  readonly #label: string;
  #multi: MultiBar | undefined;
  #bar: GenericBar | undefined;
  #total = -1;
  #lastCompleted = 0;

  constructor(mode: ProgressMode, label: string, stream: NodeJS.WritableStream = process.stderr) {
    this.#mode = mode;
    this.#label = label;
    this.#stream = stream;
    if (mode === 'plain') this.#write(`${label}: started`);
  }

  /** Forwards to the display; use as a ScenarioContext/evaluate `onProgress`. */
  readonly onEvent = (event: EvaluationEvent): void => {
    if (event.type !== 'epoch') this.jobsSeen = true;
    if (event.type === 'job-done') this.counts.trained++;
    if (event.type === 'job-cached') this.counts.reused++;
    if (this.#mode === 'tty') this.#barEvent(event);
    else if (this.#mode === 'plain') this.#lineEvent(event);
  };

  /** A free-form line (phase of a sweep...), above the bar on a terminal. */
  readonly log = (line: string): void => {
    if (this.#mode === 'silent') return;
    if (this.#multi !== undefined) this.#multi.log(`${line}\n`);
    else this.#write(line);
  };

  /** Removes the bar (before the results are printed). */
  stop(): void {
    this.#multi?.stop();
    this.#multi = undefined;
    this.#bar = undefined;
  }

  #write(line: string): void {
    this.#stream.write(`${line}\n`);
  }

  #lineEvent(event: EvaluationEvent): void {
    if (event.type === 'job-done' || event.type === 'job-cached') {
      const what = event.type === 'job-done' ? 'trained' : 'from the store';
      const loss = event.testLoss !== undefined ? `, test loss ${Number(event.testLoss.toPrecision(4))}` : '';
      this.#write(`[${event.completed}/${event.total}] ${event.variant} '${event.model}' seed ${event.seed}: ${what}${loss}`);
    }
  }

  #barEvent(event: EvaluationEvent): void {
    if (this.#multi === undefined) {
      this.#multi = new cliProgress.MultiBar({
        format: `${this.#label} [{bar}] {value}/{total} jobs | {trained} trained, {reused} from the store | {current}`,
        stream: this.#stream,
        clearOnComplete: true,
        hideCursor: true,
        barsize: 24,
      }, cliProgress.Presets.shades_classic);
    }
    const payload = { trained: this.counts.trained, reused: this.counts.reused };
    if (event.type === 'epoch') {
      this.#bar?.update({ ...payload, current: `${event.variant} '${event.model}', seed ${event.seed}, epoch ${event.epoch}/${event.epochs}` });
      return;
    }
    // Each evaluation of a scenario counts its own jobs; a new total or a smaller count starts a new bar.
    if (this.#bar === undefined || event.total !== this.#total || event.completed < this.#lastCompleted) {
      if (this.#bar !== undefined) this.#multi.remove(this.#bar);
      this.#bar = this.#multi.create(event.total, 0, { ...payload, current: '' });
      this.#total = event.total;
    }
    this.#lastCompleted = event.completed;
    // `completed` counts finished and cached jobs of this evaluation, including the one reported.
    const current = event.type === 'job-start' ? `${event.variant} '${event.model}', seed ${event.seed}` : '';
    this.#bar.update(event.completed, { ...payload, ...(current ? { current } : {}) });
  }
}
