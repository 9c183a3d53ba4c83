// The immutable, validated system G = (V, E) of paper §2.
import { canonicalJson, sha256 } from '../core/canonical-json.js';
import { SystemValidationError, UnknownNameError } from '../core/errors.js';
import { closest, listNames } from '../core/suggest.js';
import type { Dataset } from '../core/types.js';
import { childrenOf, reachable, topologicalOrder } from './graph.js';
import { predictionSets } from './prediction-sets.js';
import type { ModelSpec, SystemDeclaration, SystemSource } from './spec.js';
import { validateDeclaration } from './validate.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A frozen copy of a dataset's structure sharing its typed arrays (which cannot be frozen) and records. */
function frozenDataset(ds: Dataset): Dataset {
  const fields = Object.fromEntries(
    Object.entries(ds.fields).map(([name, f]) => [name, Object.freeze({ shape: Object.freeze([...f.shape]) as number[], data: f.data })]),
  );
  const copy: Dataset = { version: ds.version, size: ds.size, fields: Object.freeze(fields) };
  if (ds.records !== undefined) copy.records = Object.freeze({ ...ds.records });
  return Object.freeze(copy);
}

export class System {
  readonly name: string;
  readonly datasets: Readonly<Record<string, Dataset>>;
  readonly models: readonly ModelSpec[];
  /** How workers rebuild this system (absent for systems built only in memory). */
  readonly source: SystemSource | undefined;
  readonly #byId: Map<string, ModelSpec>;
  readonly #order: string[];
  readonly #children: Map<string, string[]>;
  readonly #predictionSets: Map<string, string[]>;
  #fingerprint: string | undefined;

  /** Use defineSystem, which validates first. */
  constructor(decl: SystemDeclaration) {
    this.name = decl.name;
    this.datasets = Object.freeze(Object.fromEntries(Object.entries(decl.datasets).map(([n, ds]) => [n, frozenDataset(ds)])));
    this.models = deepFreeze(structuredClone(decl.models));
    this.source = decl.source === undefined ? undefined : deepFreeze(structuredClone(decl.source));
    this.#byId = new Map(this.models.map((m) => [m.id, m]));
    this.#order = topologicalOrder(this.models);
    this.#children = childrenOf(this.models);
    const sets = predictionSets(this.models, this.#order);
    this.#predictionSets = new Map([...sets].map(([id, m]) => [id, [...m.keys()]]));
    Object.freeze(this);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The declaration of model `id`; throws UnknownNameError naming the closest id. */
  model(id: string): ModelSpec {
    const found = this.#byId.get(id);
    if (found !== undefined) return found;
    const known = this.models.map((m) => m.id);
    const suggestion = closest(id, known);
    throw new UnknownNameError(
      `System '${this.name}' has no model '${id}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Known models: ${listNames(known)}.`,
      'model', id, known, suggestion,
    );
  }

  dataset(name: string): Dataset {
    const found = this.datasets[name];
    if (found !== undefined) return found;
    const known = Object.keys(this.datasets);
    const suggestion = closest(name, known);
    throw new UnknownNameError(
      `System '${this.name}' has no dataset '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Known datasets: ${listNames(known)}.`,
      'dataset', name, known, suggestion,
    );
  }

  /** Model ids with every parent before its children; ties keep declaration order. */
  topoOrder(): string[] {
    return [...this.#order];
  }

  parents(id: string): string[] {
    return [...this.model(id).parents];
  }

  children(id: string): string[] {
    this.model(id);
    return [...(this.#children.get(id) ?? [])];
  }

  /** Upstream models of `id`, in topological order. */
  ancestors(id: string): string[] {
    this.model(id);
    const found = reachable(id, (m) => this.model(m).parents);
    return this.#order.filter((m) => found.has(m));
  }

  /** Downstream models of `id` (C_v in Definition 2.1), in topological order. */
  descendants(id: string): string[] {
    this.model(id);
    const found = reachable(id, (m) => this.#children.get(m) ?? []);
    return this.#order.filter((m) => found.has(m));
  }

  /** Names of the datasets on which `id`'s outputs are needed: its test set and its descendants' train/test sets. */
  predictionSets(id: string): string[] {
    this.model(id);
    return [...this.#predictionSets.get(id)!];
  }

  /** Identity of what the system computes: name, models and dataset versions (not how it is rebuilt, not the bytes). */
  fingerprint(): string {
    if (this.#fingerprint === undefined) {
      const { source: _source, ...identity } = this.describe();
      this.#fingerprint = sha256(canonicalJson(identity));
    }
    return this.#fingerprint;
  }

  /** Plain-data view for reports, the store and JSON output. */
  describe(): { name: string; models: ModelSpec[]; datasets: Record<string, { version: string; size: number; fields: Record<string, number[]>; records: string[] }>; source?: SystemSource } {
    const datasets = Object.fromEntries(
      Object.entries(this.datasets).map(([name, ds]) => [name, {
        version: ds.version,
        size: ds.size,
        fields: Object.fromEntries(Object.entries(ds.fields).map(([f, v]) => [f, [...v.shape]])),
        records: Object.keys(ds.records ?? {}),
      }]),
    );
    return { name: this.name, models: structuredClone([...this.models]) as ModelSpec[], datasets, ...(this.source ? { source: structuredClone(this.source) } : {}) };
  }
}

/**
 * Validates a declaration and returns the immutable System. Throws one SystemValidationError listing every
 * problem. Learners and losses it names must be registered first (import their modules).
 */
export function defineSystem(decl: SystemDeclaration): System {
  const issues = validateDeclaration(decl);
  if (issues.length > 0) throw new SystemValidationError(typeof decl.name === 'string' ? decl.name : '(unnamed)', issues);
  return new System(decl);
}
