// Plain-data description of one generated street scene (rect camera coordinates of the left camera).
import type { KittiObject } from '../kitti/label.js';

/** Surface look; albedo is computed from surface coordinates in metres (see materials.ts). */
export type MaterialKind =
  | 'facade' | 'paint' | 'glass' | 'tire' | 'cloth' | 'skin' | 'metal' | 'bark' | 'foliage' | 'plastic' | 'poster';

export interface Material {
  kind: MaterialKind;
  /** Mean albedo in [0, 1]. */
  base: number;
  /** Texture amplitude. */
  contrast: number;
  /** Texture seed. */
  seed: number;
  /** Kind-specific lengths (m): e.g. window spacing for facades, stripe period for cloth. */
  p1: number;
  p2: number;
}

/** An oriented box: centre, half extents along its local x (length), y (height), z (width), rotation about y. */
export interface BoxPrimitive {
  shape: 'box';
  cx: number;
  cy: number;
  cz: number;
  hx: number;
  hy: number;
  hz: number;
  rotationY: number;
  material: Material;
  /** Index of the labelled object this part belongs to, −1 for background and distractors. */
  owner: number;
}

/** A vertical cylinder from yTop (upper, smaller y) to yBottom. */
export interface CylinderPrimitive {
  shape: 'cylinder';
  cx: number;
  cz: number;
  r: number;
  yTop: number;
  yBottom: number;
  material: Material;
  owner: number;
}

export type Primitive = BoxPrimitive | CylinderPrimitive;

/** A painted road line along z at lateral position x. */
export interface LaneLine {
  x: number;
  width: number;
  /** Dash period (m) and the painted fraction; period 0 means solid. */
  period: number;
  duty: number;
  phase: number;
}

/** Road, sidewalks and the far backdrop: surfaces that are ray-cast analytically, not as primitives. */
export interface Street {
  /** Camera height above the road (m); the road is the plane y = cameraHeight. */
  cameraHeight: number;
  /** Road spans roadLeft < x < roadRight; sidewalks lie beyond, raised by `curb`. */
  roadLeft: number;
  roadRight: number;
  curb: number;
  /** Inner edge of the building rows (x < −left, x > right). */
  facadeLeft: number;
  facadeRight: number;
  lines: LaneLine[];
  /** Backdrop plane z = backdropZ (m), seen wherever nothing else is hit. */
  backdropZ: number;
  /** Skyline height (m above the road) of the backdrop's building row, per 6 m block. */
  skylineSeed: number;
  asphaltSeed: number;
  asphaltBase: number;
  sidewalkSeed: number;
  sidewalkBase: number;
  tile: number;
}

/** Sun and camera response. */
export interface Lighting {
  /** Unit vector towards the sun (rect camera coordinates; y down, so its y is negative). */
  sun: [number, number, number];
  ambient: number;
  exposure: number;
  /** Multiplicative gain of the right camera. */
  rightGain: number;
}

/** A labelled object before rendering (its label is completed from the rendered views). */
export interface PlacedObject {
  type: 'Car' | 'Pedestrian';
  dimensions: [number, number, number];
  location: [number, number, number];
  rotationY: number;
}

/** Footprint of anything standing on the ground (for contact shadows and overlap checks). */
export interface Footprint {
  x: number;
  z: number;
  l: number;
  w: number;
  rotationY: number;
}

export interface Scene {
  street: Street;
  lighting: Lighting;
  primitives: Primitive[];
  objects: PlacedObject[];
  footprints: Footprint[];
}

/** Labels of a rendered scene plus per-object visibility measurements. */
export interface LabelledObject {
  label: KittiObject;
  /** Left-view pixels where this object is the nearest surface. */
  visiblePixels: number;
  /** Left-view pixels the object would cover with nothing in front of it. */
  silhouettePixels: number;
}
