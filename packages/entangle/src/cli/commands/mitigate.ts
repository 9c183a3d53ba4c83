// `entangle mitigate <scenario> --remedy KIND`: runs the scenario (from the store when it ran before), applies the
// remedy to both systems of each update comparison and says whether the self-defeating improvement disappears.
import type { MitigationResult } from '../../mitigate/mitigate.js';
import type { RemedyKind } from '../../mitigate/remedies.js';
import { EXIT } from '../exit-codes.js';
import { harmRemains, mitigationText } from '../diagnosis-text.js';
import { jobsLine } from '../terminal.js';
import { out } from './common.js';
import { followScenario, NO_SUBJECT_REMEDY, type ScenarioFollowupOptions } from './scenario-followup.js';

/** The remedies of src/mitigate (a unit test checks this list against REMEDY_KINDS). */
export const REMEDIES = ['widen-downstream', 'calibrate', 'whiten'] as const satisfies readonly RemedyKind[];

export interface MitigateCommandOptions extends ScenarioFollowupOptions {
  remedy: RemedyKind;
  margin?: number;
}

/** Exit 3 when some self-defeating improvement remains: a remedied one that persists, or one that could not be remedied. */
export function mitigationExitCode(items: readonly { selfDefeating: boolean; mitigation: Pick<MitigationResult, 'outcome' | 'before'> | null }[]): number {
  const remains = items.some((i) => (i.mitigation === null ? i.selfDefeating : harmRemains(i.mitigation)));
  return remains ? EXIT.selfDefeating : EXIT.ok;
}

export async function mitigateCommand(name: string, options: MitigateCommandOptions): Promise<number> {
  const done = await followScenario(name, options, `remedy ${options.remedy}`, async (comparison, ctx): Promise<MitigationResult | null> => {
    if (comparison.subject === undefined) return null;
    const { mitigate } = await import('../../mitigate/mitigate.js');
    const { system, update } = comparison.subject;
    return mitigate(system, update, options.remedy, { ...ctx, evaluation: comparison.evaluation, ...(options.margin !== undefined ? { margin: options.margin } : {}) });
  });
  const { result, id } = done;
  const code = mitigationExitCode(done.items.map((i) => ({ selfDefeating: i.comparison.evaluation.selfDefeating, mitigation: i.value })));
  if (options.json) {
    out(JSON.stringify({
      scenario: result.scenario, preset: result.preset, result: id, seeds: result.seeds, remedy: options.remedy,
      selfDefeating: code === EXIT.selfDefeating, jobs: done.jobs,
      comparisons: done.items.map(({ index, comparison, value }) => ({
        index, label: comparison.label, kind: comparison.evaluation.kind, run: comparison.evaluation.run,
        mitigation: value, ...(value === null ? { note: NO_SUBJECT_REMEDY } : {}),
      })),
    }, null, 2));
    return code;
  }
  const lines = [`== ${result.scenario}: ${result.title} (${result.paper}), preset ${result.preset}, ${result.seeds.length} seed${result.seeds.length === 1 ? '' : 's'}, remedy '${options.remedy}'`];
  for (const { index, comparison, value } of done.items) {
    lines.push('', `-- ${index}. ${comparison.label}: ${comparison.evaluation.summary}`);
    lines.push(value === null ? `Not remedied: ${NO_SUBJECT_REMEDY}.` : mitigationText(value));
  }
  lines.push(
    '',
    `Overall: ${code === EXIT.selfDefeating ? 'a self-defeating improvement remains' : 'no self-defeating improvement remains'}. Scenario: ${jobsLine(done.jobs.scenario)} Remedy: ${jobsLine(done.jobs.followup)}`,
  );
  out(lines.join('\n'));
  return code;
}
