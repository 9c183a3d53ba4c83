// Learners; importing this module registers every one of them by kind.
export { linearRegression, linearRegressionArgsSchema } from './linear-regression.js';
export { logisticRegression, logisticRegressionArgsSchema } from './logistic-regression.js';
export { mlp, mlpArgsSchema, MlpNet } from './mlp.js';
export { convnet, convnetArgsSchema, ConvNet, convnetFeatureDim } from './convnet.js';
export { resnet, resnetArgsSchema } from './resnet.js';
export { knn, knnArgsSchema } from './knn.js';
export { bayesOptimal, bayesOptimalArgsSchema } from './bayes-optimal.js';
export { frozen, frozenArgsSchema, registerFrozenFunction, type FrozenFunction } from './frozen.js';
export { netLearner, NetModel, netArgsShape, type Net, type NetArgs, type NetMeta, type NetLearnerDefinition, type OutputMode, type Task } from './net-learner.js';
export { checkLearner, type CheckLearnerData, type CheckLearnerReport } from './check.js';
export { encodeCheckpoint, decodeCheckpoint, type StoredTensor } from './checkpoint.js';
export { ArgsError, parseArgs, argIssues } from './args.js';
export { flatInputs, imageInputs, type InputLayout } from './inputs.js';
