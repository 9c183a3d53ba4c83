// The §4.2 difficulty ranking: train a classifier on the clean {1,7,6} task recording every example's loss in every
// epoch, and rank the 1s and 7s by the area under their training-loss curve (Arazo et al., 2019), hardest first.
// Deterministic in (data, learner, seed); cached as JSON so that a run, its workers and a rerun share one ranking.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import '../../learners/index.js';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { canonicalJson, sha256 } from '../../core/canonical-json.js';
import { ContractError } from '../../core/errors.js';
import type { LearnerSpec } from '../../core/types.js';
import type { NetModel } from '../../learners/net-learner.js';
import { getLearner } from '../../registry/registry.js';
import { rankByAreaUnderLoss } from '../../train/aul.js';
import { anticorrelatedData } from './anticorrelated.js';
import type { DigitsSource } from './data.js';

export interface AulRankingOptions {
  source: DigitsSource;
  /** The ranker: a network learner (its `train` args get recordExampleLosses). */
  learner: LearnerSpec;
  seed: number;
  /** Directory of the JSON cache; null computes without caching. */
  cacheDir: string | null;
  threads?: number;
}

export interface AulRanking {
  /** Positions of the 1s and 7s in the balanced training set, largest area under the loss first. */
  ranking: number[];
  /** True when read from the cache. */
  cached: boolean;
  file: string | null;
}

const CLASS_INDEX: Record<number, number> = { 1: 0, 7: 1, 6: 2 };

/** Ranks the balanced training set's 1s and 7s by the area under their training-loss curve (see docs/scenarios-digits.md). */
export async function aulRanking(options: AulRankingOptions): Promise<AulRanking> {
  const { train } = anticorrelatedData(options.source);
  const key = sha256(canonicalJson({ what: 'digits-aul-ranking/1', data: train.version, learner: options.learner, seed: options.seed })).slice(0, 24);
  const file = options.cacheDir === null ? null : join(options.cacheDir, `digits-aul-${key}.json`);
  if (file !== null) {
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; ranking?: number[] };
      if (stored.key === key && Array.isArray(stored.ranking)) return { ranking: stored.ranking, cached: true, file };
    } catch {
      // Not cached yet (or unreadable): compute it.
    }
  }
  const n = train.shape[0];
  const labels = Float32Array.from(train.labels, (y) => CLASS_INDEX[y]);
  const args = { ...options.learner.args, output: 'label', classes: 3, train: { ...(options.learner.args.train as object ?? {}), recordExampleLosses: true } };
  const model = (await getLearner(options.learner.kind).fit(
    { inputs: { size: n, blocks: [{ name: 'image', kind: 'field', value: { shape: [...train.shape], data: train.images } }] }, target: { shape: [n], data: labels } },
    args,
    { seed: options.seed, model: 'aul-ranker', ...(options.threads ? { threads: options.threads } : {}) },
  )) as NetModel<never>;
  const losses = model.report?.exampleLosses ?? null;
  model.dispose();
  if (losses === null) throw new ContractError(`aulRanking: learner '${options.learner.kind}' recorded no per-example training losses; use a network learner trained by the loop (mlp, convnet, resnet).`);
  const pool: number[] = [];
  train.labels.forEach((y, i) => (y === 1 || y === 7) && pool.push(i));
  const ranking = rankByAreaUnderLoss(losses, pool);
  if (file !== null) {
    mkdirSync(options.cacheDir!, { recursive: true });
    writeFileAtomic(file, JSON.stringify({ key, data: train.version, learner: options.learner, seed: options.seed, ranking }));
  }
  return { ranking, cached: false, file };
}
