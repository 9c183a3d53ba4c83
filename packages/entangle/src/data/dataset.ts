// Conversion of DigitData to the engine's plain-data Dataset (src/core/types.ts).
import type { Dataset } from '../core/types.js';
import type { DigitData } from './digits.js';

export interface ToDatasetOptions {
  /** Field names; defaults 'image', 'label', 'true_label', 'origin'. */
  imageField?: string;
  labelField?: string;
  trueLabelField?: string;
  originField?: string;
}

/**
 * Fields: image [n, c, h, w]; label [n] (the training label, as float); true_label [n] when label noise was
 * applied; origin [n] (position in the loaded source). Shares the image buffer with `data` (no copy).
 * The version is the DigitData's version plus the field layout.
 */
export function toDataset(data: DigitData, options: ToDatasetOptions = {}): Dataset {
  const n = data.shape[0];
  const names = {
    image: options.imageField ?? 'image',
    label: options.labelField ?? 'label',
    trueLabel: options.trueLabelField ?? 'true_label',
    origin: options.originField ?? 'origin',
  };
  const fields: Dataset['fields'] = {
    [names.image]: { shape: [...data.shape], data: data.images },
    [names.label]: { shape: [n], data: Float32Array.from(data.labels) },
    [names.origin]: { shape: [n], data: Float32Array.from(data.origin) },
  };
  if (data.trueLabels) fields[names.trueLabel] = { shape: [n], data: Float32Array.from(data.trueLabels) };
  const layout = Object.keys(fields).join(',');
  return { version: `${data.version}/${layout}`, size: n, fields };
}
