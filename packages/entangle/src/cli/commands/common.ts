// What every command shares: the store directory, output streams and the options common to all commands.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_STORE_DIR } from '../../store/store.js';

export interface CommonOptions {
  store?: string;
  json?: boolean;
  debug?: boolean;
}

/** Environment variable naming the default store directory (else ./.entangle). */
export const STORE_ENV = 'ENTANGLE_STORE';

/** The store directory: --store, else $ENTANGLE_STORE, else ./.entangle; absolute. */
export function storeDir(options: CommonOptions): string {
  return resolve(options.store ?? process.env[STORE_ENV] ?? DEFAULT_STORE_DIR);
}

/** Whether a store exists there (read-only commands do not create one). */
export function storeExists(dir: string): boolean {
  return existsSync(join(dir, 'entangle.db'));
}

/** Writes a block of text to stdout. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Writes a line to stderr. */
export function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Adds --store, --json and --debug to a command. */
export function withCommonOptions(command: Command, json = true): Command {
  command.option('--store <dir>', `run store directory (default: $${STORE_ENV} or ./${DEFAULT_STORE_DIR})`);
  if (json) command.option('--json', 'print only JSON on stdout (no progress, no tables)');
  return command.option('--debug', 'print stack traces of errors');
}
