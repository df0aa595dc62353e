/**
 * `sdp-review schedule set|show|pause|resume|delete`: the yearly kick-off, one Temporal Schedule
 * that starts the year's cycle at a local time in the cycle's time zone.
 */
import { Command, Option } from 'commander';
import { DateTime } from 'luxon';
import { pc } from '../../infra/colour';
import {
  YEARLY_SCHEDULE_ID,
  deleteYearlySchedule,
  describeYearlySchedule,
  pauseYearlySchedule,
  resumeYearlySchedule,
  setYearlySchedule,
  type YearlyScheduleInfo,
} from '../../client/schedule';
import { loadSeeds } from '../../seeds';
import { withClient } from '../connection';
import { parseIntIn, parseTime } from '../options';
import { newTable, utcMinutes } from '../output';
import { localTime, texts } from '../texts';

const t = texts.schedule;

function printSchedule(info: YearlyScheduleInfo): void {
  const when = info.yearly
    ? t.every(DateTime.fromObject({ year: 2001, month: info.yearly.month, day: info.yearly.day }).toFormat('d LLLL'), info.yearly.time, info.timeZone)
    : t.custom(info.timeZone);
  console.log(t.heading(pc.bold(t.title), info.scheduleId, when, info.paused ? pc.yellow(t.paused) : pc.green(t.active), info.note));
  const next = newTable({ head: t.nextRunsHead(info.timeZone) });
  for (const r of info.nextRuns) next.push([DateTime.fromISO(r.local, { setZone: true }).toFormat('yyyy-LL-dd HH:mm ZZ'), utcMinutes(r.at)]);
  console.log(next.toString());
  if (info.paused) console.log(t.whilePaused);
  if (info.recentRuns.length > 0) {
    console.log(t.recent);
    for (const r of info.recentRuns) console.log(`  ${localTime(r.takenAt, info.timeZone)}  ${r.workflowId}`);
  }
}

export function scheduleCommand(): Command {
  const schedule = new Command('schedule').description(t.description(YEARLY_SCHEDULE_ID));
  schedule
    .command('set')
    .description(t.set)
    .addOption(new Option('--month <month>', t.month).argParser(parseIntIn(1, 12)).makeOptionMandatory())
    .addOption(new Option('--day <day>', t.day).argParser(parseIntIn(1, 31)).makeOptionMandatory())
    .addOption(new Option('--time <HH:MM>', t.time).argParser(parseTime).default('09:00'))
    .action(async (opts: { month: number; day: number; time: string }) => {
      const { timeZone } = loadSeeds().timeline;
      printSchedule(await withClient((client) => setYearlySchedule(client, { month: opts.month, day: opts.day, time: opts.time, timeZone })));
    });
  schedule
    .command('show')
    .description(t.show)
    .option('--json', texts.options.json)
    .action(async (opts: { json?: boolean }) => {
      const info = await withClient((client) => describeYearlySchedule(client));
      if (opts.json) return console.log(JSON.stringify(info, null, 2));
      printSchedule(info);
    });
  schedule
    .command('pause')
    .description(t.pause)
    .option('--note <text>', t.note)
    .action(async (opts: { note?: string }) => {
      await withClient((client) => pauseYearlySchedule(client, opts.note));
      console.log(pc.yellow(t.didPause(YEARLY_SCHEDULE_ID)));
    });
  schedule
    .command('resume')
    .description(t.resume)
    .option('--note <text>', t.note)
    .action(async (opts: { note?: string }) => {
      await withClient((client) => resumeYearlySchedule(client, opts.note));
      console.log(pc.green(t.didResume(YEARLY_SCHEDULE_ID)));
    });
  schedule
    .command('delete')
    .description(t.delete)
    .action(async () => {
      await withClient((client) => deleteYearlySchedule(client));
      console.log(t.didDelete(YEARLY_SCHEDULE_ID));
    });
  return schedule;
}
