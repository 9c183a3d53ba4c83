// Label-noise procedures of the paper's Section 4 experiments, following the reference code (utils.get_dataset).
import { type DigitData, contentHash, deriveVersion, makeDigitData, takeExamples } from './digits.js';
import { DataError } from './errors.js';
import { chooseWithoutReplacement, createRng, permutation } from './random.js';
import { requireClasses } from './subsets.js';

export interface LossMismatchNoiseOptions {
  /** Noisy extra examples per clean example (the paper's 1:r ratio); any real r >= 0. */
  r: number;
  seed: number;
  /** Share of the data that forms the clean part (reference: 0.1). */
  cleanFraction?: number;
  /** Label pairs that are swapped in the noisy part (reference: 1<->3 and 7<->9). */
  pairs?: [number, number][];
}

/**
 * Section 4.1.1 noise. Permute the data with `seed`; the first floor(cleanFraction * n) examples are clean, the next
 * floor(r * clean) are the noisy extras. In the noisy block, for each pair (a, b) in order, exactly
 * floor(half) of the examples labelled a or b (listed as all a's then all b's, chosen without replacement) get
 * label a + b - y. Output order: clean block, then noisy block; `trueLabels` keeps the labels before flipping.
 */
export function lossMismatchNoise(data: DigitData, options: LossMismatchNoiseOptions): DigitData {
  const { r, seed } = options;
  const cleanFraction = options.cleanFraction ?? 0.1;
  const pairs = options.pairs ?? [[1, 3], [7, 9]];
  if (!Number.isFinite(r) || r < 0) throw new DataError(`lossMismatchNoise: r (noisy examples per clean one) must be >= 0, got r = ${r}.`);
  if (!(cleanFraction > 0 && cleanFraction <= 1)) {
    throw new DataError(`lossMismatchNoise: cleanFraction must be in (0, 1], got ${cleanFraction}.`);
  }
  requireClasses(data, pairs.flat(), 'lossMismatchNoise');
  const n = data.shape[0];
  const clean = Math.floor(cleanFraction * n + 1e-9);
  const noisy = Math.floor(r * clean + 1e-9);
  if (clean === 0) throw new DataError(`lossMismatchNoise: cleanFraction ${cleanFraction} of ${n} examples leaves no clean example.`);
  if (clean + noisy > n) {
    throw new DataError(
      `lossMismatchNoise: r = ${r} needs ${clean} clean + ${noisy} noisy = ${clean + noisy} examples, but ${data.source} has ${n}. ` +
        `Use r <= ${Math.floor((n - clean) / clean)} or a smaller cleanFraction.`,
    );
  }
  const rng = createRng(seed);
  const order = permutation(n, rng).subarray(0, clean + noisy);
  const params = { r, seed, cleanFraction, pairs };
  const picked = takeExamples(data, order, 'loss-mismatch-noise/pick', params);
  const labels = picked.labels.slice();
  for (const [a, b] of pairs) {
    const candidates: number[] = [];
    for (const want of [a, b]) for (let i = clean; i < clean + noisy; i++) if (labels[i] === want) candidates.push(i);
    const flip = chooseWithoutReplacement(candidates.length, Math.floor(candidates.length * 0.5), rng);
    for (const k of flip) labels[candidates[k]] = a + b - labels[candidates[k]];
  }
  return makeDigitData({
    images: picked.images,
    shape: picked.shape,
    labels,
    trueLabels: picked.trueLabels ?? picked.labels,
    origin: picked.origin,
    source: picked.source,
    version: deriveVersion(data.version, 'loss-mismatch-noise', params),
  });
}

export interface FlipTopRankedOptions {
  /** Positions into `data`, most difficult first (e.g. the area-under-the-loss ranking of Section 4.2). */
  ranking: ArrayLike<number>;
  /** Share of the ranking to flip, in percent [0, 100] (the paper's p; the reference script's p is twice this). */
  percent: number;
  /** Label pairs that are swapped (reference: 1<->7, i.e. y <- 8 - y). */
  pairs?: [number, number][];
}

/**
 * Section 4.2 noise: the first floor(percent/100 * ranking.length) examples of the ranking get their pair's other
 * label. Every ranked example must carry a label from one of the pairs. The ranking itself comes from a training
 * run elsewhere; this function only checks it is a list of distinct positions into `data`.
 */
export function flipTopRanked(data: DigitData, options: FlipTopRankedOptions): DigitData {
  const { ranking, percent } = options;
  const pairs = options.pairs ?? [[1, 7]];
  if (!(percent >= 0 && percent <= 100)) throw new DataError(`flipTopRanked: percent must be in [0, 100], got ${percent}.`);
  const n = data.shape[0];
  const seen = new Uint8Array(n);
  for (let k = 0; k < ranking.length; k++) {
    const i = ranking[k];
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new DataError(`flipTopRanked: ranking[${k}] = ${i} is not a position in ${data.source} (0..${n - 1}).`);
    }
    if (seen[i]) throw new DataError(`flipTopRanked: ranking lists position ${i} twice (second time at ranking[${k}]).`);
    seen[i] = 1;
  }
  const partner = new Map<number, number>();
  for (const [a, b] of pairs) { partner.set(a, b); partner.set(b, a); }
  const count = Math.floor((percent / 100) * ranking.length + 1e-9);
  const labels = data.labels.slice();
  for (let k = 0; k < count; k++) {
    const i = ranking[k];
    const other = partner.get(data.labels[i]);
    if (other === undefined) {
      throw new DataError(
        `flipTopRanked: ranked example at position ${i} has label ${data.labels[i]}, which is in no flip pair ` +
          `(${pairs.map(([a, b]) => `${a}<->${b}`).join(', ')}). Rank only examples of the paired classes.`,
      );
    }
    labels[i] = other;
  }
  return makeDigitData({
    images: data.images,
    shape: data.shape,
    labels,
    trueLabels: data.trueLabels ?? data.labels,
    origin: data.origin,
    source: data.source,
    version: deriveVersion(data.version, 'flip-top-ranked', { ranking: contentHash([Int32Array.from(ranking)]), percent, pairs }),
  });
}
