/**
 * The collecting stage: `submit` (an area's input from a file), `waive`, `extend` and `close`
 * (the coordinator's decisions on collection; `close` states its consequences and asks first).
 */
import { createHash } from 'node:crypto';
import { Command, Option } from 'commander';
import { readContributionFile } from '../../client/contribution-file';
import { submitContribution, updateCycle } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { closeCollectionUpdate, extendDeadlineUpdate, waiveAreaUpdate } from '../../domain/messages';
import { contributionSchemaFor } from '../../domain/schemas';
import { fieldErrors } from '../../domain/validation';
import { cliActor, coordinatorActor, updateAndPrint } from '../acting';
import { yesOption } from '../confirm';
import { closeConsequence } from '../consequences';
import { asOption, parseDate, yearOption } from '../options';
import { requestIdOption, type RequestFlags } from '../requests';
import { cliStore } from '../store';
import { texts } from '../texts';

const t = texts.collecting;

export function submitCommand(): Command {
  return new Command('submit')
    .argument('<area>')
    .description(t.submit)
    .requiredOption('--file <path>', t.file)
    .addOption(yearOption())
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (areaId: string, opts: { file: string; year: number; as?: string } & RequestFlags) => {
      const contribution = readContributionFile(opts.file, areaId);
      // The input itself names the request, not the file's path: an edited file is another request.
      const input = createHash('sha256').update(JSON.stringify(contribution)).digest('hex');
      await updateAndPrint(opts.year, { command: 'submit', args: { areaId, as: opts.as, input }, flags: opts }, (client, state, updateId) => {
        const area = state.areas.find((a) => a.id === areaId);
        if (!area) {
          const known = state.areas.map((a) => a.id);
          throw new CycleError('invalid', `unknown-area ${areaId}`, [], { code: 'unknown-area', field: 'area', areaId, known });
        }
        // Checked here first, with the same schema as the workflow's validator: a clear answer
        // without sending a large invalid input through Temporal.
        const checked = contributionSchemaFor(area).safeParse(contribution);
        if (!checked.success) throw new CycleError('invalid', texts.invalidInput, fieldErrors(checked.error));
        const isOwner = opts.as && [area.owners.eu.email, area.owners.al.email].includes(opts.as.toLowerCase());
        const actor = cliActor(state, isOwner ? 'area-owner' : 'coordinator', opts.as, state.coordinator);
        return submitContribution(client, { year: opts.year, areaId, contribution, actor, area, store: cliStore(), updateId });
      });
    });
}

export function waiveCommand(): Command {
  return new Command('waive')
    .argument('<area>')
    .description(t.waive)
    .requiredOption('--reason <text>', t.waiveReason)
    .addOption(yearOption())
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (areaId: string, opts: { reason: string; year: number; as?: string } & RequestFlags) => {
      const request = { command: 'waive', args: { areaId, reason: opts.reason, as: opts.as }, flags: opts };
      await updateAndPrint(opts.year, request, (client, state, updateId) =>
        updateCycle(client, opts.year, waiveAreaUpdate, { areaId, reason: opts.reason, actor: coordinatorActor(state, opts.as) }, updateId),
      );
    });
}

export function extendCommand(): Command {
  return new Command('extend')
    .argument('<area>')
    .description(t.extend)
    .addOption(new Option('--due <date>', t.due).argParser(parseDate).makeOptionMandatory())
    .addOption(yearOption())
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (areaId: string, opts: { due: string; year: number; as?: string } & RequestFlags) => {
      const request = { command: 'extend', args: { areaId, due: opts.due, as: opts.as }, flags: opts };
      await updateAndPrint(opts.year, request, (client, state, updateId) =>
        updateCycle(client, opts.year, extendDeadlineUpdate, { areaId, dueDate: opts.due, actor: coordinatorActor(state, opts.as) }, updateId),
      );
    });
}

export function closeCommand(): Command {
  return new Command('close')
    .description(t.close)
    .addOption(yearOption())
    .addOption(asOption())
    .addOption(yesOption())
    .addOption(requestIdOption())
    .action(async (opts: { year: number; as?: string } & RequestFlags) => {
      const request = { command: 'close', args: { as: opts.as }, flags: opts, consequence: closeConsequence };
      await updateAndPrint(opts.year, request, (client, state, updateId) =>
        updateCycle(client, opts.year, closeCollectionUpdate, { actor: coordinatorActor(state, opts.as) }, updateId),
      );
    });
}
