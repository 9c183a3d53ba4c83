// Exports with no golden case, each with the reason; coverage.test.ts fails on anything else without a case.

/** Functions and classes exported from `@entangle/torch` itself. */
export const NOT_NUMERIC_EXPORTS: Record<string, string> = {
  Tensor: 'class; its instances are built and read by every golden case',
  TorchError: 'error class; no numeric output',
  setNumThreads: 'thread-pool control; no numeric output',
  getNumThreads: 'thread-pool control; no numeric output',
  manualSeed: 'seeds every case of random.json (the runner calls it with params.seed before the op)',
  dispose: 'memory management; no numeric output',
  tidy: 'memory management; no numeric output',
  keep: 'memory management; no numeric output',
  memory: 'memory accounting; no numeric output',
  noGrad: 'autograd mode switch; checked in gradcheck.test.ts (no graph under noGrad)',
  enableGrad: 'autograd mode switch; checked in gradcheck.test.ts (graph inside noGrad)',
  isGradEnabled: 'autograd mode query; checked in gradcheck.test.ts (false inside noGrad)',
  parallelInfo: 'libtorch build/thread description string; no numeric output',
  save: 'serialization; round trip checked in serialization.test.ts against a PyTorch-written file',
  load: 'serialization; checked in serialization.test.ts against a file written by torch.save',
};

/** Functions of `torch.nn.functional`. */
export const NOT_NUMERIC_FUNCTIONAL: Record<string, string> = {};

/** Methods of `Tensor.prototype`. */
export const NOT_NUMERIC_METHODS: Record<string, string> = {
  dispose: 'memory management; no numeric output',
  backward: 'called by every gradient comparison in runner.ts',
  zeroGrad: 'autograd bookkeeping; checked in gradcheck.test.ts (grad accumulates, zeroGrad resets)',
};
