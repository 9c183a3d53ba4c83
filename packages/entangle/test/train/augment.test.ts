// Random crop with padding and horizontal flip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@entangle/torch';
import { augmentImages } from '../../src/train/augment.js';
import { createRng } from '../../src/train/random.js';

torch.setNumThreads(1);

/** The 4×4 image 1..16, zero-padded by 1, cropped at (dy, dx). */
function crop(dy: number, dx: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
    const sr = r + dy - 1;
    const sc = c + dx - 1;
    out.push(sr >= 0 && sr < 4 && sc >= 0 && sc < 4 ? sr * 4 + sc + 1 : 0);
  }
  return out;
}

const mirror = (img: number[]) => img.map((_, i) => img[Math.floor(i / 4) * 4 + (3 - (i % 4))]);

test('every augmented image is a padded crop (optionally mirrored), offsets vary, and the same rng gives the same batch', () => {
  const image = Array.from({ length: 16 }, (_, i) => i + 1);
  const batch = torch.tensor(Float32Array.from(Array.from({ length: 32 }, () => image).flat()), [32, 1, 4, 4]);
  const args = { cropPadding: 1, horizontalFlip: true };
  const run = (seed: number) => torch.tidy(() => augmentImages(batch, args, createRng(seed)).toTypedArray() as Float32Array);
  const out = run(1);
  const candidates = new Map<string, string>();
  for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) {
    candidates.set(crop(dy, dx).join(','), `crop ${dy},${dx}`);
    candidates.set(mirror(crop(dy, dx)).join(','), `mirrored crop ${dy},${dx}`);
  }
  const seen = new Set<string>();
  for (let i = 0; i < 32; i++) {
    const key = Array.from(out.subarray(i * 16, (i + 1) * 16)).join(',');
    assert.ok(candidates.has(key), `image ${i} is not a padded crop: ${key}`);
    seen.add(candidates.get(key)!);
  }
  assert.ok(seen.size >= 6, `only ${seen.size} distinct augmentations in 32 draws`);
  assert.deepEqual(run(1), out);
  assert.notDeepEqual(run(2), out);
  batch.dispose();
});

test('no padding and no flip returns the batch unchanged; non-image input is refused', () => {
  const x = torch.ones([2, 1, 3, 3]);
  assert.equal(augmentImages(x, { cropPadding: 0, horizontalFlip: false }, createRng(0)), x);
  const flat = torch.ones([2, 9]);
  assert.throws(() => augmentImages(flat, { cropPadding: 1, horizontalFlip: false }, createRng(0)), /expected images \[batch, channels, height, width\]; got shape \[2, 9\]/);
  x.dispose();
  flat.dispose();
});
