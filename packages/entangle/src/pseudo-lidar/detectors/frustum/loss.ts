// Per-frustum training loss: Huber centre, heading bin cross-entropy + residual L1 on the true bin, L1 log size,
// and a quality logit trained (BCE) towards exp(−d²/2σ²) of the predicted BEV centre error d. docs/detectors.md.
import * as torch from '@entangle/torch';

/** Huber (smooth L1) transition point for the centre residual, in metres. */
export const CENTRE_HUBER_BETA = 0.1;

/** Per-example loss [B] of outputs [B, 3 + 2·bins + 4] against targets [B, 8] (box-coding.ts order). */
export function frustumLosses(bins: number, qualitySigma: number): (out: torch.Tensor, y: torch.Tensor) => torch.Tensor {
  const F = torch.nn.functional;
  return (out, y) => {
    const centre = torch.narrow(out, 1, 0, 3);
    const centreTarget = torch.narrow(y, 1, 0, 3);
    const lCentre = F.smoothL1Loss(centre, centreTarget, { beta: CENTRE_HUBER_BETA, reduction: 'none' }).sum({ dim: 1 });
    const bin = torch.narrow(y, 1, 3, 1).round().to('int64');
    const lBin = F.crossEntropy(torch.narrow(out, 1, 3, bins), bin.reshape([-1]), { reduction: 'none' });
    const residual = torch.gather(torch.narrow(out, 1, 3 + bins, bins), 1, bin).reshape([-1]);
    const lResidual = torch.abs(residual.sub(torch.narrow(y, 1, 4, 1).reshape([-1])));
    const lSize = torch.abs(torch.narrow(out, 1, 3 + 2 * bins, 3).sub(torch.narrow(y, 1, 5, 3))).sum({ dim: 1 });
    const q = torch.noGrad(() => {
      const dx = torch.narrow(centre, 1, 0, 1).sub(torch.narrow(centreTarget, 1, 0, 1));
      const dz = torch.narrow(centre, 1, 2, 1).sub(torch.narrow(centreTarget, 1, 2, 1));
      return dx.pow(2).add(dz.pow(2)).div(-2 * qualitySigma * qualitySigma).exp().reshape([-1]);
    });
    const lQuality = F.binaryCrossEntropyWithLogits(torch.narrow(out, 1, 6 + 2 * bins, 1).reshape([-1]), q, { reduction: 'none' });
    return lCentre.add(lBin).add(lResidual).add(lSize).add(lQuality);
  };
}
