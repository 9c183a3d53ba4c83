// `entangle scenarios`: the registered scenarios with their paper references and presets.
import { listScenarios } from '../../scenarios/registry.js';
import { CommandFailure, EXIT } from '../exit-codes.js';
import { loadScenarios } from '../modules.js';
import { err, out, type CommonOptions } from './common.js';

/** Parameters as key=value; long nested values are shortened (the full presets are in --json). */
function paramsText(params: object): string {
  return Object.entries(params).map(([k, v]) => {
    const text = JSON.stringify(v);
    return `${k}=${text.length > 40 && typeof v === 'object' && v !== null ? (Array.isArray(v) ? '[…]' : '{…}') : text}`;
  }).join(' ');
}

export async function scenariosCommand(options: CommonOptions): Promise<number> {
  let warnings: string[];
  try {
    warnings = await loadScenarios();
  } catch (e) {
    throw new CommandFailure(e, 'input');
  }
  const scenarios = listScenarios();
  if (options.json) {
    out(JSON.stringify(scenarios.map((s) => ({ name: s.name, title: s.title, paper: s.paper, description: s.description, presets: s.presets })), null, 2));
    return EXIT.ok;
  }
  for (const w of warnings) err(`warning: ${w}`);
  if (scenarios.length === 0) out('No scenarios are registered.');
  for (const s of scenarios) {
    out([
      `${s.name}  ${s.title} (${s.paper})`,
      `  ${s.description}`,
      ...Object.entries(s.presets).map(([name, params]) => `  --preset ${name.padEnd(8)} ${paramsText(params)}`),
      '',
    ].join('\n'));
  }
  out("Run one with 'entangle run <name> [--preset quick|standard|paper] [--set key=value]'.");
  return EXIT.ok;
}
