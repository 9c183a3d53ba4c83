// Training objectives of u and u': L1 on disparity (PSMNet) or L1 on depth (Pseudo-LiDAR++), masked by depth.
import * as torch from '@entangle/torch';

export type StereoLoss = 'disparity-l1' | 'depth-l1';

/**
 * Depth from disparity, ẑ = fB/d̂ for d̂ ≥ d_min = fB/capDepth, continued linearly below d_min
 * (ẑ = fB/d_min + (fB/d_min²)(d_min − d̂)), so that a pixel whose disparity collapsed still gets a gradient that
 * pushes it back (a clamp would give none; Pseudo-LiDAR++ clamps at 1e-8, whose gradient explodes).
 */
export function trainingDepth(disparity: torch.Tensor, fb: number, capDepth: number): torch.Tensor {
  const dMin = fb / capDepth;
  const inverse = disparity.clamp(dMin).pow(-1).mul(fb);
  const linear = disparity.neg().add(dMin).mul(fb / (dMin * dMin)).add(capDepth);
  return torch.where(disparity.ge(dMin), inverse, linear);
}

/**
 * Mean over pixels with minDepth ≤ z ≤ maxDepth of
 *   disparity-l1: |d̂ − fB/z|   (image pixels at the world's scale)
 *   depth-l1:     |ẑ(d̂) − z|   (metres; ẑ as in trainingDepth)
 * d̂: predicted disparity [B, H, W]; z: ground-truth depth [B, H, W]. Returns a scalar (0 when no pixel counts).
 */
export function stereoLoss(kind: StereoLoss, disparity: torch.Tensor, depth: torch.Tensor, fb: number, range: [number, number], capDepth: number): torch.Tensor {
  const mask = torch.logicalAnd(depth.ge(range[0]), depth.le(range[1])).to('float32');
  const count = mask.sum().clamp(1);
  const error = kind === 'disparity-l1'
    ? disparity.sub(depth.clamp(1e-3).pow(-1).mul(fb)).abs()
    : trainingDepth(disparity, fb, capDepth).sub(depth).abs();
  return error.mul(mask).sum().div(count);
}
