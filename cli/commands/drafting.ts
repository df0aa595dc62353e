/** The drafting stage: `draft approve` and `draft reopen`, the coordinator's decisions on the draft. */
import { Command } from 'commander';
import { updateCycle } from '../../client/cycles';
import { approveDraftUpdate, reopenAreasUpdate } from '../../domain/messages';
import { coordinatorActor, draftVersion, updateAndPrint } from '../acting';
import { asOption, versionOption, yearOption } from '../options';
import { texts } from '../texts';

const t = texts.drafting;

export function draftCommand(): Command {
  const draft = new Command('draft').description(t.description);
  draft
    .command('approve')
    .description(t.approve)
    .addOption(yearOption())
    .addOption(versionOption())
    .addOption(asOption())
    .action(async (opts: { year: number; version?: number; as?: string }) => {
      await updateAndPrint(opts.year, (client, state) =>
        updateCycle(client, opts.year, approveDraftUpdate, { version: draftVersion(state, opts.version), actor: coordinatorActor(state, opts.as) }),
      );
    });
  draft
    .command('reopen <areas...>')
    .description(t.reopen)
    .requiredOption('--comment <text>', t.comment)
    .addOption(yearOption())
    .addOption(versionOption())
    .addOption(asOption())
    .action(async (areaIds: string[], opts: { comment: string; year: number; version?: number; as?: string }) => {
      await updateAndPrint(opts.year, (client, state) =>
        updateCycle(client, opts.year, reopenAreasUpdate, { version: draftVersion(state, opts.version), areaIds, comment: opts.comment, actor: coordinatorActor(state, opts.as) }),
      );
    });
  return draft;
}
