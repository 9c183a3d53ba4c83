// The commander program: every command, its options and its help text. Actions only set the exit code.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { PRESETS } from '../scenarios/scenario.js';
import { evaluateCommand, type EvaluateOptions } from './commands/evaluate.js';
import { withCommonOptions, type CommonOptions } from './commands/common.js';
import { reportCommand, type ReportOptions } from './commands/report.js';
import { runCommand, type RunOptions } from './commands/run.js';
import { runsCommand, showCommand } from './commands/runs.js';
import { scenariosCommand } from './commands/scenarios.js';
import { serveCommand, type ServeOptions } from './commands/serve.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { EXTRA_MODULES_ENV } from './modules.js';
import { assignment, jsonObject, port, positiveInt } from './options.js';

const ENVIRONMENT_HELP = `Environment:
  ${EXTRA_MODULES_ENV}  extra modules to import (your learners, losses, scenarios), separated by ':'
  ENTANGLE_NO_BUILTIN_SCENARIOS=1  register only the scenarios of ${EXTRA_MODULES_ENV} (faster start)
  ENTANGLE_STORE          default store directory (else ./.entangle)
  ENTANGLE_THREADS        default libtorch threads per process`;

/** The version in the entangle package.json above this file (src/cli or dist/src/cli). */
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'entangle' && pkg.version !== undefined) return pkg.version;
  }
  return 'unknown';
}

/** Receives the exit code of the command that ran. */
export interface ProgramState {
  exitCode: number;
}

function addExecutionOptions(command: Command): Command {
  return command
    .option('--workers <n>', 'run jobs on n worker threads (default: one by one in this process)', positiveInt)
    .option('--threads <n>', 'libtorch threads per job (per worker with --workers)', positiveInt)
    .option('--report <file>', 'also write a self-contained HTML report');
}

/** Builds the program; `state.exitCode` holds the command's exit code after parseAsync. */
export function buildProgram(state: ProgramState): Command {
  const program = new Command('entangle')
    .description('Detect self-defeating improvements in systems of machine-learned models (Wu et al., "Fixes That Fail").')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: (text, write) => write(`entangle: ${text.replace(/^error: /, '')}`) })
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n\n${ENVIRONMENT_HELP}\n\nDocs: docs/cli.md, docs/dashboard.md`);

  const run = program.command('run')
    .description('run scenarios (the paper\'s experiments) and print their verdicts; results are saved in the store')
    .argument('<scenario...>', "scenario names ('entangle scenarios' lists them)")
    .addOption(new Option('--preset <name>', 'size of the run').choices([...PRESETS]).default('quick'))
    .option('--seeds <n>', "number of paired seeds (default: the preset's)", positiveInt)
    .option('--set <key=value>', 'override a preset parameter (JSON values; repeatable; dotted keys for nested fields)', assignment);
  addExecutionOptions(run);
  withCommonOptions(run).action(async (names: string[], options: RunOptions) => {
    state.exitCode = await runCommand(names, options);
  });

  const evaluate = program.command('evaluate')
    .description("evaluate one update of your own system: train baseline and updated systems over paired seeds and judge it")
    .argument('<system-module>', "a .js module (.ts under tsx) exporting a system factory and 'updates'")
    .requiredOption('--update <name>', "the update to evaluate (a key or name in the module's 'updates')")
    .option('--export <name>', 'the factory export building the system', 'system')
    .option('--params <json>', 'JSON object passed to the factory', jsonObject)
    .option('--seeds <n>', 'number of paired seeds', positiveInt, 5);
  addExecutionOptions(evaluate);
  withCommonOptions(evaluate).action(async (module: string, options: EvaluateOptions) => {
    state.exitCode = await evaluateCommand(module, options);
  });

  withCommonOptions(program.command('runs').description('list the runs in the store: id, name, date, status, verdict'))
    .action((options: CommonOptions) => {
      state.exitCode = runsCommand(options);
    });

  withCommonOptions(program.command('show').description("print a run's verdict table, or a saved scenario result, from the store (no training); exits 3 if self-defeating")
    .argument('<run>', "run id, id prefix or name (see 'entangle runs'), or a saved scenario result such as toy-hypothesis-quick"))
    .action((query: string, options: CommonOptions) => {
      state.exitCode = showCommand(query, options);
    });

  withCommonOptions(program.command('scenarios').description('list the scenarios with their paper references and presets'))
    .action(async (options: CommonOptions) => {
      state.exitCode = await scenariosCommand(options);
    });

  withCommonOptions(program.command('report').description('write one HTML report of every scenario result and evaluation in the store')
    .option('--out <file>', 'output file', 'entangle-report.html'))
    .action((options: ReportOptions) => {
      state.exitCode = reportCommand(options);
    });

  withCommonOptions(program.command('serve').description('serve the local dashboard (runs, results, figures, live progress) on 127.0.0.1')
    .option('--port <port>', 'TCP port (0 picks a free one)', port, 7777)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--workers <n>', 'worker threads for runs started from the page', positiveInt)
    .option('--threads <n>', 'libtorch threads per job', positiveInt), false)
    .action(async (options: ServeOptions) => {
      state.exitCode = await serveCommand(options);
    });

  return program;
}
