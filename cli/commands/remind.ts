/** `sdp-review remind`: the coordinator reminds the owners of outstanding areas now (one mail per person). */
import { Command, Option } from 'commander';
import { updateCycle } from '../../client/cycles';
import { remindNowUpdate } from '../../domain/messages';
import { coordinatorActor, updateAndPrint } from '../acting';
import { asOption, yearOption } from '../options';
import { requestIdOption, type RequestFlags } from '../requests';
import { texts } from '../texts';

export function remindCommand(): Command {
  return new Command('remind')
    .description(texts.remind.description)
    .addOption(yearOption())
    .addOption(new Option('--area <id...>', texts.remind.area))
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (opts: { year: number; area?: string[]; as?: string } & RequestFlags) => {
      await updateAndPrint(opts.year, { command: 'remind', args: { areaIds: opts.area, as: opts.as }, flags: opts }, (client, state, updateId) =>
        updateCycle(client, opts.year, remindNowUpdate, { ...(opts.area ? { areaIds: opts.area } : {}), actor: coordinatorActor(state, opts.as) }, updateId),
      );
    });
}
