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
  trimMemory: 'memory management (glibc malloc_trim); no numeric output; tested in test/core/memory.test.ts',
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

/** Every export of `torch.nn` (besides `functional`) and `torch.optim`: where its golden test is, or why none. */
export const NN_AND_OPTIM_EXPORTS: Record<string, string> = {
  'nn.Linear': 'modules.test.ts (linear, linear_no_bias_3d, mlp_eval, convnet_train), init.test.ts',
  'nn.Conv2d': 'modules.test.ts (conv2d_*, convnet_train), init.test.ts',
  'nn.BatchNorm1d': 'modules.test.ts (batchnorm1d_train)',
  'nn.BatchNorm2d': 'modules.test.ts (batchnorm2d_train/eval, convnet_train), init.test.ts',
  'nn.ReLU': 'modules.test.ts (mlp_eval, convnet_train)',
  'nn.Flatten': 'modules.test.ts (mlp_eval, convnet_train)',
  'nn.MaxPool2d': 'modules.test.ts (convnet_train)',
  'nn.Dropout': 'modules.test.ts (mlp_eval: identity in eval mode); training-mode masks via F.dropout in random.json',
  'nn.Identity': 'modules.test.ts (mlp_eval)',
  'nn.Sequential': 'modules.test.ts (mlp_eval, convnet_train)',
  'nn.resnet18': 'modules.test.ts (width 8, cifar and imagenet stems, train and eval), init.test.ts',
  'nn.ResNet': 'built by nn.resnet18',
  'nn.BasicBlock': 'built by nn.resnet18',
  'nn.Module': 'base class of every module above (namedParameters, namedBuffers, stateDict, loadStateDict, train/eval)',
  'nn.init': 'initialisers; their draws are checked through init.test.ts (default init of Linear/Conv2d/resnet18)',
  'optim.SGD': 'optimizers.test.ts (plain, momentum, momentum + weight decay + Nesterov)',
  'optim.Adam': 'optimizers.test.ts (defaults; betas, eps and weight decay)',
  'optim.MultiStepLR': 'optimizers.test.ts (lr after each epoch)',
  'optim.Optimizer': 'base class of SGD and Adam',
  'optim.paperMilestones': "not a PyTorch function (the paper's schedule milestones); no golden value exists",
};
