// The LCG and string hash that make_fixtures.py uses for module weights, inputs and cotangents.
import * as torch from '../../src/index.js';

/** FNV-1a 32-bit hash of the UTF-8 bytes of `text`. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h >>> 0;
}

/** u_k in [-1, 1): s <- (1664525 s + 1013904223) mod 2^32, u = s / 2^31 - 1 (exact in doubles). */
export function lcgValues(seed: number, n: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let k = 0; k < n; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[k] = s / 2 ** 31 - 1;
  }
  return out;
}

/** lcg_tensor in make_fixtures.py: LCG values keyed by `key`, rounded to float32 unless float64 is asked. */
export function lcgTensor(key: string, shape: number[], dtype: 'float32' | 'float64' = 'float32'): torch.Tensor {
  const values = lcgValues(fnv1a(key), shape.reduce((a, b) => a * b, 1));
  return torch.tensor(dtype === 'float32' ? Float32Array.from(values) : values, shape, { dtype });
}

/** fill_state_dict in make_fixtures.py: deterministic values for every float parameter and buffer. */
export function fillStateDict(module: torch.nn.Module, prefix: string): void {
  const sd: Record<string, torch.Tensor> = {};
  for (const [name, t] of Object.entries(module.stateDict())) {
    if (t.dtype !== 'float32' && t.dtype !== 'float64') {
      sd[name] = t;
      continue;
    }
    const u = lcgValues(fnv1a(`${prefix}:${name}`), t.numel);
    const fanIn = t.shape.length > 0 ? t.numel / t.shape[0] : 1;
    const v = u.map((ui) => {
      if (name.endsWith('running_var')) return 1.0 + 0.5 * ui;
      if (name.endsWith('running_mean')) return 0.1 * ui;
      if (t.ndim === 1 && name.endsWith('weight')) return 1.0 + 0.2 * ui;
      if (name.endsWith('bias')) return 0.1 * ui;
      return ui * Math.sqrt(3.0 / fanIn);
    });
    sd[name] = torch.tensor(t.dtype === 'float32' ? Float32Array.from(v) : v, [...t.shape], { dtype: t.dtype });
  }
  module.loadStateDict(sd, { strict: true });
}
