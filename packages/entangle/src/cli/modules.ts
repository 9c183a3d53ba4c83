// Imports what the CLI needs on demand: learners and losses, the built-in scenarios, and the user's extra modules.
import { delimiter, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './exit-codes.js';

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
 * Registers the built-in scenarios and then the extra modules. A built-in scenario module that fails to import
 * does not stop the CLI (the others and the extras still work): the returned warnings say which failed and why.
 */
export function loadScenarios(): Promise<string[]> {
  scenariosLoaded ??= (async () => {
    const warnings: string[] = [];
    await loadLearners();
    try {
      await import('../scenarios/index.js');
    } catch (e) {
      warnings.push(`The built-in scenarios could not be loaded (${(e as Error).message}); only scenarios from ${EXTRA_MODULES_ENV} are available.`);
    }
    await loadExtraModules();
    return warnings;
  })();
  return scenariosLoaded;
}
