// Scenario runs started from the dashboard: one at a time, in this process, with their events kept for late viewers.
import type { EvaluationEvent } from '../evaluate/events.js';
import type { Executor } from '../runtime/executor.js';
import type { Store } from '../store/store.js';
import { isAbort } from '../cli/exit-codes.js';
import { resolveScenario, runAndSave, type ScenarioRequest } from '../cli/scenario-run.js';
import { HttpError } from './http-util.js';

export type LaunchStatus = 'running' | 'done' | 'failed' | 'aborted';

/** What a viewer of a launch receives, in order; 'end' is always last. */
export type LaunchEvent =
  | { type: 'progress'; event: EvaluationEvent; trained: number; reused: number }
  | { type: 'log'; line: string }
  | { type: 'end'; status: LaunchStatus; result?: string; selfDefeating?: boolean; error?: string };

export interface LaunchInfo {
  id: string;
  scenario: string;
  preset: string;
  seeds?: number;
  started: string;
  finished?: string;
  status: LaunchStatus;
  /** Id of the saved scenario result, when done. */
  result?: string;
  error?: string;
}

interface Launch {
  info: LaunchInfo;
  events: LaunchEvent[];
  listeners: Set<(event: LaunchEvent) => void>;
  controller: AbortController;
  finished: Promise<void>;
}

/** At most this many events are kept per launch (the oldest progress events go first). */
const MAX_EVENTS = 5000;

export class LaunchManager {
  readonly #launches = new Map<string, Launch>();
  #count = 0;

  constructor(readonly store: Store, readonly makeExecutor: () => Executor) {}

  /** Starts a scenario run; throws HttpError 400 on bad input and 409 while another launch runs. */
  start(request: ScenarioRequest): LaunchInfo {
    const running = [...this.#launches.values()].find((l) => l.info.status === 'running');
    if (running !== undefined) throw new HttpError(409, `Run ${running.info.id} (${running.info.scenario}) is still running; wait for it or cancel it first.`);
    let resolved;
    try {
      resolved = resolveScenario(request);
    } catch (e) {
      throw new HttpError(400, (e as Error).message);
    }
    const id = `launch-${++this.#count}`;
    const info: LaunchInfo = {
      id, scenario: resolved.scenario.name, preset: resolved.preset, ...(request.seeds !== undefined ? { seeds: request.seeds } : {}),
      started: new Date().toISOString(), status: 'running',
    };
    const launch: Launch = { info, events: [], listeners: new Set(), controller: new AbortController(), finished: Promise.resolve() };
    this.#launches.set(id, launch);
    const counts = { trained: 0, reused: 0 };
    let lastWasEpoch = false;
    const onProgress = (event: EvaluationEvent): void => {
      if (event.type === 'job-done') counts.trained++;
      if (event.type === 'job-cached') counts.reused++;
      // Keep only the latest epoch event in a row: viewers need the current epoch, not every one before it.
      if (event.type === 'epoch' && lastWasEpoch) launch.events.pop();
      lastWasEpoch = event.type === 'epoch';
      this.#emit(launch, { type: 'progress', event, ...counts });
    };
    const executor = this.makeExecutor();
    launch.finished = runAndSave(resolved, { store: this.store, executor, onProgress, log: (line) => this.#emit(launch, { type: 'log', line }), signal: launch.controller.signal })
      .then(
        ({ result, id: resultId }) => this.#end(launch, { type: 'end', status: 'done', result: resultId, selfDefeating: result.selfDefeating }),
        (e: unknown) => this.#end(launch, { type: 'end', status: isAbort(e) ? 'aborted' : 'failed', error: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => executor.close());
    return { ...info };
  }

  list(): LaunchInfo[] {
    return [...this.#launches.values()].map((l) => ({ ...l.info })).reverse();
  }

  get(id: string): LaunchInfo | undefined {
    const l = this.#launches.get(id);
    return l === undefined ? undefined : { ...l.info };
  }

  /** Replays the launch's events to `listener`, then forwards new ones; returns the unsubscribe function. */
  subscribe(id: string, listener: (event: LaunchEvent) => void): () => void {
    const launch = this.#launches.get(id);
    if (launch === undefined) throw new HttpError(404, `No launch '${id}'.`);
    for (const event of launch.events) listener(event);
    if (launch.info.status !== 'running') return () => {};
    launch.listeners.add(listener);
    return () => launch.listeners.delete(listener);
  }

  /** Asks a running launch to stop after its running job. */
  cancel(id: string): void {
    const launch = this.#launches.get(id);
    if (launch === undefined) throw new HttpError(404, `No launch '${id}'.`);
    if (launch.info.status !== 'running') throw new HttpError(409, `Launch '${id}' is not running (it is ${launch.info.status}).`);
    launch.controller.abort(new DOMException('Cancelled from the dashboard', 'AbortError'));
  }

  /** Cancels running launches and waits for them to stop. */
  async close(): Promise<void> {
    for (const launch of this.#launches.values()) {
      if (launch.info.status === 'running') launch.controller.abort(new DOMException('The dashboard is shutting down', 'AbortError'));
    }
    await Promise.all([...this.#launches.values()].map((l) => l.finished));
  }

  #emit(launch: Launch, event: LaunchEvent): void {
    launch.events.push(event);
    if (launch.events.length > MAX_EVENTS) launch.events.splice(0, launch.events.length - MAX_EVENTS);
    for (const listener of launch.listeners) listener(event);
  }

  #end(launch: Launch, event: Extract<LaunchEvent, { type: 'end' }>): void {
    launch.info.status = event.status;
    launch.info.finished = new Date().toISOString();
    if (event.result !== undefined) launch.info.result = event.result;
    if (event.error !== undefined) launch.info.error = event.error;
    this.#emit(launch, event);
    launch.listeners.clear();
  }
}
