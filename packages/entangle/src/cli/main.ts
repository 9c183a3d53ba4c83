#!/usr/bin/env node
// The entangle CLI's entry point: parses argv, runs the command, maps errors to exit codes (docs/cli.md).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommanderError } from 'commander';
import { CommandFailure, EXIT, exitCodeFor, isAbort } from './exit-codes.js';
import { buildProgram } from './program.js';

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Prints an error the way its exit code calls for: the message only, the stack with --debug. */
function report(error: unknown, code: number, argv: readonly string[], debug: boolean): void {
  const message = error instanceof Error ? error.message : String(error);
  if (code === EXIT.interrupted) {
    process.stderr.write(`Interrupted. Jobs that finished are saved in the store; rerun the same command to resume:\n  entangle ${argv.slice(2).map(shellQuote).join(' ')}\n`);
    return;
  }
  process.stderr.write(code === EXIT.usage ? `entangle: ${message}\n` : `entangle: failed: ${message}\n`);
  if (debug) {
    let e: unknown = error;
    while (e instanceof Error) {
      process.stderr.write(`${e.stack ?? e.message}\n`);
      e = e.cause;
      if (e !== undefined) process.stderr.write('caused by: ');
    }
  } else if (code === EXIT.failure) {
    process.stderr.write('(rerun with --debug for the stack trace)\n');
  }
}

/** Runs the CLI on `argv` (node, script, args...) and returns the exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const state = { exitCode: EXIT.ok as number };
  const debug = argv.includes('--debug');
  try {
    await buildProgram(state).parseAsync([...argv]);
    return state.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const failure = e instanceof CommandFailure ? e : new CommandFailure(e, 'run');
    const code = isAbort(failure.error) ? EXIT.interrupted : exitCodeFor(failure.error, failure.phase);
    report(failure.error, code, argv, debug);
    return code;
  }
}

function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exit(await main());
