// The package's error classes. Every message says what failed, where, expected vs got, and how to fix it.

/** Base class of every error entangle throws on purpose. */
export class EntangleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A name (learner kind, loss kind, model id, dataset...) that is not known; carries the closest known name. */
export class UnknownNameError extends EntangleError {
  constructor(
    message: string,
    readonly what: string,
    readonly unknown: string,
    readonly known: string[],
    readonly suggestion: string | undefined,
  ) {
    super(message);
  }
}

/** One problem found while validating a system declaration. */
export interface ValidationIssue {
  /** Machine-readable kind of problem, e.g. 'cycle', 'unknown-parent', 'shape-mismatch'. */
  code: string;
  /** The model the problem belongs to (absent for dataset-level problems). */
  model?: string;
  /** The dataset the problem belongs to, when there is one. */
  dataset?: string;
  /** What is wrong, as one sentence. */
  what: string;
  expected?: string;
  got?: string;
  /** How to fix it. */
  fix?: string;
}

/** Renders one issue as a single line: "model 'w': what (expected X, got Y). Fix: ...". */
export function formatIssue(issue: ValidationIssue): string {
  const where = issue.model !== undefined ? `model '${issue.model}': ` : issue.dataset !== undefined ? `dataset '${issue.dataset}': ` : '';
  const parts = [issue.expected !== undefined ? `expected ${issue.expected}` : '', issue.got !== undefined ? `got ${issue.got}` : ''].filter((p) => p !== '');
  const detail = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  const fix = issue.fix !== undefined ? ` Fix: ${issue.fix}` : '';
  return `${where}${issue.what}${detail}.${fix}`;
}

/** Every problem of a system declaration at once. */
export class SystemValidationError extends EntangleError {
  constructor(readonly system: string, readonly issues: ValidationIssue[]) {
    super(
      `System '${system}' is not valid: ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n` +
        issues.map((issue, i) => `  ${i + 1}. ${formatIssue(issue)}`).join('\n'),
    );
  }
}

/** A learner or loss broke its contract at run time (wrong output shape, non-finite loss, bad bytes...). */
export class ContractError extends EntangleError {}

/** A job (one model, one seed) failed; `cause` holds the original error. */
export class JobError extends EntangleError {
  constructor(readonly model: string, readonly seed: number, readonly key: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Training model '${model}' with seed ${seed} failed (job ${key.slice(0, 12)}): ${reason}`, { cause });
  }
}

/** The run store or an artifact could not be read or written. */
export class StoreError extends EntangleError {}

/** An update or a comparison that does not make sense for the system it is applied to. */
export class UpdateError extends EntangleError {}
