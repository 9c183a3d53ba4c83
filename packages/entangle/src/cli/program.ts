// The commander program: every command, its options and its help text. Actions only set the exit code.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { PRESETS } from '../scenarios/scenario.js';
import { diagnoseCommand, type DiagnoseCommandOptions } from './commands/diagnose.js';
import { evaluateCommand, type EvaluateOptions } from './commands/evaluate.js';
import { withCommonOptions, type CommonOptions } from './commands/common.js';
import { reportCommand, type ReportOptions } from './commands/report.js';
import { runCommand, type RunOptions } from './commands/run.js';
import { mitigateCommand, REMEDIES, type MitigateCommandOptions } from './commands/mitigate.js';
import { runsCommand, showCommand } from './commands/runs.js';
import { scenariosCommand } from './commands/scenarios.js';
import { serveCommand, type ServeOptions } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { ARTIFACT_TRANSPORTS, EXECUTOR_KINDS } from './executor.js';
import { EXTRA_MODULES_ENV } from './modules.js';
import { assignment, jsonObject, nonNegative, port, positiveInt, unitInterval } from './options.js';

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

/** Where jobs run: --executor inline|pool|bullmq and its settings (docs/cli.md, "Executors"). */
function addExecutionOptions(command: Command): Command {
  return command
    .addOption(new Option('--executor <kind>', "where jobs run: in this process, on a worker-thread pool, or on 'entangle worker' processes through Redis (default: inline, pool with --workers)").choices([...EXECUTOR_KINDS]))
    .option('--workers <n>', 'pool: n worker threads (implies --executor pool; default for pool: one per core)', positiveInt)
    .option('--threads <n>', 'libtorch threads per job (per worker with a pool)', positiveInt)
    .option('--redis <url>', 'bullmq: Redis URL, e.g. redis://127.0.0.1:6379')
    .option('--queue <name>', "bullmq: queue shared with the workers (default 'entangle')")
    .addOption(new Option('--artifacts <transport>', "bullmq: how workers reach artifacts: the shared store directory, or copies through Redis (default shared)").choices([...ARTIFACT_TRANSPORTS]))
    .option('--attempts <n>', 'bullmq: tries per job when its learner throws (default 1)', positiveInt)
    .option('--backoff-ms <ms>', 'bullmq: wait before the first retry, doubling each try (default 1000)', positiveInt)
    .option('--max-queued <n>', "bullmq: most of this command's jobs queued or running at once (default: a whole wave)", positiveInt);
}

/** --preset, --seeds and --set: which variant of a scenario runs. */
function addScenarioOptions(command: Command): Command {
  return command
    .addOption(new Option('--preset <name>', 'size of the run').choices([...PRESETS]).default('quick'))
    .option('--seeds <n>', "number of paired seeds (default: the preset's)", positiveInt)
    .option('--set <key=value>', 'override a preset parameter (JSON values; repeatable; dotted keys for nested fields)', assignment);
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
    .addHelpText('after', `\n${EXIT_CODES_HELP}\n\n${ENVIRONMENT_HELP}\n\nDocs: docs/cli.md, docs/diagnose.md, docs/distributed.md, docs/dashboard.md`);

  const run = program.command('run')
    .description('run scenarios (the paper\'s experiments) and print their verdicts; results are saved in the store')
    .argument('<scenario...>', "scenario names ('entangle scenarios' lists them)");
  addScenarioOptions(run);
  addExecutionOptions(run).option('--report <file>', 'also write a self-contained HTML report');
  withCommonOptions(run).action(async (names: string[], options: RunOptions) => {
    state.exitCode = await runCommand(names, options);
  });

  const evaluate = program.command('evaluate')
    .description("evaluate one update of your own system: train baseline and updated systems over paired seeds and judge it")
    .argument('<system-module>', "a .js module (.ts under tsx) exporting a system factory and 'updates'")
    .requiredOption('--update <name>', "the update to evaluate (a key or name in the module's 'updates')")
    .option('--export <name>', 'the factory export building the system', 'system')
    .option('--params <json>', 'JSON object passed to the factory', jsonObject)
    .option('--seeds <n>', 'number of paired seeds', positiveInt, 5)
    .option('--diagnose', 'when the update is self-defeating, also say which entanglement type explains it (docs/diagnose.md)')
    .option('--refit-seeds <n>', 'with --diagnose: seeds on which a richer downstream model is refit (default 3)', positiveInt)
    .option('--threshold <x>', 'with --diagnose: score (0 to 1) a type needs to be named the primary cause (default 0.5)', unitInterval);
  addExecutionOptions(evaluate).option('--report <file>', 'also write a self-contained HTML report');
  withCommonOptions(evaluate).action(async (module: string, options: EvaluateOptions) => {
    state.exitCode = await evaluateCommand(module, options);
  });

  const diagnose = program.command('diagnose')
    .description('run a scenario (from the store when it ran before) and say which entanglement type (paper §3) explains each self-defeating update; exits 0')
    .argument('<scenario>', "scenario name ('entangle scenarios' lists them)")
    .option('--comparison <n|label>', "diagnose only this comparison: its number (1 = first) or its label (default: every one)")
    .option('--refit-seeds <n>', 'seeds on which a richer downstream model is refit for the hypothesis-space check (default 3)', positiveInt)
    .option('--threshold <x>', 'score (0 to 1) a type needs to be named the primary cause (default 0.5)', unitInterval);
  addScenarioOptions(diagnose);
  withCommonOptions(addExecutionOptions(diagnose)).action(async (name: string, options: DiagnoseCommandOptions) => {
    state.exitCode = await diagnoseCommand(name, options);
  });

  const mitigate = program.command('mitigate')
    .description("run a scenario, apply a remedy (paper §7) to both systems of each update and re-evaluate; exits 3 while a self-defeating improvement remains")
    .argument('<scenario>', "scenario name ('entangle scenarios' lists them)")
    .addOption(new Option('--remedy <kind>', 'widen-downstream: a richer learner for the harmed descendants; calibrate: the upstream emits probabilities; whiten: a whitening node after the upstream').choices([...REMEDIES]).makeOptionMandatory())
    .option('--margin <x>', "harm smaller than this (in the descendant's loss units) does not count (default 0, Definition 2.1)", nonNegative)
    .option('--comparison <n|label>', 'remedy only this comparison: its number (1 = first) or its label (default: every one)');
  addScenarioOptions(mitigate);
  withCommonOptions(addExecutionOptions(mitigate)).action(async (name: string, options: MitigateCommandOptions) => {
    state.exitCode = await mitigateCommand(name, options);
  });

  program.command('worker')
    .description("take jobs of '--executor bullmq' runs from Redis (--redis URL) until Ctrl-C; 'entangle worker --help' lists its flags")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[flags...]', 'the flags of worker-main (docs/distributed.md)')
    .action(async (flags: string[]) => {
      state.exitCode = await workerCommand(flags);
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
