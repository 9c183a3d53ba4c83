// Procedural value noise on surface coordinates (metres), so a texture sticks to its surface in both views.

/** Integer lattice hash → [0, 1). */
export function hash2(ix: number, iy: number, seed: number): number {
  let h = Math.imul(ix | 0, 0x27d4eb2d) ^ Math.imul(iy | 0, 0x165667b1) ^ Math.imul(seed | 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Smoothly interpolated lattice noise in [0, 1) with unit cell size. */
export function valueNoise(x: number, y: number, seed: number): number {
  const fx = Math.floor(x), fy = Math.floor(y);
  const tx = x - fx, ty = y - fy;
  const sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty);
  const a = hash2(fx, fy, seed), b = hash2(fx + 1, fy, seed);
  const c = hash2(fx, fy + 1, seed), d = hash2(fx + 1, fy + 1, seed);
  const top = a + (b - a) * sx;
  const bottom = c + (d - c) * sx;
  return top + (bottom - top) * sy;
}

/** Fractal sum of `octaves` value-noise layers, cell size `cell` (m) halving per octave; result in [0, 1). */
export function fbm(x: number, y: number, cell: number, seed: number, octaves = 3): number {
  let sum = 0, amp = 1, norm = 0, f = 1 / cell;
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise(x * f, y * f, seed + 1013 * o);
    norm += amp;
    amp *= 0.5;
    f *= 2;
  }
  return sum / norm;
}
