// Per-frame training loss of the BEV detector: CenterNet's penalty-reduced focal loss on the heat map plus L1 on
// the box regression at centre cells, both normalized by the frame's number of centres. Formulas in docs/detectors.md.
import * as torch from '@entangle/torch';
import { REGRESSION_CHANNELS } from './targets.js';

/** Probabilities are clamped to [ε, 1 − ε] before the logs. */
const EPS = 1e-4;

const oneMinus = (x: torch.Tensor): torch.Tensor => x.neg().add(1);

/**
 * output [B, 1 + 8, R, C], target [B, 11, R, C] (heat, weight, mask, 8 regression values) → per-frame loss [B]:
 * L = −(1/N) Σ [m·(1−p)²·log p + (1−m)·w·(1−Y)⁴·p²·log(1−p)] + (1/N) Σ m·|ŷ − y|₁, N = max(1, Σ m).
 */
export function bevFrameLosses(output: torch.Tensor, target: torch.Tensor): torch.Tensor {
  const heat = torch.narrow(target, 1, 0, 1);
  const weight = torch.narrow(target, 1, 1, 1);
  const mask = torch.narrow(target, 1, 2, 1);
  const regTarget = torch.narrow(target, 1, 3, REGRESSION_CHANNELS);
  const p = torch.clamp(torch.narrow(output, 1, 0, 1).sigmoid(), EPS, 1 - EPS);
  const notMask = oneMinus(mask);
  const pos = torch.log(p).mul(oneMinus(p).pow(2)).mul(mask);
  const neg = torch.log(oneMinus(p)).mul(p.pow(2)).mul(oneMinus(heat).pow(4)).mul(notMask).mul(weight);
  const count = torch.clamp(mask.sum({ dim: [1, 2, 3] }), 1);
  const focal = pos.add(neg).sum({ dim: [1, 2, 3] }).neg();
  const reg = torch.abs(torch.narrow(output, 1, 1, REGRESSION_CHANNELS).sub(regTarget)).mul(mask).sum({ dim: [1, 2, 3] });
  return focal.add(reg).div(count);
}
