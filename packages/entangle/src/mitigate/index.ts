// Remedies for self-defeating improvements ("tightening the API", paper §7) and their paired re-evaluation.
export { mitigate, judgeMitigation, type MitigateOptions, type MitigationResult, type MitigationOutcome, type ModelMitigation, type DifferenceDigest } from './mitigate.js';
export { applyRemedy, resolveRemedy, whitenedId, RemedyError, REMEDY_KINDS, type RemedyKind, type RemedyRequest, type ResolvedRemedy, type RemediedSystem } from './remedies.js';
export { remediedSystem } from './remedied-source.js';
export { whiten, whitenArgsSchema, type WhitenArgs } from './whiten-learner.js';
export { whiteningError } from './whitening-loss.js';
export { symmetricEigen, type SymmetricEigen } from './symmetric-eigen.js';
