// Exit codes of the entangle CLI and the mapping from errors to them.
import { ContractError, EntangleError, JobError, StoreError, SystemValidationError, UnknownNameError, UpdateError } from '../core/errors.js';

export const EXIT = {
  /** Finished; no self-defeating improvement found. */
  ok: 0,
  /** Unexpected failure (a job crashed, the store failed, a bug). */
  failure: 1,
  /** Bad usage or input: unknown command, flag, scenario, preset, parameter, update; an invalid system. */
  usage: 2,
  /** Finished; a self-defeating improvement was found. */
  selfDefeating: 3,
  /** Interrupted with Ctrl-C (128 + SIGINT); finished jobs are kept, rerun to resume. */
  interrupted: 130,
} as const;

/** Text for `entangle --help` and docs/cli.md. */
export const EXIT_CODES_HELP = `Exit codes:
  0    finished, no self-defeating improvement found (diagnose: whenever it finished)
  3    finished, a self-defeating improvement was found (mitigate: one remains after the remedy)
  2    bad usage or input (unknown command, flag, scenario, preset or parameter; invalid system or update;
       unreachable --redis)
  1    unexpected failure (a job or the store failed); --debug prints the stack trace
  130  interrupted (Ctrl-C); finished jobs are kept in the store, rerun the same command to resume`;

/** A mistake in how the CLI was called or in what it was given; exits with code 2. */
export class UsageError extends EntangleError {}

/** An interrupted run (SIGINT). */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Errors that always mean bad input, whenever they surface (e.g. a scenario building an invalid system from --set). */
function isInputError(error: unknown): boolean {
  return error instanceof UsageError || error instanceof SystemValidationError || error instanceof UpdateError || error instanceof UnknownNameError;
}

/**
 * The exit code for an error. Before any job has started (phase 'input': resolving scenarios, presets, parameters,
 * modules, updates, building systems) an EntangleError, RangeError or ZodError is bad input (2), except failures of
 * jobs, contracts and the store. Once jobs run (phase 'run') only invalid systems or updates and unknown names are
 * bad input; anything else is a failure (1).
 */
export function exitCodeFor(error: unknown, phase: 'input' | 'run'): number {
  if (isAbort(error)) return EXIT.interrupted;
  if (isInputError(error)) return EXIT.usage;
  if (error instanceof JobError || error instanceof StoreError || error instanceof ContractError) return EXIT.failure;
  if (phase === 'input' && error instanceof Error && (error instanceof EntangleError || error instanceof RangeError || error.name === 'ZodError')) return EXIT.usage;
  return EXIT.failure;
}

/** An error raised while a command ran, with the phase it happened in (decides between exit codes 2 and 1). */
export class CommandFailure extends Error {
  constructor(readonly error: unknown, readonly phase: 'input' | 'run') {
    super(error instanceof Error ? error.message : String(error));
    this.name = 'CommandFailure';
  }
}
