// Convex polygons in the plane as flat [x0, y0, x1, y1, ...] arrays; used for rotated-box overlaps.

/** Signed area by the shoelace formula (positive when the vertices run counter-clockwise). */
export function signedArea(poly: ArrayLike<number>): number {
  const n = poly.length / 2;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    s += poly[2 * i] * poly[2 * j + 1] - poly[2 * j] * poly[2 * i + 1];
  }
  return s / 2;
}

/** Area of a simple polygon (either orientation). */
export function polygonArea(poly: ArrayLike<number>): number {
  return Math.abs(signedArea(poly));
}

/** The same polygon with counter-clockwise vertex order. */
export function counterClockwise(poly: number[]): number[] {
  if (signedArea(poly) >= 0) return poly;
  const out: number[] = [];
  for (let i = poly.length / 2 - 1; i >= 0; i--) out.push(poly[2 * i], poly[2 * i + 1]);
  return out;
}

/**
 * Intersection of a polygon with a convex polygon (Sutherland–Hodgman clipping).
 * Both must be counter-clockwise; the result is counter-clockwise and may be empty.
 */
export function clipConvex(subject: number[], clip: number[]): number[] {
  let output = subject;
  const m = clip.length / 2;
  for (let e = 0; e < m && output.length > 0; e++) {
    const ax = clip[2 * e], ay = clip[2 * e + 1];
    const bx = clip[(2 * e + 2) % clip.length], by = clip[(2 * e + 3) % clip.length];
    const ex = bx - ax, ey = by - ay;
    const input = output;
    output = [];
    const n = input.length / 2;
    for (let i = 0; i < n; i++) {
      const px = input[2 * i], py = input[2 * i + 1];
      const qx = input[(2 * i + 2) % input.length], qy = input[(2 * i + 3) % input.length];
      // side > 0: left of the edge (inside for a counter-clockwise clip polygon)
      const sp = ex * (py - ay) - ey * (px - ax);
      const sq = ex * (qy - ay) - ey * (qx - ax);
      if (sp >= 0) output.push(px, py);
      if ((sp >= 0) !== (sq >= 0) && sp !== sq) {
        const t = sp / (sp - sq);
        output.push(px + t * (qx - px), py + t * (qy - py));
      }
    }
  }
  return output.length >= 6 ? output : [];
}

/** Area of the intersection of two convex polygons (any orientation). */
export function convexIntersectionArea(a: number[], b: number[]): number {
  const clipped = clipConvex(counterClockwise(a), counterClockwise(b));
  return clipped.length === 0 ? 0 : polygonArea(clipped);
}
