// KITTI labels of a rendered scene: 2D box and truncation from the projected 3D box, occlusion from the
// visible share of the object's unoccluded silhouette (object-index buffer of the left view).
import { observationAngle, projectBox } from '../geometry/box3d.js';
import type { StereoCalibration } from '../geometry/calib.js';
import type { KittiObject } from '../kitti/label.js';
import type { Tracer } from './raycast.js';
import type { LabelledObject, Scene } from './scene.js';

/** Occlusion level from the visible fraction v (a convention of this world): ≥ 0.8 → 0, ≥ 0.4 → 1, > 0.05 → 2, else 3. */
export function occlusionLevel(visibleFraction: number): number {
  if (visibleFraction >= 0.8) return 0;
  if (visibleFraction >= 0.4) return 1;
  if (visibleFraction > 0.05) return 2;
  return 3;
}

/**
 * Labels in scene order (null for objects left out). Objects outside the image or without a single visible
 * pixel are left out. Objects with fewer than `minVisiblePixels` visible pixels keep their class with
 * occluded = 3 ("unknown"), so every difficulty level ignores them: a detection on one is neither TP nor FP.
 */
export function labelScene(
  scene: Scene, calib: StereoCalibration, leftTracer: Tracer, objectIndex: Int16Array, minVisiblePixels: number,
): (LabelledObject | null)[] {
  const visible = new Int32Array(scene.objects.length);
  for (let i = 0; i < objectIndex.length; i++) if (objectIndex[i] >= 0) visible[objectIndex[i]]++;
  const partsOf: number[][] = scene.objects.map(() => []);
  scene.primitives.forEach((p, i) => { if (p.owner >= 0) partsOf[p.owner].push(i); });
  return scene.objects.map((o, k) => {
    const box = { dimensions: o.dimensions, location: o.location, rotationY: o.rotationY };
    const proj = projectBox(box, calib);
    if (proj === null || proj.clipped === null) return null;
    const [l, t, r, b] = proj.clipped;
    let silhouette = 0;
    for (let v = Math.ceil(t); v <= Math.floor(b); v++) {
      for (let u = Math.ceil(l); u <= Math.floor(r); u++) if (leftTracer.hitsAny(u, v, partsOf[k])) silhouette++;
    }
    const fraction = silhouette > 0 ? visible[k] / silhouette : 0;
    const bbox: [number, number, number, number] = [l, t, r, b];
    if (visible[k] === 0) return null;
    const label: KittiObject = {
      type: o.type, truncated: proj.truncation, occluded: visible[k] < minVisiblePixels ? 3 : occlusionLevel(fraction),
      alpha: observationAngle(box), bbox, dimensions: [...o.dimensions], location: [...o.location], rotationY: o.rotationY,
    };
    return { label, visiblePixels: visible[k], silhouettePixels: silhouette };
  });
}
