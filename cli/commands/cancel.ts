/**
 * `sdp-review cancel`: the coordinator cancels a cycle, with a reason, after confirming what stops.
 * A cycle scheduled to start later (`start --kickoff <a later date>`) has run no code and answers
 * no update: cancelling it ends its run before it begins, and nobody is mailed.
 */
import { Command } from 'commander';
import { pc } from '../../infra/colour';
import { updateCycle } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { cancelScheduledCycle, notBegunCycle } from '../../client/scheduled-cycles';
import { cancelCycleUpdate } from '../../domain/messages';
import { loadSeeds } from '../../seeds';
import { cliUserAgent, coordinatorActor, updateAndPrint } from '../acting';
import { confirmAction, yesOption } from '../confirm';
import { cancelConsequence } from '../consequences';
import { withClient } from '../connection';
import { asOption, yearOption } from '../options';
import { requestIdOption, type RequestFlags } from '../requests';
import { localTime, texts } from '../texts';

type CancelOptions = { reason: string; year: number; as?: string } & RequestFlags;

/** Cancels the cycle of `opts.year` if it has not begun; false when it has (or does not exist). */
async function cancelIfScheduled(opts: CancelOptions): Promise<boolean> {
  return withClient(async (client) => {
    const pending = await notBegunCycle(client, opts.year);
    if (!pending) return false;
    if (pending.state === 'cancelled-before-start') throw new CycleError('gone', texts.scheduled.cancelledBeforeStart(opts.year));
    const seeds = loadSeeds();
    const tz = pending.timeZone ?? seeds.timeline.timeZone;
    await confirmAction(texts.confirm.cancelScheduled({ year: opts.year, startsAt: localTime(pending.startsAt, tz), timeZone: tz }), opts.yes);
    const c = seeds.participants.coordinator;
    const by = { email: opts.as?.toLowerCase() ?? c.email, name: opts.as ? undefined : c.name, role: 'coordinator', channel: 'cli', userAgent: cliUserAgent() } as const;
    const cancelled = await cancelScheduledCycle(client, opts.year, { reason: opts.reason, by });
    console.log(pc.green(texts.scheduled.didCancel(cancelled.workflowId)));
    return true;
  });
}

export function cancelCommand(): Command {
  return new Command('cancel')
    .description(texts.cancel.description)
    .requiredOption('--reason <text>', texts.cancel.reason)
    .addOption(yearOption())
    .addOption(asOption())
    .addOption(yesOption())
    .addOption(requestIdOption())
    .action(async (opts: CancelOptions) => {
      if (await cancelIfScheduled(opts)) return;
      const request = { command: 'cancel', args: { reason: opts.reason, as: opts.as }, flags: opts, consequence: cancelConsequence };
      await updateAndPrint(opts.year, request, (client, state, updateId) =>
        updateCycle(client, opts.year, cancelCycleUpdate, { reason: opts.reason, actor: coordinatorActor(state, opts.as) }, updateId),
      );
    });
}
