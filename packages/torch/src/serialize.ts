import { N } from './native.js';
import { TorchError } from './errors.js';
import { Tensor, wrap } from './tensor.js';

/**
 * Writes a state dict as a PyTorch zip+pickle checkpoint: Python `torch.load(path)` returns a
 * dict of tensors. Tensors are saved detached (no requiresGrad); key order is preserved.
 */
export function save(stateDict: Record<string, Tensor>, path: string): void {
  if (stateDict === null || typeof stateDict !== 'object' || Array.isArray(stateDict)) {
    throw new TorchError('save: stateDict must be a plain object of name → Tensor', 'save');
  }
  if (typeof path !== 'string' || path === '') throw new TorchError('save: path must be a non-empty string', 'save');
  const names = Object.keys(stateDict);
  const tensors = names.map((name) => {
    const t = stateDict[name];
    if (!(t instanceof Tensor)) {
      throw new TorchError(`save: state dict entry '${name}' is not a Tensor (got ${t === null ? 'null' : typeof t}) while writing '${path}'`, 'save');
    }
    return t._n;
  });
  N.save(names, tensors, path);
}

/**
 * Reads a checkpoint written by save() or Python `torch.save(dict_of_tensors)`. int32/int16/int8
 * tensors load as int64 and float16/bfloat16 as float32. Throws TorchError naming the path.
 */
export function load(path: string): Record<string, Tensor> {
  if (typeof path !== 'string' || path === '') throw new TorchError('load: path must be a non-empty string', 'load');
  const [names, handles] = N.load(path);
  return Object.fromEntries(names.map((name, i) => [name, wrap(handles[i]!)]));
}
