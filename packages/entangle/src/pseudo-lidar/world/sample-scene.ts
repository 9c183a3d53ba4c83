// Samples one street scene: road layout, buildings, lighting, cars, pedestrians and pedestrian-sized
// distractors with KITTI-like sizes, headings and distances (docs/pseudo-lidar.md lists every distribution).
import { boxBevPolygon } from '../geometry/box3d.js';
import { convexIntersectionArea } from '../geometry/polygon.js';
import { Rng } from './rng.js';
import type { Footprint, LaneLine, Material, MaterialKind, PlacedObject, Primitive, Scene, Street } from './scene.js';

/** Scene-content options (the image options live in WorldOptions). */
export interface SceneOptions {
  cameraHeight: number;
  /** Poisson means per frame. */
  carsPerFrame: number;
  pedestriansPerFrame: number;
  distractorsPerFrame: number;
  /** Range of the backdrop plane's distance (m); objects are only placed in front of it. Default [85, 110]. */
  backdropDistance: [number, number];
}

const LANE = 3.5;
const PARKING = 2.3;
/** Free gap kept between any two things standing on the ground (m). */
const MARGIN = 0.3;

function material(rng: Rng, kind: MaterialKind, base: number, contrast: number, p1 = 1, p2 = 1): Material {
  return { kind, base, contrast, seed: rng.int(2 ** 31), p1, p2 };
}

function clampNormal(rng: Rng, mean: number, sd: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, rng.normal(mean, sd)));
}

/** Draws from Gamma(k, θ) until the value lands in [lo, hi]. */
function truncatedGamma(rng: Rng, k: number, theta: number, lo: number, hi: number): number {
  for (let i = 0; i < 100; i++) {
    const v = rng.gamma(k, theta);
    if (v >= lo && v <= hi) return v;
  }
  return rng.uniform(lo, hi);
}

interface Layout {
  street: Street;
  /** Lane centres with the heading of their traffic (ry). */
  lanes: { x: number; ry: number; parking: boolean }[];
  roadCenter: number;
}

function sampleStreet(rng: Rng, cameraHeight: number, backdrop: [number, number]): Layout {
  const lanesPerSide = rng.chance(0.4) ? 1 : 2;
  const lane = rng.uniform(3.2, 3.7);
  const egoLane = rng.int(lanesPerSide);
  const roadCenter = -(lane / 2 + egoLane * lane);
  const parkLeft = rng.chance(0.5), parkRight = rng.chance(0.5);
  const roadLeft = roadCenter - lanesPerSide * lane - (parkLeft ? PARKING : 0);
  const roadRight = roadCenter + lanesPerSide * lane + (parkRight ? PARKING : 0);
  const lanes: Layout['lanes'] = [];
  for (let k = 0; k < lanesPerSide; k++) {
    lanes.push({ x: roadCenter + lane * (k + 0.5), ry: -Math.PI / 2, parking: false });
    lanes.push({ x: roadCenter - lane * (k + 0.5), ry: Math.PI / 2, parking: false });
  }
  if (parkRight) lanes.push({ x: roadRight - PARKING / 2, ry: -Math.PI / 2, parking: true });
  if (parkLeft) lanes.push({ x: roadLeft + PARKING / 2, ry: Math.PI / 2, parking: true });
  const lines: LaneLine[] = [
    { x: roadCenter - 0.12, width: 0.12, period: 0, duty: 1, phase: 0 },
    { x: roadCenter + 0.12, width: 0.12, period: 0, duty: 1, phase: 0 },
    { x: roadCenter - lanesPerSide * lane + 0.1, width: 0.15, period: 0, duty: 1, phase: 0 },
    { x: roadCenter + lanesPerSide * lane - 0.1, width: 0.15, period: 0, duty: 1, phase: 0 },
  ];
  for (let k = 1; k < lanesPerSide; k++) {
    for (const side of [-1, 1]) lines.push({ x: roadCenter + side * k * lane, width: 0.15, period: 9, duty: 1 / 3, phase: rng.uniform(0, 9) });
  }
  const street: Street = {
    cameraHeight,
    roadLeft, roadRight,
    curb: rng.uniform(0.1, 0.16),
    facadeLeft: -roadLeft + rng.uniform(2.5, 5),
    facadeRight: roadRight + rng.uniform(2.5, 5),
    lines,
    backdropZ: rng.uniform(backdrop[0], backdrop[1]),
    skylineSeed: rng.int(2 ** 31),
    asphaltSeed: rng.int(2 ** 31),
    asphaltBase: rng.uniform(0.28, 0.42),
    sidewalkSeed: rng.int(2 ** 31),
    sidewalkBase: rng.uniform(0.5, 0.65),
    tile: rng.uniform(0.3, 0.6),
  };
  return { street, lanes, roadCenter };
}

function buildings(rng: Rng, st: Street): Primitive[] {
  const out: Primitive[] = [];
  for (const side of [-1, 1]) {
    const face = side < 0 ? st.facadeLeft : st.facadeRight;
    let z = -8;
    while (z < st.backdropZ) {
      if (rng.chance(0.1)) {
        z += rng.uniform(6, 14); // side street: the backdrop shows through
        continue;
      }
      const len = Math.min(rng.uniform(8, 30), st.backdropZ - z);
      const setback = rng.chance(0.6) ? 0 : rng.uniform(0.3, 2);
      const height = rng.uniform(5, 22);
      const depth = 15;
      const top = st.cameraHeight - height, bottom = st.cameraHeight + 0.5;
      out.push({
        shape: 'box',
        cx: side * (face + setback + depth / 2), cy: (top + bottom) / 2, cz: z + len / 2,
        hx: depth / 2, hy: (bottom - top) / 2, hz: len / 2, rotationY: 0,
        material: material(rng, 'facade', rng.uniform(0.3, 0.72), rng.uniform(0.15, 0.3), rng.uniform(2, 3.5), rng.uniform(2.8, 3.4)),
        owner: -1,
      });
      z += len;
    }
  }
  return out;
}

/** A box part of an object, placed at (along, up, across) in the object's frame (up = height of the part centre). */
function part(
  o: { location: [number, number, number]; rotationY: number }, along: number, up: number, across: number,
  length: number, height: number, width: number, mat: Material, owner: number, extraRotation = 0,
): Primitive {
  const c = Math.cos(o.rotationY), s = Math.sin(o.rotationY);
  return {
    shape: 'box',
    cx: o.location[0] + c * along + s * across,
    cy: o.location[1] - up,
    cz: o.location[2] - s * along + c * across,
    hx: length / 2, hy: height / 2, hz: width / 2,
    rotationY: o.rotationY + extraRotation,
    material: mat, owner,
  };
}

function carParts(rng: Rng, o: PlacedObject, owner: number): Primitive[] {
  const [h, w, l] = o.dimensions;
  const paint = material(rng, 'paint', rng.chance(0.3) ? rng.uniform(0.7, 0.9) : rng.uniform(0.08, 0.6), 0.08);
  const glass = material(rng, 'glass', rng.uniform(0.1, 0.22), 0.15);
  const tire = material(rng, 'tire', 0.07, 0.04);
  const sill = 0.2, beltline = 0.6 * h;
  const cabinLength = rng.uniform(0.45, 0.6) * l;
  const cabinShift = rng.uniform(-0.12, 0.02) * l;
  return [
    part(o, 0, (sill + beltline) / 2, 0, l, beltline - sill, w, paint, owner),
    part(o, cabinShift, (beltline + h) / 2, 0, cabinLength, h - beltline, 0.88 * w, glass, owner),
    part(o, cabinShift, h - 0.03, 0, cabinLength * 0.85, 0.06, 0.8 * w, paint, owner), // roof panel
    part(o, 0.32 * l, 0.3, 0, 0.62, 0.6, 0.96 * w, tire, owner),
    part(o, -0.32 * l, 0.3, 0, 0.62, 0.6, 0.96 * w, tire, owner),
  ];
}

function pedestrianParts(rng: Rng, o: PlacedObject, owner: number): Primitive[] {
  const [h, w, l] = o.dimensions;
  const legs = material(rng, 'cloth', rng.uniform(0.05, 0.5), 0.12, rng.uniform(0.1, 0.3));
  const top = material(rng, 'cloth', rng.uniform(0.1, 0.85), rng.uniform(0.1, 0.3), rng.uniform(0.08, 0.25));
  const skin = material(rng, 'skin', rng.uniform(0.3, 0.7), 0.08);
  const stride = rng.uniform(-0.18, 0.18) * l;
  const hip = 0.47 * h, shoulder = 0.82 * h;
  const torsoWidth = Math.min(0.48, w - 0.2);
  return [
    part(o, stride, hip / 2, -0.12, 0.22, hip, 0.16, legs, owner),
    part(o, -stride, hip / 2, 0.12, 0.22, hip, 0.16, legs, owner),
    part(o, 0, (hip + shoulder) / 2, 0, 0.28, shoulder - hip, torsoWidth, top, owner),
    part(o, -stride * 0.8, (hip + shoulder) / 2 + 0.05, -(torsoWidth / 2 + 0.055), 0.1, shoulder - hip, 0.09, top, owner),
    part(o, stride * 0.8, (hip + shoulder) / 2 + 0.05, torsoWidth / 2 + 0.055, 0.1, shoulder - hip, 0.09, top, owner),
    part(o, 0, (shoulder + 0.02 * h + h) / 2, 0, 0.2, h - shoulder - 0.02 * h, 0.17, skin, owner),
  ];
}

type DistractorKind = 'pole' | 'bin' | 'pillar' | 'tree' | 'cabinet' | 'sign' | 'bollard';
const DISTRACTORS: DistractorKind[] = ['pole', 'pole', 'bin', 'pillar', 'tree', 'cabinet', 'sign', 'bollard'];

function cylinder(cx: number, cz: number, r: number, yTop: number, yBottom: number, mat: Material): Primitive {
  return { shape: 'cylinder', cx, cz, r, yTop, yBottom, material: mat, owner: -1 };
}

/** Parts and footprint half-size of a distractor standing at (x, ground, z). */
function distractorParts(rng: Rng, kind: DistractorKind, x: number, ground: number, z: number): { parts: Primitive[]; radius: number } {
  switch (kind) {
    case 'pole': {
      const r = rng.uniform(0.05, 0.11);
      return { parts: [cylinder(x, z, r, ground - rng.uniform(2.5, 5), ground, material(rng, 'metal', rng.uniform(0.3, 0.6), 0.15))], radius: r };
    }
    case 'bin': {
      const r = rng.uniform(0.25, 0.36);
      return { parts: [cylinder(x, z, r, ground - rng.uniform(0.9, 1.2), ground, material(rng, 'plastic', rng.uniform(0.1, 0.6), 0.12, 0.3))], radius: r };
    }
    case 'pillar': {
      const r = rng.uniform(0.3, 0.5);
      return { parts: [cylinder(x, z, r, ground - rng.uniform(1.6, 2.6), ground, material(rng, 'poster', rng.uniform(0.3, 0.7), 0.5, 0.4, 0.5))], radius: r };
    }
    case 'tree': {
      const r = rng.uniform(0.12, 0.25);
      const trunk = rng.uniform(2.4, 3.5);
      const crown = rng.uniform(1.2, 2.2);
      return {
        parts: [
          cylinder(x, z, r, ground - trunk, ground, material(rng, 'bark', rng.uniform(0.2, 0.4), 0.3)),
          cylinder(x, z, crown, ground - trunk - rng.uniform(2, 4), ground - trunk, material(rng, 'foliage', rng.uniform(0.15, 0.35), 0.35)),
        ],
        radius: r,
      };
    }
    case 'cabinet': {
      const o = { location: [x, ground, z] as [number, number, number], rotationY: rng.chance(0.5) ? 0 : Math.PI / 2 };
      const hgt = rng.uniform(1.2, 1.7);
      return { parts: [part(o, 0, hgt / 2, 0, rng.uniform(0.5, 0.9), hgt, rng.uniform(0.3, 0.5), material(rng, 'plastic', rng.uniform(0.3, 0.7), 0.15, 0.5), -1)], radius: 0.45 };
    }
    case 'sign': {
      const o = { location: [x, ground, z] as [number, number, number], rotationY: rng.uniform(-Math.PI, Math.PI) };
      const top = rng.uniform(2.2, 2.8);
      return {
        parts: [
          cylinder(x, z, 0.04, ground - top, ground, material(rng, 'metal', 0.5, 0.1)),
          part(o, 0, top - 0.35, 0, 0.6, 0.6, 0.04, material(rng, 'poster', rng.uniform(0.3, 0.8), 0.6, 0.2, 0.2), -1),
        ],
        radius: 0.3,
      };
    }
    case 'bollard': {
      const r = rng.uniform(0.08, 0.14);
      return { parts: [cylinder(x, z, r, ground - rng.uniform(0.8, 1.1), ground, material(rng, 'metal', rng.uniform(0.2, 0.6), 0.1))], radius: r };
    }
  }
}

class Occupancy {
  readonly footprints: Footprint[] = [];
  /** Whether a footprint, grown by MARGIN on each side, overlaps any placed footprint. */
  collides(f: Footprint): boolean {
    const a = boxBevPolygon({ dimensions: [1, f.w + 2 * MARGIN, f.l + 2 * MARGIN], location: [f.x, 0, f.z], rotationY: f.rotationY });
    for (const g of this.footprints) {
      const reach = (f.l + f.w + g.l + g.w) / 2 + 2 * MARGIN;
      if (Math.abs(f.x - g.x) > reach || Math.abs(f.z - g.z) > reach) continue;
      const b = boxBevPolygon({ dimensions: [1, g.w, g.l], location: [g.x, 0, g.z], rotationY: g.rotationY });
      if (convexIntersectionArea(a, b) > 0) return true;
    }
    return false;
  }
}

/** All four BEV corners of a footprint lie within lo ≤ x ≤ hi. */
function withinX(f: Footprint, lo: number, hi: number): boolean {
  const p = boxBevPolygon({ dimensions: [1, f.w, f.l], location: [f.x, 0, f.z], rotationY: f.rotationY });
  for (let i = 0; i < 8; i += 2) if (p[i] < lo || p[i] > hi) return false;
  return true;
}

function sampleCar(rng: Rng, layout: Layout, occ: Occupancy, h0: number): PlacedObject | null {
  const st = layout.street;
  for (let attempt = 0; attempt < 30; attempt++) {
    const z = truncatedGamma(rng, 4, 6.5, 4, 75);
    if (z > st.backdropZ - 3) continue;
    const parked = layout.lanes.filter((l) => l.parking);
    const lane = parked.length > 0 && rng.chance(0.25) ? rng.pick(parked) : rng.pick(layout.lanes.filter((l) => !l.parking));
    const x = lane.x + rng.normal(0, lane.parking ? 0.15 : 0.3);
    if (Math.abs(x) > 0.85 * z) continue;
    if (Math.abs(x) < 2 && z < 8) continue; // the ego vehicle's own lane right ahead
    const ry = rng.chance(0.8) ? lane.ry + rng.normal(0, 0.1) : rng.uniform(-Math.PI, Math.PI);
    const l = clampNormal(rng, 3.88, 0.43, 3.0, 5.2);
    const w = clampNormal(rng, 1.63, 0.1, 1.4, 1.95);
    const h = clampNormal(rng, 1.53, 0.14, 1.3, 2.0);
    const f: Footprint = { x, z, l, w, rotationY: ry };
    if (!withinX(f, st.roadLeft, st.roadRight) || occ.collides(f)) continue;
    occ.footprints.push(f);
    return { type: 'Car', dimensions: [h, w, l], location: [x, h0, z], rotationY: ry };
  }
  return null;
}

function samplePedestrian(rng: Rng, layout: Layout, occ: Occupancy): PlacedObject | null {
  const st = layout.street;
  for (let attempt = 0; attempt < 30; attempt++) {
    const z = truncatedGamma(rng, 4, 3.6, 4, 45);
    if (z > st.backdropZ - 1.5) continue;
    const half = 0.8 * z;
    const l = clampNormal(rng, 0.84, 0.2, 0.5, 1.2);
    const w = clampNormal(rng, 0.66, 0.12, 0.45, 0.9);
    const h = clampNormal(rng, 1.76, 0.11, 1.45, 2.0);
    const ry = rng.uniform(-Math.PI, Math.PI);
    const pad = Math.max(l, w) / 2 + 0.05;
    const sidewalks: [number, number][] = [
      [Math.max(st.roadRight + pad, -half), Math.min(st.facadeRight - pad, half)],
      [Math.max(-st.facadeLeft + pad, -half), Math.min(st.roadLeft - pad, half)],
    ].filter(([a, b]) => b > a) as [number, number][];
    let x: number, ground: number;
    if (sidewalks.length > 0 && rng.chance(0.7)) {
      const [a, b] = rng.pick(sidewalks);
      x = rng.uniform(a, b);
      ground = st.cameraHeight - st.curb;
    } else {
      const a = Math.max(st.roadLeft + pad, -half), b = Math.min(st.roadRight - pad, half);
      if (b <= a) continue;
      x = rng.uniform(a, b);
      ground = st.cameraHeight;
    }
    const f: Footprint = { x, z, l, w, rotationY: ry };
    if (occ.collides(f)) continue;
    occ.footprints.push(f);
    return { type: 'Pedestrian', dimensions: [h, w, l], location: [x, ground, z], rotationY: ry };
  }
  return null;
}

function sampleDistractors(rng: Rng, layout: Layout, occ: Occupancy, count: number): Primitive[] {
  const st = layout.street;
  const out: Primitive[] = [];
  const ground = st.cameraHeight - st.curb;
  for (let n = 0; n < count; n++) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const kind = rng.pick(DISTRACTORS);
      const z = rng.uniform(3, Math.min(60, st.backdropZ - 2));
      const side = rng.chance(0.5) ? 1 : -1;
      const inner = side > 0 ? st.roadRight : -st.roadLeft;
      const outer = side > 0 ? st.facadeRight : st.facadeLeft;
      const atCurb = kind === 'pole' || kind === 'tree' || kind === 'sign' || kind === 'bollard';
      const offset = atCurb ? rng.uniform(0.3, 0.9) : rng.uniform(0.5, Math.max(0.6, outer - inner - 0.5));
      const x = side * (inner + offset);
      if (Math.abs(x) > 0.95 * z) continue;
      const fork = rng.int(2 ** 31);
      const { parts, radius } = distractorParts(rngFork(fork), kind, x, ground, z);
      const f: Footprint = { x, z, l: 2 * radius, w: 2 * radius, rotationY: 0 };
      if (occ.collides(f)) continue;
      occ.footprints.push(f);
      out.push(...parts);
      break;
    }
  }
  return out;
}

/** A separate stream per distractor keeps its look independent of how many attempts its placement took. */
function rngFork(seed: number): Rng {
  return new Rng(seed);
}

/** One scene; every random choice comes from `rng`. */
export function sampleScene(rng: Rng, o: SceneOptions): Scene {
  const layout = sampleStreet(rng, o.cameraHeight, o.backdropDistance);
  const st = layout.street;
  const elevation = rng.uniform(25, 65) * (Math.PI / 180);
  const azimuth = rng.uniform(-Math.PI, Math.PI);
  const lighting = {
    sun: [Math.cos(elevation) * Math.sin(azimuth), -Math.sin(elevation), Math.cos(elevation) * Math.cos(azimuth)] as [number, number, number],
    ambient: rng.uniform(0.35, 0.5),
    exposure: rng.uniform(0.85, 1.1),
    rightGain: rng.uniform(0.9, 1.1),
  };
  const occ = new Occupancy();
  const objects: PlacedObject[] = [];
  const nCars = rng.poisson(o.carsPerFrame);
  for (let i = 0; i < nCars; i++) {
    const car = sampleCar(rng, layout, occ, o.cameraHeight);
    if (car !== null) objects.push(car);
  }
  const nPeds = rng.poisson(o.pedestriansPerFrame);
  for (let i = 0; i < nPeds; i++) {
    const ped = samplePedestrian(rng, layout, occ);
    if (ped !== null) objects.push(ped);
  }
  const primitives: Primitive[] = [...buildings(rng, st)];
  objects.forEach((obj, k) => {
    const parts = obj.type === 'Car' ? carParts(rng, obj, k) : pedestrianParts(rng, obj, k);
    primitives.push(...parts);
  });
  primitives.push(...sampleDistractors(rng, layout, occ, rng.poisson(o.distractorsPerFrame)));
  return { street: st, lighting, primitives, objects, footprints: occ.footprints };
}
