// The detected classes and their mean sizes (F-PointNet model_util.py g_type_mean_size), as (h, w, l).
import { EntangleError } from '../../../core/errors.js';

export type DetectorClass = 'Car' | 'Pedestrian';
export const DETECTOR_CLASSES: readonly DetectorClass[] = ['Car', 'Pedestrian'];

/** Mean (h, w, l) in metres: Car 1.526 × 1.629 × 3.883, Pedestrian 1.763 × 0.661 × 0.844. */
export const CLASS_MEAN_SIZE: Record<DetectorClass, [number, number, number]> = {
  Car: [1.526, 1.629, 3.883],
  Pedestrian: [1.763, 0.661, 0.844],
};

/** The camera's height above the road in the generated world (rect y of the road plane). */
export const ROAD_Y = 1.65;

export function checkClass(className: string, where: string): DetectorClass {
  if (!DETECTOR_CLASSES.includes(className as DetectorClass)) {
    throw new EntangleError(`${where}: className must be one of ${DETECTOR_CLASSES.join(', ')}, got '${className}'.`);
  }
  return className as DetectorClass;
}
