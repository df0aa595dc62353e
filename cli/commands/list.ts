/** `sdp-review list`: the review cycles (Temporal visibility), with the figures of running ones. */
import { Command, Option } from 'commander';
import { pc } from '../../infra/colour';
import { cycleListRows } from '../../client/cycles';
import { Stage } from '../../domain/schemas';
import { loadSeeds } from '../../seeds';
import { archiveSource } from '../store';
import { withClient } from '../connection';
import { parseYear } from '../options';
import { newTable, utcMinutes } from '../output';
import { localTime, texts } from '../texts';

export function listCommand(): Command {
  const t = texts.list;
  return new Command('list')
    .description(t.description)
    .addOption(new Option('--stage <stage>', t.stage).choices(Stage.options))
    .addOption(new Option('--year <year>', t.year).argParser(parseYear))
    .option('--json', texts.options.jsonArray)
    .action(async (opts: { stage?: string; year?: number; json?: boolean }) => {
      const rows = await withClient((client) => cycleListRows(client, { stage: opts.stage, year: opts.year }, Date.now(), archiveSource()));
      for (const r of rows) if (r.queryError) console.error(pc.yellow(t.noFigures(r.workflowId, r.queryError)));
      if (opts.json) return console.log(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return console.log(t.none);
      const table = newTable({ head: [...t.head] });
      for (const r of rows) {
        const figures = r.areasTotal !== undefined;
        const unknown = r.queryError ? '?' : '';
        table.push([
          String(r.year),
          r.workflowId,
          r.scheduledStartAt ? t.scheduled(localTime(r.scheduledStartAt, r.timeZone ?? loadSeeds().timeline.timeZone)) : r.stage,
          r.status,
          figures ? `${r.areasSubmitted}/${r.areasTotal}` : unknown,
          figures ? (r.overdue ? pc.red(String(r.overdue)) : '0') : unknown,
          r.nextDeadline && r.timeZone ? localTime(r.nextDeadline, r.timeZone) : '',
          utcMinutes(r.startTime),
          r.closeTime ? utcMinutes(r.closeTime) : '',
        ]);
      }
      console.log(table.toString());
    });
}
