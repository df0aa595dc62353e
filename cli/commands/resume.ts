/** `sdp-review resume`: a stuck cycle tries its render again now (the coordinator's decision). */
import { Command } from 'commander';
import { updateCycle } from '../../client/cycles';
import { resumeCycleUpdate } from '../../domain/messages';
import { coordinatorActor, updateAndPrint } from '../acting';
import { asOption, yearOption } from '../options';
import { texts } from '../texts';

export function resumeCommand(): Command {
  return new Command('resume')
    .description(texts.resume.description)
    .addOption(yearOption())
    .addOption(asOption())
    .action(async (opts: { year: number; as?: string }) => {
      await updateAndPrint(opts.year, (client, state) => updateCycle(client, opts.year, resumeCycleUpdate, { actor: coordinatorActor(state, opts.as) }));
    });
}
