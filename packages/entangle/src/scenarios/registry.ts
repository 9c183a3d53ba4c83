// Scenarios registered by name, so the CLI, the report and the dashboard can list and run them.
import { EntangleError } from '../core/errors.js';
import { closest, listNames } from '../core/suggest.js';
import type { Scenario } from './scenario.js';

const scenarios = new Map<string, Scenario>();

export function registerScenario(scenario: Scenario): Scenario {
  if (scenarios.has(scenario.name)) throw new EntangleError(`A scenario named '${scenario.name}' is already registered.`);
  scenarios.set(scenario.name, scenario);
  return scenario;
}

export function getScenario(name: string): Scenario {
  const found = scenarios.get(name);
  if (found) return found;
  const suggestion = closest(name, [...scenarios.keys()]);
  throw new EntangleError(
    `Unknown scenario '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Known scenarios: ${listNames([...scenarios.keys()])}. Run 'entangle scenarios' to list them.`,
  );
}

export function listScenarios(): Scenario[] {
  return [...scenarios.values()];
}
