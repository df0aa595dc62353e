/**
 * `sdp-review start`: starts the year's review cycle from the seeds, once its consequences are
 * confirmed (every area owner is mailed). A kick-off date after today schedules the start for
 * 09:00 local that day: nobody is mailed before then. A date that has passed starts now, with the
 * deadlines counted from it. `--marking` gives the cycle's reports their distribution marking.
 */
import { Command, Option } from 'commander';
import { DateTime } from 'luxon';
import { pc } from '../../infra/colour';
import { checkKickoff, startCycle } from '../../client/cycles';
import { loadSeeds } from '../../seeds';
import { cliUserAgent } from '../acting';
import { confirmAction, yesOption } from '../confirm';
import { startConsequence } from '../consequences';
import { withClient } from '../connection';
import { kickoffInstant, parseDate, parseMarking, yearOption } from '../options';
import { unconfirmedOr } from '../requests';
import { localTime, texts } from '../texts';

export function startCommand(): Command {
  return new Command('start')
    .description(texts.start.description)
    .addOption(yearOption())
    .addOption(new Option('--kickoff <date>', texts.start.kickoff).argParser(parseDate))
    .addOption(new Option('--marking <text>', texts.start.marking).argParser(parseMarking))
    .addOption(yesOption())
    .action(async (opts: { year: number; kickoff?: string; marking?: string; yes?: boolean }) => {
      const seeds = loadSeeds();
      const tz = seeds.timeline.timeZone;
      const c = seeds.participants.coordinator;
      const kickoffAt = opts.kickoff ? kickoffInstant(opts.kickoff, tz) : undefined;
      // Refused before anyone is asked to confirm a start that cannot be made.
      if (kickoffAt) checkKickoff(kickoffAt);
      const today = DateTime.now().setZone(tz).toISODate()!;
      const scheduled = opts.kickoff !== undefined && opts.kickoff > today;
      const backdatedTo = opts.kickoff !== undefined && opts.kickoff < today ? opts.kickoff : undefined;
      await confirmAction(startConsequence(opts.year, seeds, { startsAt: scheduled ? kickoffAt : undefined, backdatedTo }), opts.yes);
      const startedBy = { email: c.email, name: c.name, role: 'coordinator', channel: 'cli', userAgent: cliUserAgent() } as const;
      const started = await withClient((client) => startCycle(client, { year: opts.year, kickoffAt, seeds, startedBy, startAtKickoff: scheduled, marking: opts.marking })).catch((err: unknown) => {
        throw unconfirmedOr(err, { command: 'start', year: opts.year });
      });
      if (scheduled) console.log(pc.green(texts.scheduled.started(started.workflowId, localTime(kickoffAt, tz), tz, opts.year)));
      else console.log(pc.green(texts.start.started(started.workflowId, seeds.areas.length, opts.marking)));
    });
}
