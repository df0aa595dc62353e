/** `sdp-review start`: starts the year's review cycle from the seeds. */
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { startCycle } from '../../client/cycles';
import { loadSeeds } from '../../seeds';
import { cliUserAgent } from '../acting';
import { withClient } from '../connection';
import { kickoffInstant, parseDate, yearOption } from '../options';
import { texts } from '../texts';

export function startCommand(): Command {
  return new Command('start')
    .description(texts.start.description)
    .addOption(yearOption())
    .addOption(new Option('--kickoff <date>', texts.start.kickoff).argParser(parseDate))
    .action(async (opts: { year: number; kickoff?: string }) => {
      const seeds = loadSeeds();
      const c = seeds.participants.coordinator;
      const kickoffAt = opts.kickoff ? kickoffInstant(opts.kickoff, seeds.timeline.timeZone) : undefined;
      const startedBy = { email: c.email, name: c.name, role: 'coordinator', channel: 'cli', userAgent: cliUserAgent() } as const;
      const started = await withClient((client) => startCycle(client, { year: opts.year, kickoffAt, seeds, startedBy }));
      console.log(pc.green(texts.start.started(started.workflowId, seeds.areas.length)));
    });
}
