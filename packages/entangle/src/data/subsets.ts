// Class filters, relabelling and seeded subsamples, following the reference code's utils.get_dataset.
import { type DigitData, classCounts, deriveVersion, makeDigitData, takeExamples } from './digits.js';
import { DataError } from './errors.js';
import { chooseWithoutReplacement, createRng, permutation } from './random.js';

/** Throws when any of `classes` has no example in `data`; `context` says which procedure needed them. */
export function requireClasses(data: DigitData, classes: number[], context: string): void {
  const present = new Set(data.classes);
  const missing = classes.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new DataError(
      `${context} needs class${missing.length > 1 ? 'es' : ''} ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} ` +
        `missing from ${data.source} (it has ${data.classes.join(', ') || 'no examples'}). ` +
        'Choose classes the data has, or a data source that contains them.',
    );
  }
}

/** The examples whose label is one of `classes`, in their original order. */
export function filterClasses(data: DigitData, classes: number[]): DigitData {
  requireClasses(data, classes, `filterClasses([${classes.join(', ')}])`);
  const keep = new Set(classes);
  const indices: number[] = [];
  data.labels.forEach((y, i) => keep.has(y) && indices.push(i));
  return takeExamples(data, indices, 'filter-classes', [...keep].sort((a, b) => a - b));
}

/** Maps every label through `map` (e.g. {1: 0, 3: 1, 7: 2, 9: 3}); true labels, if any, are mapped too. */
export function relabel(data: DigitData, map: Record<number, number>): DigitData {
  const lookup = (y: number, i: number): number => {
    const v = map[y];
    if (v === undefined) {
      throw new DataError(
        `relabel: example ${i} has label ${y}, which the map {${Object.entries(map).map(([k, v]) => `${k}: ${v}`).join(', ')}} ` +
          'does not cover. Filter the classes first or add the label to the map.',
      );
    }
    return v;
  };
  const labels = data.labels.map(lookup);
  const trueLabels = data.trueLabels?.map(lookup);
  const entries = Object.entries(map).map(([k, v]) => [Number(k), v]).sort((a, b) => a[0] - b[0]);
  return makeDigitData({
    images: data.images,
    shape: data.shape,
    labels,
    trueLabels,
    origin: data.origin,
    source: data.source,
    version: deriveVersion(data.version, 'relabel', entries),
  });
}

/**
 * Class-balanced subsample (reference: `select_data` with np.random.seed(0)): for each class in the given order,
 * draw min-count examples without replacement from that class (in random order) and concatenate the classes.
 */
export function balancedSubsample(data: DigitData, classes: number[], seed = 0): DigitData {
  requireClasses(data, classes, `balancedSubsample([${classes.join(', ')}])`);
  const members = classes.map((c) => {
    const idx: number[] = [];
    data.labels.forEach((y, i) => y === c && idx.push(i));
    return idx;
  });
  const perClass = Math.min(...members.map((m) => m.length));
  const rng = createRng(seed);
  const chosen: number[] = [];
  for (const m of members) for (const k of chooseWithoutReplacement(m.length, perClass, rng)) chosen.push(m[k]);
  return takeExamples(data, chosen, 'balanced-subsample', { classes, seed });
}

/**
 * A random `percent`% of the examples (reference: `rand_perm[:int(p * len)]` with np.random.seed(seed)):
 * the first floor(percent/100 * n) entries of a seeded permutation, in permutation order.
 */
export function randomSubset(data: DigitData, percent: number, seed: number): DigitData {
  if (!(percent > 0 && percent <= 100)) {
    throw new DataError(`randomSubset: p must be in (0, 100] percent, got p = ${percent}.`);
  }
  const n = data.shape[0];
  const count = Math.floor((percent / 100) * n + 1e-9);
  if (count === 0) {
    throw new DataError(`randomSubset: p = ${percent}% of ${n} examples selects none; use a larger p (at least ${(100 / n).toPrecision(3)}%).`);
  }
  const order = permutation(n, createRng(seed)).subarray(0, count);
  return takeExamples(data, order, 'random-subset', { percent, seed });
}

/** Per-class counts as a plain object, for logs and reports. */
export function describeCounts(data: DigitData): Record<string, number> {
  return Object.fromEntries([...classCounts(data.labels)].map(([k, v]) => [String(k), v]));
}
