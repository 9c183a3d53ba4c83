// Albedo of every surface as a function of its own coordinates (metres), so both views see the same texture.
import { fbm, hash2, valueNoise } from './noise.js';
import type { Material, Street } from './scene.js';

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

function frac(v: number): number {
  return v - Math.floor(v);
}

/** Albedo of a primitive's surface at face coordinates (s horizontal, t vertical or second axis, metres). */
export function materialAlbedo(m: Material, s: number, t: number): number {
  switch (m.kind) {
    case 'facade': {
      // wall noise plus a window grid: floors every p2 m, columns every p1 m
      const wall = m.base + m.contrast * (fbm(s, t, 0.8, m.seed, 4) - 0.5);
      const col = frac(s / m.p1), row = frac(t / m.p2);
      const column = Math.floor(s / m.p1), floor = Math.floor(t / m.p2);
      if (col > 0.2 && col < 0.75 && row > 0.3 && row < 0.8 && hash2(column, floor, m.seed + 7) > 0.12) {
        const lit = hash2(column, floor, m.seed + 3);
        return clamp01(0.08 + 0.35 * lit * lit + 0.08 * valueNoise(s * 4, t * 4, m.seed + 11));
      }
      return clamp01(wall);
    }
    case 'paint':
      return clamp01(m.base + m.contrast * (fbm(s, t, 0.6, m.seed, 3) - 0.5) + (t < 0.12 ? -0.15 : 0));
    case 'glass':
      return clamp01(m.base + m.contrast * (fbm(s + 0.7 * t, t, 0.5, m.seed, 3) - 0.5));
    case 'tire':
      return clamp01(m.base + m.contrast * (valueNoise(s * 12, t * 12, m.seed) - 0.5));
    case 'cloth': {
      const stripes = Math.sin((2 * Math.PI * t) / m.p1) > 0.3 ? m.contrast * 0.5 : 0;
      return clamp01(m.base + stripes + m.contrast * (fbm(s, t, 0.15, m.seed, 3) - 0.5));
    }
    case 'skin':
      return clamp01(m.base + m.contrast * (valueNoise(s * 20, t * 20, m.seed) - 0.5));
    case 'metal':
      return clamp01(m.base + m.contrast * (fbm(s * 4, t * 0.5, 0.5, m.seed, 2) - 0.5));
    case 'bark':
      return clamp01(m.base + m.contrast * (fbm(s * 3, t * 0.6, 0.3, m.seed, 4) - 0.5));
    case 'foliage':
      return clamp01(m.base + m.contrast * (fbm(s, t, 0.25, m.seed, 4) - 0.5));
    case 'plastic':
      return clamp01(m.base + m.contrast * (fbm(s, t, 0.3, m.seed, 2) - 0.5) + (frac(t / m.p1) < 0.1 ? -0.1 : 0));
    case 'poster': {
      const block = hash2(Math.floor(s / m.p1), Math.floor(t / m.p2), m.seed);
      return clamp01(m.base + m.contrast * (block - 0.5) + 0.1 * (fbm(s, t, 0.2, m.seed + 5, 3) - 0.5));
    }
  }
}

/** Road surface at (x, z): asphalt with grain and painted lane lines. */
export function roadAlbedo(st: Street, x: number, z: number): number {
  for (const line of st.lines) {
    if (Math.abs(x - line.x) < line.width / 2 && (line.period === 0 || frac((z + line.phase) / line.period) < line.duty)) {
      return clamp01(0.78 + 0.12 * (valueNoise(x * 10, z * 10, st.asphaltSeed + 99) - 0.5));
    }
  }
  const large = fbm(x, z, 1.5, st.asphaltSeed, 3);
  const fine = fbm(x, z, 0.12, st.asphaltSeed + 17, 3);
  return clamp01(st.asphaltBase + 0.18 * (large - 0.5) + 0.22 * (fine - 0.5));
}

/** Sidewalk at (x, z): tiles with grout lines and per-tile brightness. */
export function sidewalkAlbedo(st: Street, x: number, z: number): number {
  const gx = frac(x / st.tile), gz = frac(z / st.tile);
  if (gx < 0.06 || gz < 0.06) return clamp01(st.sidewalkBase - 0.22);
  const tileTone = hash2(Math.floor(x / st.tile), Math.floor(z / st.tile), st.sidewalkSeed) - 0.5;
  return clamp01(st.sidewalkBase + 0.12 * tileTone + 0.16 * (fbm(x, z, 0.1, st.sidewalkSeed + 5, 2) - 0.5));
}

/** Vertical curb face at (z, height above the road). */
export function curbAlbedo(st: Street, z: number, h: number): number {
  return clamp01(0.62 + 0.15 * (fbm(z, h, 0.08, st.sidewalkSeed + 23, 2) - 0.5));
}

/** Backdrop plane at (x, height above the road): a far building row below a skyline, smooth sky above. */
export function backdropAlbedo(st: Street, x: number, h: number): number {
  const block = Math.floor(x / 6);
  const skyline = 8 + 22 * hash2(block, 0, st.skylineSeed);
  if (h > skyline) return clamp01(0.82 - 0.004 * (h - skyline) + 0.03 * (valueNoise(x / 40, h / 20, st.skylineSeed + 1) - 0.5));
  const tone = 0.35 + 0.3 * hash2(block, 1, st.skylineSeed);
  const win = frac(x / 2.5) > 0.3 && frac(h / 3) > 0.4 ? -0.12 : 0;
  return clamp01(tone + win + 0.15 * (fbm(x, h, 1, st.skylineSeed + 2, 3) - 0.5));
}
