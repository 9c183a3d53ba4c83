import { Tensor, keep, noGrad, tidy } from '../index.js';

/** Options of `Module.loadStateDict`. */
export interface LoadStateDictOptions {
  /** When true (default), missing and unexpected keys are errors; shape mismatches are always errors. */
  strict?: boolean;
}

/** What `loadStateDict` did not load (non-strict mode); both empty after a strict load. */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

const NAME_PATTERN = /^[A-Za-z0-9_]+$/;

/**
 * Base class of every layer: owns parameters, buffers and submodules under names, so that
 * `namedParameters()` and `stateDict()` give PyTorch's dotted paths (`layer1.0.conv1.weight`).
 * Registered tensors are kept out of `tidy` scopes and live until `dispose()`.
 */
export abstract class Module {
  /** True in training mode (BatchNorm uses batch statistics, Dropout drops); set with `train()`/`eval()`. */
  training = true;
  private readonly ownParameters = new Map<string, Tensor>();
  private readonly ownBuffers = new Map<string, Tensor>();
  private readonly ownModules = new Map<string, Module>();

  /** Computes the module's output; call through `call(x)` or directly. */
  abstract forward(x: Tensor): Tensor;

  call(x: Tensor): Tensor {
    return this.forward(x);
  }

  /** Registers a trainable tensor (sets requiresGrad) under `name`; returns it. */
  registerParameter(name: string, t: Tensor): Tensor {
    this.checkNewName(name, 'registerParameter');
    t.requiresGrad = true;
    keep(t);
    this.ownParameters.set(name, t);
    return t;
  }

  /** Registers a non-trainable state tensor (e.g. BatchNorm running statistics) under `name`; returns it. */
  registerBuffer(name: string, t: Tensor): Tensor {
    this.checkNewName(name, 'registerBuffer');
    keep(t);
    this.ownBuffers.set(name, t);
    return t;
  }

  /** Registers a child module under `name` (its tensors get the prefix `name.`); returns it. */
  registerModule<M extends Module>(name: string, m: M): M {
    this.checkNewName(name, 'registerModule');
    if (!(m instanceof Module)) {
      throw new TypeError(`${this.constructor.name}.registerModule('${name}'): expected a Module, got ${describe(m)}`);
    }
    this.ownModules.set(name, m);
    return m;
  }

  /** Direct children in registration order. */
  namedChildren(): [string, Module][] {
    return [...this.ownModules.entries()];
  }

  /** This module and all descendants, depth first in registration order, with dotted paths ('' for this one). */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.ownModules) out.push(...child.namedModules(join(prefix, name)));
    return out;
  }

  namedParameters(): [string, Tensor][] {
    return this.collect((m) => m.ownParameters);
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  namedBuffers(): [string, Tensor][] {
    return this.collect((m) => m.ownBuffers);
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map(([, t]) => t);
  }

  /** Parameters and buffers by dotted path. The tensors are the module's own (not copies): clone to snapshot. */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [prefix, m] of this.namedModules()) {
      for (const [name, t] of m.ownParameters) out[join(prefix, name)] = t;
      for (const [name, t] of m.ownBuffers) out[join(prefix, name)] = t;
    }
    return out;
  }

  /**
   * Copies values from `sd` into this module's parameters and buffers (PyTorch `load_state_dict`).
   * Nothing is copied unless every check passes; the error lists every missing key, unexpected key
   * and shape mismatch at once.
   */
  loadStateDict(sd: Record<string, Tensor>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const strict = options.strict ?? true;
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !(k in sd));
    const unexpectedKeys = Object.keys(sd).filter((k) => !(k in own));
    const mismatches: string[] = [];
    for (const [key, target] of Object.entries(own)) {
      const source = sd[key];
      if (source === undefined) continue;
      if (!(source instanceof Tensor)) {
        mismatches.push(`${key}: expected a Tensor, got ${describe(source)}`);
      } else if (!sameShape(source.shape, target.shape)) {
        mismatches.push(`${key}: shape [${source.shape.join(', ')}] in the state dict, [${target.shape.join(', ')}] in the module`);
      }
    }
    const problems: string[] = [];
    if (strict && missingKeys.length > 0) problems.push(`missing keys: ${missingKeys.join(', ')}`);
    if (strict && unexpectedKeys.length > 0) problems.push(`unexpected keys: ${unexpectedKeys.join(', ')}`);
    if (mismatches.length > 0) problems.push(`shape mismatches: ${mismatches.join('; ')}`);
    if (problems.length > 0) {
      const hint = strict && mismatches.length === 0
        ? ' Fix: load a state dict saved from the same architecture, or pass { strict: false } to load the common keys.'
        : ' Fix: load a state dict saved from the same architecture (same sizes).';
      throw new Error(`${this.constructor.name}.loadStateDict: ${problems.join('. ')}.${hint}`);
    }
    noGrad(() => {
      for (const [key, target] of Object.entries(own)) {
        const source = sd[key];
        if (source !== undefined) target.copyFrom(source);
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  /** Sets training mode on this module and every descendant; returns this. */
  train(on = true): this {
    for (const [, m] of this.namedModules()) m.training = on;
    return this;
  }

  /** Evaluation mode (`train(false)`); returns this. */
  eval(): this {
    return this.train(false);
  }

  /** Total number of parameter elements. */
  numParameters(): number {
    return this.parameters().reduce((n, t) => n + t.numel, 0);
  }

  /** Frees every parameter and buffer of this module and its descendants; the module is unusable after. */
  dispose(): void {
    for (const [, m] of this.namedModules()) {
      for (const t of m.ownParameters.values()) if (!t.isDisposed) t.dispose();
      for (const t of m.ownBuffers.values()) if (!t.isDisposed) t.dispose();
    }
  }

  /** Clears every parameter's gradient (PyTorch `zero_grad(set_to_none=True)`). */
  zeroGrad(): void {
    tidy(() => {
      for (const p of this.parameters()) p.zeroGrad();
    });
  }

  /** One line per module: `path: ClassName(extra)`. */
  toString(): string {
    return this.namedModules()
      .map(([path, m]) => `${path === '' ? '(root)' : path}: ${m.constructor.name}(${m.extraRepr()})`)
      .join('\n');
  }

  /** Hyperparameters shown by `toString()`; subclasses override. */
  protected extraRepr(): string {
    return '';
  }

  private collect(pick: (m: Module) => Map<string, Tensor>): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [prefix, m] of this.namedModules()) {
      for (const [name, t] of pick(m)) out.push([join(prefix, name), t]);
    }
    return out;
  }

  private checkNewName(name: string, method: string): void {
    if (!NAME_PATTERN.test(name)) {
      throw new Error(`${this.constructor.name}.${method}: invalid name '${name}'; use letters, digits and '_' (no dots: paths are built from nesting)`);
    }
    if (this.ownParameters.has(name) || this.ownBuffers.has(name) || this.ownModules.has(name)) {
      throw new Error(`${this.constructor.name}.${method}: name '${name}' is already registered; pick another name`);
    }
  }
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}
