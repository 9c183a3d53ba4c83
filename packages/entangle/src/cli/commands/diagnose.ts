// `entangle diagnose <scenario>`: runs the scenario (from the store when it ran before) and says, for each
// self-defeating update comparison, which entanglement type of paper §3 explains the harm (docs/diagnose.md).
import type { Diagnosis } from '../../diagnose/types.js';
import { EXIT } from '../exit-codes.js';
import { diagnosisText } from '../diagnosis-text.js';
import { jobsLine } from '../terminal.js';
import { out } from './common.js';
import { followScenario, NO_SUBJECT_DIAGNOSIS, type ScenarioFollowupOptions } from './scenario-followup.js';

export interface DiagnoseCommandOptions extends ScenarioFollowupOptions {
  refitSeeds?: number;
  threshold?: number;
}

/** The diagnose() options the flags ask for. */
export function diagnoseFlags(options: { refitSeeds?: number; threshold?: number }): { refitSeeds?: number; threshold?: number } {
  return { ...(options.refitSeeds !== undefined ? { refitSeeds: options.refitSeeds } : {}), ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) };
}

export async function diagnoseCommand(name: string, options: DiagnoseCommandOptions): Promise<number> {
  const done = await followScenario(name, options, 'diagnosis', async (comparison, ctx): Promise<Diagnosis | null> => {
    if (comparison.subject === undefined) return null;
    const { diagnose } = await import('../../diagnose/diagnose.js');
    const { system, update } = comparison.subject;
    return diagnose(system, update, comparison.evaluation, { ...ctx, ...diagnoseFlags(options) });
  });
  const { result, id } = done;
  if (options.json) {
    out(JSON.stringify({
      scenario: result.scenario, preset: result.preset, result: id, seeds: result.seeds, jobs: done.jobs,
      comparisons: done.items.map(({ index, comparison, value }) => ({
        index, label: comparison.label, kind: comparison.evaluation.kind, run: comparison.evaluation.run,
        diagnosis: value, ...(value === null ? { note: NO_SUBJECT_DIAGNOSIS } : {}),
      })),
    }, null, 2));
    return EXIT.ok;
  }
  const lines = [`== ${result.scenario}: ${result.title} (${result.paper}), preset ${result.preset}, ${result.seeds.length} seed${result.seeds.length === 1 ? '' : 's'}, saved as result '${id}'`];
  for (const { index, comparison, value } of done.items) {
    lines.push('', `-- ${index}. ${comparison.label}: ${comparison.evaluation.summary}`);
    lines.push(value === null ? `Not diagnosed: ${NO_SUBJECT_DIAGNOSIS}.` : diagnosisText(value));
  }
  lines.push('', `Scenario: ${jobsLine(done.jobs.scenario)} Diagnosis: ${jobsLine(done.jobs.followup)}`);
  out(lines.join('\n'));
  return EXIT.ok;
}
