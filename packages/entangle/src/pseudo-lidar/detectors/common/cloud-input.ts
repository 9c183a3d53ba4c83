// Reading the detectors' input: the organized pseudo-LiDAR block [n, 3, H, W] of r (docs/pseudo-lidar-models.md),
// and, for the frustum detector, a records block of per-frame objects whose 2D boxes stand in for a 2D detector.
import { ContractError } from '../../../core/errors.js';
import type { Block, InputDescription, Inputs, Records } from '../../../core/types.js';
import type { StereoCalibration } from '../../geometry/calib.js';
import type { PointCloud } from '../../pointcloud/backproject.js';

/** The one dense block of the inputs, checked to be an organized cloud [n, 3, H, W] of the calibration's image size. */
export function organizedCloudBlock(inputs: Inputs, calib: StereoCalibration, where: string): Block {
  const dense = inputs.blocks.filter((b) => !isRecords(b.value));
  if (dense.length !== 1) {
    throw new ContractError(
      `${where}: expected exactly one dense input block (the organized point cloud [n, 3, H, W] of r), got ${dense.length}` +
      ` (${inputs.blocks.map((b) => b.name).join(', ') || 'none'}). Make r (learner 'pseudo-lidar') the only dense input.`);
  }
  const block = dense[0].value as Block;
  const [n, c, h, w] = block.shape;
  if (block.shape.length !== 4 || c !== 3 || h !== calib.height || w !== calib.width) {
    throw new ContractError(
      `${where}: input '${dense[0].name}' has shape [${block.shape.join(', ')}], expected [n, 3, ${calib.height}, ${calib.width}]` +
      ` (an organized cloud at scale ${calib.scale}). Check the detector's arg 'scale' against r's.`);
  }
  if (n !== inputs.size) throw new ContractError(`${where}: the cloud block has ${n} frames but the inputs have ${inputs.size} examples.`);
  return block;
}

/** Problems with the input description (for system validation): one dense [3, H, W] block, plus `records` records blocks. */
export function cloudInputProblems(inputs: InputDescription[], calib: StereoCalibration, kind: string, records: number): string[] {
  const problems: string[] = [];
  const dense = inputs.filter((b) => b.shape !== 'records');
  const recs = inputs.filter((b) => b.shape === 'records');
  if (dense.length !== 1) problems.push(`${kind} reads exactly one dense block (r's organized cloud), got ${dense.length}`);
  const only = dense[0];
  if (dense.length === 1 && Array.isArray(only.shape)) {
    const s = only.shape;
    if (s.length !== 3 || s[0] !== 3 || s[1] !== calib.height || s[2] !== calib.width) {
      problems.push(`input '${only.name}' has per-example shape [${s.join(', ')}]; ${kind} needs [3, ${calib.height}, ${calib.width}] at scale ${calib.scale}`);
    }
  }
  if (recs.length !== records) problems.push(`${kind} reads ${records} records block${records === 1 ? '' : 's'}${records ? ' (per-frame objects whose 2D boxes are the proposals, e.g. input field labels)' : ''}, got ${recs.length}`);
  return problems;
}

function isRecords(v: unknown): v is Records {
  return (v as Records).kind === 'records';
}

/** The one records block of the inputs (the frustum detector's 2D boxes). */
export function recordsBlock(inputs: Inputs, where: string): unknown[] {
  const recs = inputs.blocks.filter((b) => isRecords(b.value));
  if (recs.length !== 1) {
    throw new ContractError(
      `${where}: expected exactly one records input block (per-frame objects whose 2D boxes are the proposals), got ${recs.length}.` +
      " Add the dataset's 'labels' column to the model's inputs.");
  }
  const items = (recs[0].value as Records).items;
  if (items.length !== inputs.size) throw new ContractError(`${where}: records block '${recs[0].name}' has ${items.length} items for ${inputs.size} examples.`);
  return items;
}

/** Frame i of an organized block as a flat cloud; points with any non-finite coordinate are dropped. */
export function framePoints(block: Block, i: number): PointCloud {
  const [, , H, W] = block.shape;
  const plane = H * W;
  const base = i * 3 * plane;
  const d = block.data;
  let count = 0;
  for (let p = 0; p < plane; p++) {
    if (Number.isFinite(d[base + p]) && Number.isFinite(d[base + plane + p]) && Number.isFinite(d[base + 2 * plane + p])) count++;
  }
  const xyz = new Float32Array(3 * count);
  const pixel = new Int32Array(count);
  let k = 0;
  for (let p = 0; p < plane; p++) {
    const x = d[base + p], y = d[base + plane + p], z = d[base + 2 * plane + p];
    if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z))) continue;
    xyz[3 * k] = x;
    xyz[3 * k + 1] = y;
    xyz[3 * k + 2] = z;
    pixel[k++] = p;
  }
  return { count, xyz, pixel };
}
