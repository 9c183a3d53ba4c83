// A fitted detector of any family: predict checks r's cloud and lets the family detect; save/dispose the network.
import { ContractError } from '../../../core/errors.js';
import type { FittedModel, Inputs, Json, Records } from '../../../core/types.js';
import { encodeCheckpoint, storeStateDict } from '../../../learners/checkpoint.js';
import type { TrainReport } from '../../../train/loop.js';
import { kittiCalibration, type StereoCalibration } from '../../geometry/calib.js';
import type { KittiObject } from '../../kitti/label.js';
import { organizedCloudBlock } from './cloud-input.js';
import type { DetectorArgsBase, DetectorFamily, DetectorMeta, DetectorNet } from './detector-family.js';

/** Predict emits per frame the KITTI detections of the model's class. */
export class DetectorModel<A extends DetectorArgsBase, M extends DetectorMeta, N extends DetectorNet> implements FittedModel {
  private disposed = false;
  private readonly calib: StereoCalibration;

  constructor(
    private readonly family: DetectorFamily<A, M, N>,
    private readonly args: A,
    private readonly meta: M,
    private readonly net: N,
    /** The training loop's report; null after a load. */
    readonly report: TrainReport | null,
  ) {
    this.calib = kittiCalibration(meta.scale);
  }

  predict(inputs: Inputs): Records<KittiObject[]> {
    const where = `Learner '${this.family.kind}'`;
    if (this.disposed) throw new ContractError(`${where}: predict called after dispose().`);
    const cloud = organizedCloudBlock(inputs, this.calib, where);
    this.net.eval();
    const items = this.family.detect({ net: this.net, args: this.args, meta: this.meta, calib: this.calib, cloud, inputs, where });
    return { kind: 'records', items };
  }

  save(): Uint8Array {
    if (this.disposed) throw new ContractError(`Learner '${this.family.kind}': save called after dispose().`);
    return encodeCheckpoint(this.meta as unknown as Json, storeStateDict(this.net));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.net.dispose();
  }
}
