/** `sdp-review audit`: the whole event history of a cycle, as CSV for Excel or JSON. */
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { AUDIT_FORMATS, auditCsv, auditJson, auditRows, type AuditFormat } from '../../activities/archive/export';
import { getCycleState } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { PRIVATE_FILE_MODE, writeFileAtomic } from '../../infra/files';
import { archiveSource } from '../store';
import { withClient } from '../connection';
import { yearOption } from '../options';
import { texts } from '../texts';

/**
 * Refuses `--out <file>` before the cycle is read (CycleError `invalid`, exit 2): a folder that
 * does not exist (named, rather than a raw ENOENT; the command creates no folders, so a typo in the
 * path is not silently made into one), a path that is a folder, and, without `force`, a file that
 * exists (the export must not replace another file, such as the link secret).
 */
export function checkAuditOut(out: string, force: boolean): void {
  const folder = dirname(resolve(out));
  if (!existsSync(folder)) throw new CycleError('invalid', texts.audit.noFolder(out, folder));
  if (!statSync(folder).isDirectory()) throw new CycleError('invalid', texts.audit.notAFolder(out, folder));
  if (!existsSync(out)) return;
  if (statSync(out).isDirectory()) throw new CycleError('invalid', texts.audit.isAFolder(out));
  if (!force) throw new CycleError('invalid', texts.audit.exists(out));
}

/**
 * Writes the export to `out` as a private file (0600: the history names people, their addresses
 * and link ids). Without `force` the file is created exclusively, so one made meanwhile is not
 * replaced either; with `force` it replaces the file atomically. Throws CycleError `invalid` for
 * the same cases as `checkAuditOut`, and the file system's error for anything else.
 */
export async function writeAuditFile(out: string, text: string, force: boolean): Promise<void> {
  checkAuditOut(out, force);
  if (force) return writeFileAtomic(out, text);
  try {
    await writeFile(out, text, { encoding: 'utf8', flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CycleError('invalid', texts.audit.exists(out));
    throw err;
  }
}

export function auditCommand(): Command {
  const t = texts.audit;
  return new Command('audit')
    .description(t.description)
    .addOption(yearOption())
    .addOption(new Option('--format <format>', t.format).choices(AUDIT_FORMATS).default('csv'))
    .option('--out <file>', t.out)
    .option('--force', t.force, false)
    .action(async (opts: { year: number; format: AuditFormat; out?: string; force: boolean }) => {
      // Checked first: a mistyped path is told at once, not after reading the whole history.
      if (opts.out) checkAuditOut(opts.out, opts.force);
      const state = await withClient((client) => getCycleState(client, opts.year, archiveSource()));
      const rows = auditRows(state);
      const text = opts.format === 'csv' ? auditCsv(rows) : auditJson(rows);
      if (!opts.out) return void process.stdout.write(text);
      await writeAuditFile(opts.out, text, opts.force);
      console.log(t.wrote(rows.length, state.workflowId, opts.out));
    });
}
