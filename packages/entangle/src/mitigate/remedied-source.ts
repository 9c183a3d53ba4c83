// Rebuilding a remedied system from JSON (for worker threads): the base system's source, then the remedy.
import type { SystemSource } from '../system/spec.js';
import type { System } from '../system/system.js';
import { loadSystem } from '../runtime/load-system.js';
import { applyRemedy, type ResolvedRemedy } from './remedies.js';

/** Source factory: `{ base, remedy }` → the base system (with its updates) with the remedy applied. */
export async function remediedSystem(params: { base: SystemSource; remedy: ResolvedRemedy }): Promise<System> {
  return applyRemedy(await loadSystem(params.base), params.remedy).system;
}
