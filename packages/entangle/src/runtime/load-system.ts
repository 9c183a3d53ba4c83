// Rebuilding a system from its source (module + export + params + updates), e.g. inside a worker.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EntangleError } from '../core/errors.js';
import { closest, listNames } from '../core/suggest.js';
import type { SystemSource } from '../system/spec.js';
import { System } from '../system/system.js';
import { applyUpdate } from '../system/update.js';

function moduleUrl(module: string): string {
  if (module.startsWith('file:')) return module;
  if (isAbsolute(module)) return pathToFileURL(module).href;
  throw new EntangleError(`A system source module must be an absolute path or a file: URL (workers resolve it from another directory), got '${module}'. Use import.meta.url or path.resolve(...).`);
}

function isSystem(value: unknown): value is System {
  return value instanceof System || (typeof value === 'object' && value !== null && typeof (value as System).topoOrder === 'function' && typeof (value as System).fingerprint === 'function');
}

/**
 * Imports `source.module`, calls its export `source.export` with `source.params` (it may return a promise),
 * applies `source.updates` in order, and returns the system with `source` attached.
 */
export async function loadSystem(source: SystemSource): Promise<System> {
  const url = moduleUrl(source.module);
  const mod = (await import(url)) as Record<string, unknown>;
  const factory = mod[source.export];
  if (typeof factory !== 'function') {
    const exported = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    const suggestion = closest(source.export, exported);
    throw new EntangleError(
      `Module ${source.module} has no function export '${source.export}' to build a system.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Function exports: ${listNames(exported)}.`,
    );
  }
  const built = await (factory as (params: unknown) => unknown)(source.params ?? {});
  if (!isSystem(built)) {
    throw new EntangleError(`${source.module} export '${source.export}' returned ${typeof built}, expected a System (from defineSystem).`);
  }
  let system: System = built;
  const base = { module: source.module, export: source.export, ...(source.params !== undefined ? { params: source.params } : {}) };
  if (system.source === undefined) system = new System({ name: system.name, datasets: { ...system.datasets }, models: [...system.models], source: base });
  for (const update of source.updates ?? []) system = applyUpdate(system, update);
  return system;
}

/** Rebuilds the system a job refers to and checks it is the same system (same fingerprint) the job was planned on. */
export async function loadSystemFor(ref: { name: string; fingerprint: string; source?: SystemSource }): Promise<System> {
  if (ref.source === undefined) {
    throw new EntangleError(`System '${ref.name}' cannot be rebuilt here: it has no source. Declare it with source: { module, export, params } or build it with loadSystem(...).`);
  }
  const system = await loadSystem(ref.source);
  if (system.fingerprint() !== ref.fingerprint) {
    throw new EntangleError(
      `Rebuilding system '${ref.name}' from ${ref.source.module} (export '${ref.source.export}') gave a different system than the one planned ` +
        `(fingerprint ${system.fingerprint().slice(0, 12)}, expected ${ref.fingerprint.slice(0, 12)}). The factory must be deterministic in its params.`,
    );
  }
  return system;
}
