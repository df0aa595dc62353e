/** `sdp-review resume`: a stuck cycle tries its render again now (the coordinator's decision). */
import { Command } from 'commander';
import { updateCycle } from '../../client/cycles';
import { resumeCycleUpdate } from '../../domain/messages';
import { coordinatorActor, updateAndPrint } from '../acting';
import { asOption, yearOption } from '../options';
import { requestIdOption, type RequestFlags } from '../requests';
import { texts } from '../texts';

export function resumeCommand(): Command {
  return new Command('resume')
    .description(texts.resume.description)
    .addOption(yearOption())
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (opts: { year: number; as?: string } & RequestFlags) => {
      await updateAndPrint(opts.year, { command: 'resume', args: { as: opts.as }, flags: opts }, (client, state, updateId) =>
        updateCycle(client, opts.year, resumeCycleUpdate, { actor: coordinatorActor(state, opts.as) }, updateId),
      );
    });
}
