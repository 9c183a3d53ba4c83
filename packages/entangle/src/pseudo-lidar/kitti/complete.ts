// Turns a bare 3D box (what a point-cloud detector predicts) into a full KITTI detection line.
import type { StereoCalibration } from '../geometry/calib.js';
import { observationAngle, projectBox, type Box3D } from '../geometry/box3d.js';
import type { KittiObject } from './label.js';

/**
 * A detection with its 2D box (the projected 3D box clipped to the image, as PointRCNN writes it; zeros when
 * the box is outside the image) and alpha filled in. The 2D box height decides the devkit's min-height ignore.
 */
export function completeDetection(box: Box3D, type: string, score: number, calib: StereoCalibration): KittiObject {
  const p = projectBox(box, calib);
  const bbox: [number, number, number, number] = p?.clipped ?? [0, 0, 0, 0];
  return {
    type, truncated: 0, occluded: 0, alpha: observationAngle(box), bbox,
    dimensions: [...box.dimensions], location: [...box.location], rotationY: box.rotationY, score,
  };
}
