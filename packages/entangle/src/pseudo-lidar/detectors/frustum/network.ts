// The frustum detector's box head: a PointNet (shared per-point MLP as 1×1 convolutions, max pool over points)
// followed by an MLP that regresses the box and a quality logit.
import * as torch from '@entangle/torch';
import { POINT_FEATURES } from './sample.js';

/** Input [B, POINT_FEATURES, N, 1] → output [B, outDim]. */
export class FrustumNet extends torch.nn.Module {
  private readonly convs: torch.nn.Conv2d[] = [];
  private readonly norms: torch.nn.BatchNorm2d[] = [];
  private readonly fcs: torch.nn.Linear[] = [];
  readonly out: torch.nn.Linear;

  constructor(pointWidths: number[], headWidths: number[], outDim: number) {
    super();
    let c = POINT_FEATURES;
    pointWidths.forEach((w, i) => {
      this.convs.push(this.registerModule(`point${i}`, new torch.nn.Conv2d(c, w, 1, { bias: false })));
      this.norms.push(this.registerModule(`pointNorm${i}`, new torch.nn.BatchNorm2d(w)));
      c = w;
    });
    headWidths.forEach((w, i) => {
      this.fcs.push(this.registerModule(`fc${i}`, new torch.nn.Linear(c, w)));
      c = w;
    });
    this.out = this.registerModule('out', new torch.nn.Linear(c, outDim));
  }

  forward(x: torch.Tensor): torch.Tensor {
    const F = torch.nn.functional;
    for (let i = 0; i < this.convs.length; i++) x = F.relu(this.norms[i].forward(this.convs[i].forward(x)));
    let g = torch.max(x, { dim: 2 }).values.reshape([x.shape[0], -1]);
    for (const fc of this.fcs) g = F.relu(fc.forward(g));
    return this.out.forward(g);
  }
}
