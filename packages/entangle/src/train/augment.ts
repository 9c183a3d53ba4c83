// Image augmentation for the training loop: random crop with zero padding and random horizontal flip.
import * as torch from '@entangle/torch';
import type { Rng } from './random.js';
import type { AugmentArgs } from './args.js';

/**
 * Augments a batch of images [B, C, H, W]: each image is zero-padded by `cropPadding` pixels on every side and
 * cropped back to H×W at a uniformly random offset, then flipped left-right with probability 1/2 when
 * `horizontalFlip` (as torchvision RandomCrop(padding) + RandomHorizontalFlip). Draws come from `rng` in example
 * order (offset y, offset x, flip), so the same rng state gives the same batch.
 */
export function augmentImages(x: torch.Tensor, args: AugmentArgs, rng: Rng): torch.Tensor {
  if (x.ndim !== 4) throw new Error(`augment: expected images [batch, channels, height, width]; got shape [${x.shape.join(', ')}]. Augmentation applies to conv learners only.`);
  const p = args.cropPadding;
  if (p === 0 && !args.horizontalFlip) return x;
  const [b, , h, w] = x.shape;
  return torch.tidy(() => {
    const padded = p > 0 ? torch.nn.functional.pad(x, [p, p, p, p], { mode: 'constant', value: 0 }) : x;
    const reversed = args.horizontalFlip ? torch.arange(w - 1, -1, -1, { dtype: 'int64' }) : null;
    const out: torch.Tensor[] = [];
    for (let i = 0; i < b; i++) {
      const dy = p > 0 ? rng.nextInt(2 * p + 1) : 0;
      const dx = p > 0 ? rng.nextInt(2 * p + 1) : 0;
      const flip = args.horizontalFlip && rng.nextFloat() < 0.5;
      let img = torch.narrow(padded, 0, i, 1);
      if (p > 0) img = torch.narrow(torch.narrow(img, 2, dy, h), 3, dx, w);
      if (flip) img = torch.indexSelect(img, 3, reversed!);
      out.push(img);
    }
    return torch.cat(out, 0);
  });
}
