// Imports what the CLI needs on demand: learners and losses, the built-in scenarios, and the user's extra modules.
import { delimiter, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './exit-codes.js';

/** Set to 1 to register only the scenarios of ENTANGLE_EXTRA_MODULES (no built-ins, no libtorch unless they load it). */
export const NO_BUILTINS_ENV = 'ENTANGLE_NO_BUILTIN_SCENARIOS';

/** Environment variable with extra modules to import (learners, losses, scenarios), separated by the path delimiter (':'). */
export const EXTRA_MODULES_ENV = 'ENTANGLE_EXTRA_MODULES';

let learnersLoaded = false;
let scenariosLoaded: Promise<string[]> | undefined;
let extrasLoaded: Promise<void> | undefined;

/** Registers the built-in learners and test losses (loads libtorch). */
export async function loadLearners(): Promise<void> {
  if (learnersLoaded) return;
  await import('../learners/index.js');
  await import('../losses/index.js');
  learnersLoaded = true;
}

/** Imports every module listed in ENTANGLE_EXTRA_MODULES (absolute, or relative to the working directory). */
export function loadExtraModules(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  extrasLoaded ??= (async () => {
    const list = (env[EXTRA_MODULES_ENV] ?? '').split(delimiter).map((s) => s.trim()).filter(Boolean);
    for (const entry of list) {
      const url = entry.startsWith('file:') ? entry : pathToFileURL(isAbsolute(entry) ? entry : resolve(entry)).href;
      try {
        await import(url);
      } catch (e) {
        throw new UsageError(`Could not import ${entry} listed in ${EXTRA_MODULES_ENV}: ${(e as Error).message}. Check the path (absolute, or relative to ${process.cwd()}); separate several modules with '${delimiter}'.`, { cause: e });
      }
    }
  })();
  return extrasLoaded;
}

/**
 * Registers the built-in scenarios (with the built-in learners and losses; skipped when ENTANGLE_NO_BUILTIN_SCENARIOS=1)
 * and then the extra modules. Built-in scenarios that fail to import do not stop the CLI (the extras still work):
 * the returned warnings say what failed and why.
 */
export function loadScenarios(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  scenariosLoaded ??= (async () => {
    const warnings: string[] = [];
    if (env[NO_BUILTINS_ENV] !== '1') {
      try {
        await loadLearners();
        await import('../scenarios/index.js');
      } catch (e) {
        warnings.push(`The built-in scenarios could not be loaded (${(e as Error).message}); only scenarios from ${EXTRA_MODULES_ENV} are available.`);
      }
    }
    await loadExtraModules(env);
    return warnings;
  })();
  return scenariosLoaded;
}
