// The run store: SQLite (WAL) for runs, jobs and per-seed losses, plus content-addressed artifacts on disk.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreError } from '../core/errors.js';
import type { Json } from '../core/types.js';
import { ArtifactStore } from './artifacts.js';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';

export const DEFAULT_STORE_DIR = '.entangle';

export type JobStatus = 'running' | 'done' | 'failed';
export type RunStatus = 'running' | 'done' | 'failed' | 'aborted';

/** What a finished job measured. Timings vary between runs; the loss does not. */
export interface JobMetrics {
  /** Kind of the test loss ℓ_v. */
  loss: string;
  /** ℓ_v on the model's test set. */
  testLoss: number;
  fitMs: number;
  predictMs: number;
}

export interface JobRecord {
  key: string;
  model: string;
  seed: number;
  status: JobStatus;
  started: string | null;
  finished: string | null;
  metrics: JobMetrics | null;
  /** Hash of the fitted model's bytes. */
  artifact: string | null;
  /** How many times the job was started (a finished job is never started again). */
  attempts: number;
  error: string | null;
}

export interface RunRecord {
  id: string;
  name: string;
  created: string;
  updated: string;
  config: Json;
  status: RunStatus;
  /** The finished evaluation (plain data), when the run is done. */
  result: Json | null;
}

export interface LossRecord {
  run: string;
  seed: number;
  variant: string;
  model: string;
  loss: string;
  value: number;
  job: string;
}

interface JobRow {
  key: string; model: string; seed: number; status: JobStatus; started: string | null; finished: string | null;
  metrics: string | null; artifact: string | null; attempts: number; error: string | null;
}

const now = (): string => new Date().toISOString();

export class Store {
  readonly dir: string;
  readonly artifacts: ArtifactStore;
  readonly #db: Database.Database;

  constructor(dir: string = DEFAULT_STORE_DIR) {
    this.dir = resolve(dir);
    try {
      mkdirSync(this.dir, { recursive: true });
      this.#db = new Database(join(this.dir, 'entangle.db'), { timeout: 10_000 });
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = NORMAL');
      this.#db.exec(SCHEMA);
    } catch (e) {
      throw new StoreError(`Could not open the run store in ${this.dir}: ${(e as Error).message}. Check the path and permissions, or pass another directory.`, { cause: e });
    }
    const version = this.#db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as { value: string } | undefined;
    if (version === undefined) this.#db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema', String(SCHEMA_VERSION));
    else if (Number(version.value) !== SCHEMA_VERSION) {
      this.#db.close();
      throw new StoreError(`The run store in ${this.dir} has schema version ${version.value}, expected ${SCHEMA_VERSION}. Use a fresh directory or delete it.`);
    }
    this.artifacts = new ArtifactStore(join(this.dir, 'artifacts'));
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  // ---- jobs -----------------------------------------------------------------------------------------------

  job(key: string): JobRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE key = ?').get(key) as JobRow | undefined;
    return row === undefined ? undefined : toJobRecord(row);
  }

  jobs(): JobRecord[] {
    return (this.#db.prepare('SELECT * FROM jobs ORDER BY started, key').all() as JobRow[]).map(toJobRecord);
  }

  /** Marks a job as running (one more attempt). A finished job is left untouched. */
  startJob(key: string, model: string, seed: number): void {
    this.#db.prepare(`
      INSERT INTO jobs (key, model, seed, status, started, attempts) VALUES (?, ?, ?, 'running', ?, 1)
      ON CONFLICT(key) DO UPDATE SET status = 'running', started = excluded.started, attempts = attempts + 1, error = NULL
      WHERE jobs.status != 'done'
    `).run(key, model, seed, now());
  }

  /**
   * Records a finished job and its outputs (dataset version → artifact hash) in one transaction. Recording the
   * same job again keeps its first artifact and metrics and sets the outputs it lists (adding new datasets).
   */
  finishJob(key: string, model: string, seed: number, artifact: string, metrics: JobMetrics, outputs: Record<string, string>): void {
    this.#db.transaction(() => {
      const t = now();
      this.#db.prepare(`
        INSERT INTO jobs (key, model, seed, status, started, finished, metrics, artifact, attempts) VALUES (?, ?, ?, 'done', ?, ?, ?, ?, 0)
        ON CONFLICT(key) DO UPDATE SET status = 'done', finished = excluded.finished, metrics = excluded.metrics, artifact = excluded.artifact, error = NULL
        WHERE jobs.status != 'done'
      `).run(key, model, seed, t, t, JSON.stringify(metrics), artifact);
      const insert = this.#db.prepare('INSERT OR REPLACE INTO outputs (job, dataset, artifact) VALUES (?, ?, ?)');
      for (const [dataset, hash] of Object.entries(outputs)) insert.run(key, dataset, hash);
    })();
  }

  /** Deletes a job and its outputs (e.g. when its model artifact file has gone), so it is computed again. */
  forgetJob(key: string): void {
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM outputs WHERE job = ?').run(key);
      this.#db.prepare('DELETE FROM jobs WHERE key = ?').run(key);
    })();
  }

  failJob(key: string, error: string): void {
    this.#db.prepare("UPDATE jobs SET status = 'failed', error = ? WHERE key = ? AND status != 'done'").run(error, key);
  }

  /** Outputs of a job: dataset version → artifact hash. */
  outputs(key: string): Map<string, string> {
    const rows = this.#db.prepare('SELECT dataset, artifact FROM outputs WHERE job = ?').all(key) as { dataset: string; artifact: string }[];
    return new Map(rows.map((r) => [r.dataset, r.artifact]));
  }

  // ---- runs and losses ------------------------------------------------------------------------------------

  /** Creates the run, or returns the existing one with the same id (a rerun resumes it). */
  openRun(id: string, name: string, config: Json): RunRecord {
    const t = now();
    this.#db.prepare("INSERT OR IGNORE INTO runs (id, name, created, updated, config, status) VALUES (?, ?, ?, ?, ?, 'running')")
      .run(id, name, t, t, JSON.stringify(config));
    this.#db.prepare("UPDATE runs SET status = 'running', updated = ? WHERE id = ?").run(t, id);
    return this.run(id)!;
  }

  setRunStatus(id: string, status: RunStatus): void {
    this.#db.prepare('UPDATE runs SET status = ?, updated = ? WHERE id = ?').run(status, now(), id);
  }

  /** Marks the run done and keeps its result (e.g. an UpdateEvaluation) as JSON. */
  finishRun(id: string, result: Json): void {
    this.#db.prepare("UPDATE runs SET status = 'done', result = ?, updated = ? WHERE id = ?").run(JSON.stringify(result), now(), id);
  }

  run(id: string): RunRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row === undefined ? undefined : toRunRecord(row);
  }

  runs(): RunRecord[] {
    return (this.#db.prepare('SELECT * FROM runs ORDER BY created, id').all() as RunRow[]).map(toRunRecord);
  }

  /** Records per-seed losses; a row with the same (run, seed, variant, model, loss) is replaced, never duplicated. */
  recordLosses(rows: LossRecord[]): void {
    const insert = this.#db.prepare('INSERT OR REPLACE INTO losses (run, seed, variant, model, loss, value, job) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#db.transaction(() => {
      for (const r of rows) insert.run(r.run, r.seed, r.variant, r.model, r.loss, r.value, r.job);
    })();
  }

  losses(run: string): LossRecord[] {
    return this.#db.prepare('SELECT * FROM losses WHERE run = ? ORDER BY variant, model, seed').all(run) as LossRecord[];
  }
}

type RunRow = Omit<RunRecord, 'config' | 'result'> & { config: string; result: string | null };

function toRunRecord(row: RunRow): RunRecord {
  return { ...row, config: JSON.parse(row.config) as Json, result: row.result === null ? null : (JSON.parse(row.result) as Json) };
}

function toJobRecord(row: JobRow): JobRecord {
  return { ...row, metrics: row.metrics === null ? null : (JSON.parse(row.metrics) as JobMetrics) };
}

/** Opens (creating if needed) the store in `dir` (default ./.entangle). */
export function openStore(dir: string = DEFAULT_STORE_DIR): Store {
  return new Store(dir);
}
