// Shapes that a learner cannot know before it sees the training data (e.g. the number of classes).
import type { OutputDescription } from '../core/types.js';

/**
 * "Not known before training". OutputDescription.shape (core/types.ts) has no 'unknown' member yet, while the
 * system validator stores described shapes as InputDescription shapes, where 'unknown' means exactly this; so
 * the value is passed through with a cast until the contract gains it.
 */
export const UNKNOWN_SHAPE = 'unknown' as unknown as OutputDescription['shape'];

/** `shape` when every dimension is known, else UNKNOWN_SHAPE. */
export function shapeOrUnknown(shape: number[] | null): OutputDescription['shape'] {
  return shape === null ? UNKNOWN_SHAPE : shape;
}
