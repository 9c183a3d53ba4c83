// Training objectives of u and u': L1 on disparity (PSMNet) or L1 on depth (Pseudo-LiDAR++), masked by depth.
import * as torch from '@entangle/torch';

export type StereoLoss = 'disparity-l1' | 'depth-l1';

/**
 * Mean over pixels with minDepth ≤ z ≤ maxDepth of
 *   disparity-l1: |d̂ − fB/z|                      (image pixels at the world's scale)
 *   depth-l1:     |fB / max(d̂, fB/capDepth) − z|    (metres)
 * d̂: predicted disparity [B, H, W]; z: ground-truth depth [B, H, W]. Returns a scalar (0 when no pixel counts).
 */
export function stereoLoss(kind: StereoLoss, disparity: torch.Tensor, depth: torch.Tensor, fb: number, range: [number, number], capDepth: number): torch.Tensor {
  const mask = torch.logicalAnd(depth.ge(range[0]), depth.le(range[1])).to('float32');
  const count = mask.sum().clamp(1);
  const error = kind === 'disparity-l1'
    ? disparity.sub(depth.clamp(1e-3).pow(-1).mul(fb)).abs()
    : disparity.clamp(fb / capDepth).pow(-1).mul(fb).sub(depth).abs();
  return error.mul(mask).sum().div(count);
}
