// The BEV detector's CNN: a small two-stage backbone (strides 2 and 4) with one upsampling merge at stride 2,
// and a 1×1 head emitting the heat logit and the box regression per output cell.
import * as torch from '@entangle/torch';
import { BEV_CHANNELS } from './grid.js';
import { HEAD_CHANNELS } from './targets.js';

/** Initial heat-map bias, −log((1 − π)/π) with π = 0.1 (CenterNet / focal-loss prior). */
const HEAT_PRIOR_BIAS = -Math.log((1 - 0.1) / 0.1);

class ConvBn extends torch.nn.Module {
  readonly conv: torch.nn.Conv2d;
  readonly bn: torch.nn.BatchNorm2d;
  constructor(cin: number, cout: number, stride: number) {
    super();
    this.conv = this.registerModule('conv', new torch.nn.Conv2d(cin, cout, 3, { stride, padding: 1, bias: false }));
    this.bn = this.registerModule('bn', new torch.nn.BatchNorm2d(cout));
  }
  forward(x: torch.Tensor): torch.Tensor {
    return torch.nn.functional.relu(this.bn.forward(this.conv.forward(x)));
  }
}

/**
 * Input [B, BEV_CHANNELS, rows, cols] (+ a forward-distance channel added here, (row + ½)/rows), output
 * [B, HEAD_CHANNELS, rows/2, cols/2]. Widths w, 2w, 4w; about 110 k parameters at w = 16.
 */
export class BevNet extends torch.nn.Module {
  readonly stem: ConvBn;
  readonly down1: ConvBn;
  readonly block1: ConvBn;
  readonly down2: ConvBn;
  readonly block2: ConvBn;
  readonly merge: ConvBn;
  readonly head: torch.nn.Conv2d;

  constructor(width: number) {
    super();
    const w = width;
    this.stem = this.registerModule('stem', new ConvBn(BEV_CHANNELS + 1, w, 1));
    this.down1 = this.registerModule('down1', new ConvBn(w, 2 * w, 2));
    this.block1 = this.registerModule('block1', new ConvBn(2 * w, 2 * w, 1));
    this.down2 = this.registerModule('down2', new ConvBn(2 * w, 4 * w, 2));
    this.block2 = this.registerModule('block2', new ConvBn(4 * w, 4 * w, 1));
    this.merge = this.registerModule('merge', new ConvBn(6 * w, 3 * w, 1));
    this.head = this.registerModule('head', new torch.nn.Conv2d(3 * w, HEAD_CHANNELS, 1, { bias: true }));
    torch.noGrad(() => torch.tidy(() => { torch.narrow(this.head.bias!, 0, 0, 1).fillInPlace(HEAT_PRIOR_BIAS); }));
  }

  forward(x: torch.Tensor): torch.Tensor {
    const [b, , rows, cols] = x.shape;
    const distance = torch.arange(0, rows, 1, { dtype: 'float32' }).add(0.5).div(rows).reshape([1, 1, rows, 1]).expand([b, 1, rows, cols]);
    const s1 = this.block1.forward(this.down1.forward(this.stem.forward(torch.cat([x, distance], 1))));
    const s2 = this.block2.forward(this.down2.forward(s1));
    const up = torch.nn.functional.interpolate(s2, { scaleFactor: 2, mode: 'nearest' });
    return this.head.forward(this.merge.forward(torch.cat([s1, up], 1)));
  }
}
