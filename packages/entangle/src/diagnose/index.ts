// Diagnosis of self-defeating improvements: which entanglement type of paper §3 explains the harm.
export * from './types.js';
export { diagnose, rankEvidence, KIND_NAMES, type DiagnoseOptions } from './diagnose.js';
export { widenLearner, type WidenOption, type WidenResult } from './widen.js';
export { informationProbe, probeUnavailable, type ProbeOptions, type ProbeResult } from './information.js';
export { pearson, collisionRate, explainedShare, cancellationLost, recovery, sliceShortfall } from './stats.js';
export { StoredOutputs } from './outputs.js';
