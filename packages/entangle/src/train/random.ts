// Seeded pseudo-random numbers in plain JS, for shuffling, splits and augmentation.
// Generator: mulberry32 (32-bit state, period 2^32), seeded through a splitmix32-style mix of (seed, stream).

/** A deterministic stream of numbers: same (seed, stream) ⇒ same sequence on every machine. */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of resolution. */
  nextFloat(): number;
  /** Uniform integer in [0, n) for 1 <= n <= 2^32 (rejection sampling, so exactly uniform). */
  nextInt(n: number): number;
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hashes a stream label (e.g. 'shuffle') to 32 bits (FNV-1a). */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Creates a generator for `seed` (any integer or float; it is hashed) and an optional named stream. */
export function createRng(seed: number, stream = ''): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number; got ${seed}.`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let state = mix32(mix32(lo ^ 0x9e3779b9) ^ mix32(hi + 0x632be5ab) ^ hashLabel(stream));
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const nextInt = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 4294967296) throw new RangeError(`Rng.nextInt: n must be an integer in [1, 2^32]; got ${n}.`);
    const limit = 4294967296 - (4294967296 % n); // largest multiple of n that fits: reject above it
    for (;;) {
      const u = nextUint32();
      if (u < limit) return u % n;
    }
  };
  return { nextUint32, nextFloat: () => nextUint32() / 4294967296, nextInt };
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates, drawing from `rng`). */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
