// Validation of a system declaration: every problem is collected, so one run reports all of them.
import { canonicalJson } from '../core/canonical-json.js';
import type { ValidationIssue } from '../core/errors.js';
import { closest, listNames } from '../core/suggest.js';
import type { Dataset, InputDescription, Learner, TestLoss } from '../core/types.js';
import { hasLearner, getLearner, hasLoss, getLoss, listLearners, listLosses } from '../registry/index.js';
import { findCycles, topologicalOrder } from './graph.js';
import { describeOwnInputs, formatInputs, formatOutput } from './inputs.js';
import { predictionSets } from './prediction-sets.js';
import type { ModelSpec, SystemDeclaration } from './spec.js';

/** "did you mean 'x'?" when a known name is close, otherwise the generic fix. */
function suggestFix(name: string, known: string[], otherwise: string): string {
  const suggestion = closest(name, known);
  return suggestion !== undefined ? `did you mean '${suggestion}'?` : otherwise;
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function columns(dataset: Dataset): string[] {
  return [...Object.keys(dataset.fields), ...Object.keys(dataset.records ?? {})];
}

/** Every problem of the declaration; [] when it is valid. Learners and losses must be registered before. */
export function validateDeclaration(decl: SystemDeclaration): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof decl.name !== 'string' || decl.name.length === 0) {
    issues.push({ code: 'invalid-name', what: 'the system has no name', expected: 'a non-empty string', got: JSON.stringify(decl.name), fix: 'give the system a name.' });
  }
  checkDatasets(decl, issues);
  const models = checkIds(decl.models, issues);
  const datasetNames = Object.keys(decl.datasets);
  const modelIds = models.map((m) => m.id);
  for (const model of models) checkModel(model, decl, modelIds, datasetNames, issues);
  const cycles = findCycles(models);
  for (const cycle of cycles) {
    issues.push({
      code: 'cycle',
      model: cycle[0],
      what: `models form a cycle: ${cycle.join(' → ')}`,
      expected: 'a directed acyclic graph',
      fix: `remove one of these parent links; a model cannot be trained before its upstream models (paper §2).`,
    });
  }
  const parentsKnown = models.every((m) => m.parents.every((p) => modelIds.includes(p)));
  const order = topologicalOrder(models);
  const need = cycles.length === 0 && parentsKnown
    ? predictionSets(models, order)
    : new Map(models.map((m) => [m.id, new Map([[m.test, 'its test set']])]));
  checkFieldsWherePredicted(models, need, decl, issues);
  checkShapes(models, order, decl, issues);
  return issues;
}

function checkDatasets(decl: SystemDeclaration, issues: ValidationIssue[]): void {
  for (const [name, ds] of Object.entries(decl.datasets)) {
    if (typeof ds.version !== 'string' || ds.version.length === 0) {
      issues.push({ code: 'invalid-dataset', dataset: name, what: 'the dataset has no version', expected: 'a non-empty string identifying its content', got: JSON.stringify(ds.version), fix: 'build it with makeDataset(...) (which hashes the content) or set version.' });
    }
    if (!Number.isInteger(ds.size) || ds.size <= 0) {
      issues.push({ code: 'empty-dataset', dataset: name, what: 'the dataset has no examples', expected: 'size ≥ 1', got: `size ${ds.size}`, fix: 'check the loader or the subset that produced it.' });
      continue;
    }
    for (const [fieldName, f] of Object.entries(ds.fields)) {
      if (f.shape.length === 0 || f.shape[0] !== ds.size) {
        issues.push({ code: 'row-count-mismatch', dataset: name, what: `field '${fieldName}' does not have one row per example`, expected: `shape [${ds.size}, ...]`, got: `shape [${f.shape.join(', ')}]`, fix: 'every field of a dataset must have size rows; subset all fields together.' });
      } else if (f.data.length !== product(f.shape)) {
        issues.push({ code: 'field-size-mismatch', dataset: name, what: `field '${fieldName}' holds a different number of values than its shape says`, expected: `${product(f.shape)} values for shape [${f.shape.join(', ')}]`, got: `${f.data.length}`, fix: 'fix the shape or the data of the field.' });
      }
    }
    for (const [recordsName, items] of Object.entries(ds.records ?? {})) {
      if (items.length !== ds.size) {
        issues.push({ code: 'row-count-mismatch', dataset: name, what: `records column '${recordsName}' does not have one entry per example`, expected: `${ds.size} entries`, got: `${items.length}`, fix: 'subset records together with the fields.' });
      }
    }
  }
}

/** Reports missing and duplicate ids; returns the models with a usable, first-seen id. */
function checkIds(models: readonly ModelSpec[], issues: ValidationIssue[]): ModelSpec[] {
  const kept: ModelSpec[] = [];
  const seen = new Set<string>();
  models.forEach((m, index) => {
    if (typeof m.id !== 'string' || m.id.length === 0) {
      issues.push({ code: 'invalid-id', what: `model #${index + 1} has no id`, expected: 'a non-empty string', got: JSON.stringify(m.id), fix: 'give every model a unique id.' });
    } else if (seen.has(m.id)) {
      issues.push({ code: 'duplicate-id', model: m.id, what: `two models have the id '${m.id}'`, expected: 'unique ids', got: `'${m.id}' declared more than once`, fix: 'rename one of them.' });
    } else {
      seen.add(m.id);
      kept.push(m);
    }
  });
  return kept;
}

function checkModel(model: ModelSpec, decl: SystemDeclaration, modelIds: string[], datasetNames: string[], issues: ValidationIssue[]): void {
  const id = model.id;
  const seenParents = new Set<string>();
  for (const parent of model.parents) {
    if (seenParents.has(parent)) {
      issues.push({ code: 'duplicate-parent', model: id, what: `parent '${parent}' is listed twice`, fix: 'list each parent once.' });
    }
    seenParents.add(parent);
    if (parent !== id && !modelIds.includes(parent)) {
      issues.push({ code: 'unknown-parent', model: id, what: `lists parent '${parent}', which is not in the system`, expected: `one of ${listNames(modelIds)}`, got: `'${parent}'`, fix: suggestFix(parent, modelIds, 'add that model or remove the parent.') });
    }
  }
  if (model.inputs.length === 0 && model.parents.length === 0) {
    issues.push({ code: 'no-inputs', model: id, what: 'has neither input fields nor parents, so it has nothing to learn from', fix: 'list the fields it reads in `inputs` or add parents.' });
  }
  for (const role of ['train', 'test'] as const) {
    const name = model[role];
    if (decl.datasets[name] === undefined) {
      issues.push({ code: 'unknown-dataset', model: id, what: `${role} dataset '${name}' is not in the system`, expected: `one of ${listNames(datasetNames)}`, got: `'${name}'`, fix: suggestFix(name, datasetNames, 'add it to `datasets`.') });
    }
  }
  if (model.seedSalt !== undefined && (typeof model.seedSalt !== 'string' || model.seedSalt.length === 0)) {
    issues.push({ code: 'invalid-seed-salt', model: id, what: 'seedSalt is not a non-empty string', got: JSON.stringify(model.seedSalt), fix: 'use a string such as "retrain-2", or remove it.' });
  }
  checkTarget(model, decl.datasets[model.train], model.train, model.target, 'target', issues);
  checkTarget(model, decl.datasets[model.test], model.test, model.testTarget ?? model.target, model.testTarget === undefined ? 'target (used on the test set too)' : 'testTarget', issues);
  checkLearner(model, issues);
  checkLoss(model, issues);
}

function checkTarget(model: ModelSpec, ds: Dataset | undefined, dsName: string, target: string, role: string, issues: ValidationIssue[]): void {
  if (ds === undefined || ds.size <= 0) return;
  const f = ds.fields[target];
  if (f === undefined) {
    if (ds.records?.[target] !== undefined) return;
    issues.push({ code: 'unknown-target', model: model.id, what: `${role} '${target}' is not a field of dataset '${dsName}'`, expected: `one of ${listNames(columns(ds))}`, got: `'${target}'`, fix: suggestFix(target, columns(ds), 'add the field to the dataset.') });
    return;
  }
  let bad = -1;
  for (let i = 0; i < f.data.length; i++) {
    if (!Number.isFinite(f.data[i])) { bad = i; break; }
  }
  if (bad >= 0) {
    const width = Math.max(1, product(f.shape.slice(1)));
    issues.push({ code: 'non-finite-target', model: model.id, what: `${role} '${target}' of dataset '${dsName}' contains non-finite values`, expected: 'finite numbers', got: `${f.data[bad]} in row ${Math.floor(bad / width)}`, fix: 'drop or impute those examples before building the dataset.' });
  }
}

function checkLearner(model: ModelSpec, issues: ValidationIssue[]): void {
  const spec = model.learner;
  if (spec === undefined || typeof spec.kind !== 'string') {
    issues.push({ code: 'invalid-learner', model: model.id, what: 'has no learner', expected: '{ kind, args }', got: JSON.stringify(spec), fix: 'set learner: { kind, args }.' });
    return;
  }
  try {
    canonicalJson(spec.args);
  } catch (e) {
    issues.push({ code: 'invalid-args', model: model.id, what: `learner args are not plain JSON: ${(e as Error).message}` });
    return;
  }
  if (!hasLearner(spec.kind)) {
    issues.push({ code: 'unknown-learner', model: model.id, what: `learner kind '${spec.kind}' is not registered`, expected: `one of ${listNames(listLearners())}`, got: `'${spec.kind}'`, fix: suggestFix(spec.kind, listLearners(), 'import the module that registers it, or call registerLearner(...).') });
    return;
  }
  for (const problem of getLearner(spec.kind).checkArgs?.(spec.args) ?? []) {
    issues.push({ code: 'invalid-args', model: model.id, what: `learner '${spec.kind}' rejects its args: ${problem}`, got: canonicalJson(spec.args) });
  }
}

function checkLoss(model: ModelSpec, issues: ValidationIssue[]): void {
  const spec = model.loss;
  if (spec === undefined || typeof spec.kind !== 'string') {
    issues.push({ code: 'invalid-loss', model: model.id, what: 'has no test loss', expected: '{ kind, args? }', got: JSON.stringify(spec), fix: 'set loss: { kind }.' });
    return;
  }
  if (!hasLoss(spec.kind)) {
    issues.push({ code: 'unknown-loss', model: model.id, what: `loss kind '${spec.kind}' is not registered`, expected: `one of ${listNames(listLosses())}`, got: `'${spec.kind}'`, fix: suggestFix(spec.kind, listLosses(), 'import the module that registers it, or call registerLoss(...).') });
    return;
  }
  const loss: TestLoss = getLoss(spec.kind);
  if (loss.accepts !== undefined && !loss.accepts.includes(model.output)) {
    issues.push({ code: 'loss-output-mismatch', model: model.id, what: `loss '${spec.kind}' cannot score outputs of kind '${model.output}'`, expected: `output one of ${listNames(loss.accepts)}`, got: `'${model.output}'`, fix: 'change the model output kind or pick a loss for it.' });
  }
  for (const problem of loss.checkArgs?.(spec.args ?? {}) ?? []) {
    issues.push({ code: 'invalid-args', model: model.id, what: `loss '${spec.kind}' rejects its args: ${problem}` });
  }
}

/** A model reads its own input fields on its training set and on every dataset it predicts on. */
function checkFieldsWherePredicted(models: ModelSpec[], need: Map<string, Map<string, string>>, decl: SystemDeclaration, issues: ValidationIssue[]): void {
  for (const model of models) {
    const reads = new Map<string, string>([[model.train, 'its training set'], ...need.get(model.id)!]);
    for (const name of model.inputs) {
      let firstShape: { dataset: string; shape: string } | undefined;
      const missing: string[] = [];
      const known = new Set<string>();
      for (const [dsName, reason] of reads) {
        const ds = decl.datasets[dsName];
        if (ds === undefined || ds.size <= 0) continue;
        const dense = ds.fields[name];
        if (dense === undefined && ds.records?.[name] === undefined) {
          missing.push(`'${dsName}' (${reason})`);
          for (const c of columns(ds)) known.add(c);
          continue;
        }
        const shape = dense === undefined ? 'records' : `[${dense.shape.slice(1).join(', ')}]`;
        if (firstShape === undefined) firstShape = { dataset: dsName, shape };
        else if (firstShape.shape !== shape) {
          issues.push({ code: 'field-shape-mismatch', model: model.id, what: `field '${name}' has different per-example shapes in '${firstShape.dataset}' and '${dsName}' (${reason})`, expected: firstShape.shape, got: shape, fix: 'make the field the same shape in every dataset the model predicts on.' });
        }
      }
      if (missing.length > 0) {
        const which = missing.length === 1 ? `dataset ${missing[0]} does` : `datasets ${missing.join(', ')} do`;
        issues.push({ code: 'unknown-field', model: model.id, what: `reads field '${name}', which ${which} not have`, expected: `one of ${listNames(known)}`, got: `'${name}'`, fix: suggestFix(name, [...known], `add '${name}' to those datasets or remove it from inputs.`) });
      }
    }
  }
}

/** Propagates output descriptions in topological order and lets each learner judge the inputs it would get. */
function checkShapes(models: ModelSpec[], order: string[], decl: SystemDeclaration, issues: ValidationIssue[]): void {
  const byId = new Map(models.map((m) => [m.id, m]));
  const outputs = new Map<string, InputDescription['shape']>();
  for (const id of order) {
    const model = byId.get(id)!;
    outputs.set(id, 'unknown');
    const train = decl.datasets[model.train];
    const learner: Learner | undefined = hasLearner(model.learner?.kind) ? getLearner(model.learner.kind) : undefined;
    if (learner === undefined || train === undefined || train.size <= 0) continue;
    // Args the learner rejects were reported already; describing outputs with them would repeat the problem.
    if (issues.some((i) => i.model === id && (i.code === 'invalid-args' || i.code === 'invalid-learner'))) continue;
    if (!model.parents.every((p) => outputs.has(p))) continue;
    if (!model.inputs.every((name) => train.fields[name] !== undefined || train.records?.[name] !== undefined)) continue;
    const inputs: InputDescription[] = [
      ...describeOwnInputs(model, train),
      ...model.parents.map((p) => ({ name: p, kind: byId.get(p)!.output, shape: outputs.get(p)! })),
    ];
    for (const problem of learner.checkInputs?.(model.learner.args, inputs) ?? []) {
      issues.push({ code: 'incompatible-inputs', model: id, what: `learner '${model.learner.kind}' cannot use its inputs: ${problem}`, got: formatInputs(inputs), fix: 'change the parent’s output (kind or size) or this model’s learner.' });
    }
    if (learner.describeOutput === undefined) continue;
    try {
      const described = learner.describeOutput(model.learner.args, inputs.map((i) => (typeof i.shape === 'string' ? [] : i.shape)), inputs);
      if (described.kind !== model.output) {
        issues.push({ code: 'output-kind-mismatch', model: id, what: `declares output '${model.output}' but learner '${model.learner.kind}' emits '${described.kind}'`, expected: `'${described.kind}'`, got: `'${model.output}'`, fix: `set output: '${described.kind}' or change the learner's args.` });
      }
      outputs.set(id, described.shape);
    } catch (e) {
      issues.push({ code: 'incompatible-inputs', model: id, what: `learner '${model.learner.kind}' cannot describe its output for these inputs: ${(e as Error).message}`, got: formatInputs(inputs) });
    }
  }
}
