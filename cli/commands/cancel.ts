/** `sdp-review cancel`: the coordinator cancels a cycle, with a reason. */
import { Command } from 'commander';
import { updateCycle } from '../../client/cycles';
import { cancelCycleUpdate } from '../../domain/messages';
import { coordinatorActor, updateAndPrint } from '../acting';
import { asOption, yearOption } from '../options';
import { texts } from '../texts';

export function cancelCommand(): Command {
  return new Command('cancel')
    .description(texts.cancel.description)
    .requiredOption('--reason <text>', texts.cancel.reason)
    .addOption(yearOption())
    .addOption(asOption())
    .action(async (opts: { reason: string; year: number; as?: string }) => {
      await updateAndPrint(opts.year, (client, state) => updateCycle(client, opts.year, cancelCycleUpdate, { reason: opts.reason, actor: coordinatorActor(state, opts.as) }));
    });
}
