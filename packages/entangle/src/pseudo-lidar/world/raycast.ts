// Analytic ray casting of a scene from one camera (left at x = 0 or right at x = baseline).
// Rays leave the optical centre with direction ((u − c_u)/f_u, (v − c_v)/f_v, 1), so the hit parameter t is the depth z.
import { boxCorners, projectCorners } from '../geometry/box3d.js';
import type { StereoCalibration } from '../geometry/calib.js';
import { backdropAlbedo, curbAlbedo, materialAlbedo, roadAlbedo, sidewalkAlbedo } from './materials.js';
import type { Primitive, Scene } from './scene.js';

/** What a ray hit. */
export const HitKind = { Backdrop: 0, Road: 1, Sidewalk: 2, Curb: 3, Primitive: 4 } as const;
export type HitKind = (typeof HitKind)[keyof typeof HitKind];

const STRIDE = 12;
const EPS = 1e-6;

/** Reusable tracer for one scene and one camera position; the last hit is kept in its fields. */
export class Tracer {
  readonly originX: number;
  private readonly prims: Primitive[];
  private readonly isBox: Uint8Array;
  private readonly P: Float64Array;
  /** Screen bounds per primitive: umin, vmin, umax, vmax. */
  private readonly bounds: Float64Array;
  /** Candidate primitives per image row. */
  private readonly rows: Int32Array[];

  // last hit
  t = 0;
  kind: HitKind = HitKind.Backdrop;
  prim = -1;
  /** Box: 0 x, 1 y, 2 z face; cylinder: 0 side, 1 top cap. */
  axis = 0;
  sign = 0;
  dx = 0;
  dy = 0;

  constructor(private readonly scene: Scene, private readonly calib: StereoCalibration, originX: number) {
    this.originX = originX;
    this.prims = scene.primitives;
    const n = this.prims.length;
    this.isBox = new Uint8Array(n);
    this.P = new Float64Array(n * STRIDE);
    this.bounds = new Float64Array(n * 4);
    const rowLists: number[][] = Array.from({ length: calib.height }, () => []);
    this.prims.forEach((p, i) => {
      const b = i * STRIDE;
      const P = this.P;
      if (p.shape === 'box') {
        this.isBox[i] = 1;
        const c = Math.cos(p.rotationY), s = Math.sin(p.rotationY);
        const px = originX - p.cx, py = -p.cy, pz = -p.cz;
        P[b] = p.hx; P[b + 1] = p.hy; P[b + 2] = p.hz; P[b + 3] = c; P[b + 4] = s;
        P[b + 5] = c * px - s * pz; P[b + 6] = py; P[b + 7] = s * px + c * pz; // origin in the box frame (Rᵀ)
      } else {
        P[b] = p.r; P[b + 1] = p.yTop; P[b + 2] = p.yBottom;
        P[b + 5] = originX - p.cx; P[b + 7] = -p.cz;
      }
      const rect = projectCorners(boxCorners(boundingBox(p)), calib, originX);
      if (rect === null) {
        this.bounds.set([1, 1, 0, 0], i * 4); // empty: never hit
        return;
      }
      this.bounds.set(rect, i * 4);
      const v0 = Math.max(0, Math.ceil(rect[1] - 0.5 - 1e-9));
      const v1 = Math.min(calib.height - 1, Math.floor(rect[3] + 0.5 + 1e-9));
      for (let v = v0; v <= v1; v++) rowLists[v].push(i);
    });
    this.rows = rowLists.map((l) => Int32Array.from(l));
  }

  /** Nearest hit of the ray through image point (u, v); `row` is the pixel row whose candidates are tested. */
  trace(u: number, v: number, row: number): void {
    const c = this.calib, st = this.scene.street;
    const dx = (u - c.cu) / c.fu, dy = (v - c.cv) / c.fv;
    const ox = this.originX;
    this.dx = dx;
    this.dy = dy;
    let best = st.backdropZ;
    this.kind = HitKind.Backdrop;
    this.prim = -1;
    if (dy > 0) {
      const ts = (st.cameraHeight - st.curb) / dy;
      const xs = ox + ts * dx;
      if (xs <= st.roadLeft || xs >= st.roadRight) {
        if (ts < best) { best = ts; this.kind = HitKind.Sidewalk; }
      } else {
        const tr = st.cameraHeight / dy;
        const xr = ox + tr * dx;
        if (xr > st.roadLeft && xr < st.roadRight) {
          if (tr < best) { best = tr; this.kind = HitKind.Road; }
        } else {
          const edge = xr <= st.roadLeft ? st.roadLeft : st.roadRight;
          const tc = (edge - ox) / dx;
          if (tc < best) { best = tc; this.kind = HitKind.Curb; this.sign = edge === st.roadLeft ? 1 : -1; }
        }
      }
    }
    const list = this.rows[row];
    const B = this.bounds;
    for (let k = 0; k < list.length; k++) {
      const i = list[k];
      const q = i * 4;
      if (u < B[q] || u > B[q + 2] || v < B[q + 1] || v > B[q + 3]) continue;
      const t = this.isBox[i] === 1 ? this.hitBox(i, dx, dy, best) : this.hitCylinder(i, dx, dy, best);
      if (t < best) {
        best = t;
        this.kind = HitKind.Primitive;
        this.prim = i;
      }
    }
    this.t = best;
  }

  /** Whether the ray through (u, v) hits one of `only` (used for unoccluded silhouettes). */
  hitsAny(u: number, v: number, only: number[]): boolean {
    const c = this.calib;
    const dx = (u - c.cu) / c.fu, dy = (v - c.cv) / c.fv;
    for (const i of only) {
      const t = this.isBox[i] === 1 ? this.hitBox(i, dx, dy, Infinity) : this.hitCylinder(i, dx, dy, Infinity);
      if (t < Infinity) return true;
    }
    return false;
  }

  private hitBox(i: number, dx: number, dy: number, best: number): number {
    const P = this.P, b = i * STRIDE;
    const hx = P[b], hy = P[b + 1], hz = P[b + 2], c = P[b + 3], s = P[b + 4];
    const lox = P[b + 5], loy = P[b + 6], loz = P[b + 7];
    const ldx = c * dx - s, ldy = dy, ldz = s * dx + c; // Rᵀ · (dx, dy, 1)
    let tmin = EPS, tmax = best, axis = -1, sign = 0;
    if (Math.abs(ldx) < 1e-12) {
      if (lox < -hx || lox > hx) return Infinity;
    } else {
      const inv = 1 / ldx;
      let t1 = (-hx - lox) * inv, t2 = (hx - lox) * inv;
      if (t1 > t2) { const tmp = t1; t1 = t2; t2 = tmp; }
      if (t1 > tmin) { tmin = t1; axis = 0; sign = ldx > 0 ? -1 : 1; }
      if (t2 < tmax) tmax = t2;
      if (tmin > tmax) return Infinity;
    }
    if (Math.abs(ldy) < 1e-12) {
      if (loy < -hy || loy > hy) return Infinity;
    } else {
      const inv = 1 / ldy;
      let t1 = (-hy - loy) * inv, t2 = (hy - loy) * inv;
      if (t1 > t2) { const tmp = t1; t1 = t2; t2 = tmp; }
      if (t1 > tmin) { tmin = t1; axis = 1; sign = ldy > 0 ? -1 : 1; }
      if (t2 < tmax) tmax = t2;
      if (tmin > tmax) return Infinity;
    }
    if (Math.abs(ldz) < 1e-12) {
      if (loz < -hz || loz > hz) return Infinity;
    } else {
      const inv = 1 / ldz;
      let t1 = (-hz - loz) * inv, t2 = (hz - loz) * inv;
      if (t1 > t2) { const tmp = t1; t1 = t2; t2 = tmp; }
      if (t1 > tmin) { tmin = t1; axis = 2; sign = ldz > 0 ? -1 : 1; }
      if (t2 < tmax) tmax = t2;
      if (tmin > tmax) return Infinity;
    }
    if (axis < 0 || tmin >= best) return Infinity; // origin inside, or farther than the best hit
    this.axis = axis;
    this.sign = sign;
    return tmin;
  }

  private hitCylinder(i: number, dx: number, dy: number, best: number): number {
    const P = this.P, b = i * STRIDE;
    const r = P[b], yTop = P[b + 1], yBottom = P[b + 2], px = P[b + 5], pz = P[b + 7];
    const a = dx * dx + 1;
    const hb = px * dx + pz;
    const cq = px * px + pz * pz - r * r;
    const disc = hb * hb - a * cq;
    if (disc < 0) return Infinity;
    const t0 = (-hb - Math.sqrt(disc)) / a;
    if (t0 > EPS && t0 < best) {
      const y = t0 * dy;
      if (y >= yTop && y <= yBottom) {
        this.axis = 0;
        return t0;
      }
    }
    if (dy !== 0) {
      const tc = yTop / dy;
      if (tc > EPS && tc < best) {
        const x = px + tc * dx, z = pz + tc;
        if (x * x + z * z <= r * r) {
          this.axis = 1;
          return tc;
        }
      }
    }
    return Infinity;
  }

  /** Radiance of the last hit: albedo × (ambient + (1 − ambient)·max(0, n·sun)) × exposure, with contact shadows. */
  shade(): number {
    const st = this.scene.street, light = this.scene.lighting;
    const t = this.t, dx = this.dx, dy = this.dy;
    const x = this.originX + t * dx, y = t * dy, z = t;
    let albedo: number, nx = 0, ny = 0, nz = 0;
    let ground = false;
    switch (this.kind) {
      case HitKind.Backdrop:
        albedo = backdropAlbedo(st, x, st.cameraHeight - y);
        nz = -1;
        break;
      case HitKind.Road:
        albedo = roadAlbedo(st, x, z);
        ny = -1;
        ground = true;
        break;
      case HitKind.Sidewalk:
        albedo = sidewalkAlbedo(st, x, z);
        ny = -1;
        ground = true;
        break;
      case HitKind.Curb:
        albedo = curbAlbedo(st, z, st.cameraHeight - y);
        nx = this.sign;
        break;
      default: {
        const p = this.prims[this.prim];
        if (p.shape === 'box') {
          const b = this.prim * STRIDE, P = this.P;
          const c = P[b + 3], s = P[b + 4];
          const lx = P[b + 5] + t * (c * dx - s), ly = P[b + 6] + t * dy, lz = P[b + 7] + t * (s * dx + c);
          const hx = P[b], hy = P[b + 1], hz = P[b + 2];
          let fs: number, ft: number;
          if (this.axis === 0) {
            nx = c * this.sign; nz = -s * this.sign;
            fs = lz + hz; ft = hy - ly;
          } else if (this.axis === 2) {
            nx = s * this.sign; nz = c * this.sign;
            fs = lx + hx; ft = hy - ly;
          } else {
            ny = this.sign;
            fs = lx + hx; ft = lz + hz;
          }
          albedo = materialAlbedo(p.material, fs, ft);
        } else {
          const px = x - p.cx, pz = z - p.cz;
          if (this.axis === 0) {
            nx = px / p.r; nz = pz / p.r;
            albedo = materialAlbedo(p.material, Math.atan2(pz, px) * p.r, p.yBottom - y);
          } else {
            ny = -1;
            albedo = materialAlbedo(p.material, px, pz);
          }
        }
      }
    }
    const sun = light.sun;
    const lambert = Math.max(0, nx * sun[0] + ny * sun[1] + nz * sun[2]);
    let radiance = albedo * (light.ambient + (1 - light.ambient) * lambert) * light.exposure;
    if (ground) radiance *= contactShadow(this.scene, x, z);
    return radiance;
  }
}

/** Darkening of the ground near and under standing things (soft, 0.45 at the centre of a footprint). */
function contactShadow(scene: Scene, x: number, z: number): number {
  let f = 1;
  for (const fp of scene.footprints) {
    const ddx = x - fp.x, ddz = z - fp.z;
    const reach = (fp.l + fp.w) / 2 + 0.6;
    if (ddx * ddx + ddz * ddz > reach * reach) continue;
    const c = Math.cos(fp.rotationY), s = Math.sin(fp.rotationY);
    const lx = Math.abs(c * ddx - s * ddz) - fp.l / 2;
    const lz = Math.abs(s * ddx + c * ddz) - fp.w / 2;
    const outside = Math.hypot(Math.max(lx, 0), Math.max(lz, 0));
    const g = 1 - 0.5 * Math.exp(-(outside * outside) / 0.08);
    if (g < f) f = g;
  }
  return f;
}

/** The box that bounds a primitive (for screen-space culling). */
function boundingBox(p: Primitive): { dimensions: [number, number, number]; location: [number, number, number]; rotationY: number } {
  if (p.shape === 'box') {
    return { dimensions: [2 * p.hy, 2 * p.hz, 2 * p.hx], location: [p.cx, p.cy + p.hy, p.cz], rotationY: p.rotationY };
  }
  return { dimensions: [p.yBottom - p.yTop, 2 * p.r, 2 * p.r], location: [p.cx, p.yBottom, p.cz], rotationY: 0 };
}
