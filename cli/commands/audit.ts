/** `sdp-review audit`: the whole event history of a cycle, as CSV for Excel or JSON. */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { AUDIT_FORMATS, auditCsv, auditJson, auditRows, type AuditFormat } from '../../activities/archive/export';
import { getCycleState } from '../../client/cycles';
import { archiveSource } from '../store';
import { withClient } from '../connection';
import { yearOption } from '../options';
import { texts } from '../texts';

export function auditCommand(): Command {
  const t = texts.audit;
  return new Command('audit')
    .description(t.description)
    .addOption(yearOption())
    .addOption(new Option('--format <format>', t.format).choices(AUDIT_FORMATS).default('csv'))
    .option('--out <file>', t.out)
    .action(async (opts: { year: number; format: AuditFormat; out?: string }) => {
      const state = await withClient((client) => getCycleState(client, opts.year, archiveSource()));
      const rows = auditRows(state);
      const text = opts.format === 'csv' ? auditCsv(rows) : auditJson(rows);
      if (!opts.out) return void process.stdout.write(text);
      writeFileSync(opts.out, text, 'utf8');
      console.log(t.wrote(rows.length, state.workflowId, opts.out));
    });
}
