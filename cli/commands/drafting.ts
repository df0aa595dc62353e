/**
 * The drafting stage: `draft approve` and `draft reopen`, the coordinator's decisions on the draft
 * (`draft reopen` mails the owners of the areas it reopens: it states that and asks first).
 */
import { Command } from 'commander';
import { updateCycle } from '../../client/cycles';
import { approveDraftUpdate, reopenAreasUpdate } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import { coordinatorActor, draftVersion, updateAndPrint } from '../acting';
import { yesOption } from '../confirm';
import { reopenConsequence } from '../consequences';
import { asOption, versionOption, yearOption } from '../options';
import { requestIdOption, type RequestFlags } from '../requests';
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
    .addOption(requestIdOption())
    .action(async (opts: { year: number; version?: number; as?: string } & RequestFlags) => {
      const request = { command: 'draft approve', args: { version: opts.version, as: opts.as }, flags: opts };
      await updateAndPrint(opts.year, request, (client, state, updateId) =>
        updateCycle(client, opts.year, approveDraftUpdate, { version: draftVersion(state, opts.version, 'drafting'), actor: coordinatorActor(state, opts.as) }, updateId),
      );
    });
  draft
    .command('reopen <areas...>')
    .description(t.reopen)
    .requiredOption('--comment <text>', t.comment)
    .addOption(yearOption())
    .addOption(versionOption())
    .addOption(asOption())
    .addOption(yesOption())
    .addOption(requestIdOption())
    .action(async (areaIds: string[], opts: { comment: string; year: number; version?: number; as?: string } & RequestFlags) => {
      const request = {
        command: 'draft reopen',
        args: { areaIds, comment: opts.comment, version: opts.version, as: opts.as },
        flags: opts,
        consequence: (state: ReviewCycleState) => reopenConsequence(state, areaIds, draftVersion(state, opts.version, 'drafting')),
      };
      await updateAndPrint(opts.year, request, (client, state, updateId) =>
        updateCycle(
          client,
          opts.year,
          reopenAreasUpdate,
          { version: draftVersion(state, opts.version, 'drafting'), areaIds, comment: opts.comment, actor: coordinatorActor(state, opts.as) },
          updateId,
        ),
      );
    });
  return draft;
}
