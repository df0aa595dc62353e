/**
 * The drafting stage: `draft approve` and `draft reopen`, the coordinator's decisions on the draft
 * (`draft reopen` mails the owners of the areas it reopens: it states that and asks first), and
 * `draft synthesis`, the coordinator's written synthesis that the report places first.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { decodeUtf8 } from '../../client/contribution-file';
import { CycleError } from '../../client/errors';
import { updateCycle } from '../../client/cycles';
import { approveDraftUpdate, reopenAreasUpdate, setSynthesisUpdate } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import { coordinatorActor, draftVersion, updateAndPrint } from '../acting';
import { yesOption } from '../confirm';
import { reopenConsequence } from '../consequences';
import { asOption, versionOption, yearOption } from '../options';
import { requestIdOption, type RequestFlags } from '../requests';
import { texts } from '../texts';

const t = texts.drafting;

/**
 * The text of a synthesis file given with `option` (`--summary-file`…), exactly as written: UTF-8
 * or refused (CycleError `invalid` naming the option, the file and the first bad byte), a leading
 * byte-order mark dropped (an editor's, not the writer's). Throws CycleError `invalid` when the
 * file cannot be read.
 */
export function readSynthesisFile(option: string, path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new CycleError('invalid', `${option} ${path}: ${(err as Error).message}`);
  }
  return decodeUtf8(bytes, path, option).replace(/^\uFEFF/, '');
}

export function draftCommand(): Command {
  const draft = new Command('draft').description(t.description);
  draft
    .command('approve')
    .description(t.approve)
    .addOption(yearOption())
    .addOption(versionOption())
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (opts: { year: number; version?: number; as?: string } & RequestFlags) => {
      const request = { command: 'draft approve', args: { version: opts.version, as: opts.as }, flags: opts };
      await updateAndPrint(opts.year, request, (client, state, updateId) =>
        updateCycle(client, opts.year, approveDraftUpdate, { version: draftVersion(state, opts.version, 'drafting'), actor: coordinatorActor(state, opts.as) }, updateId),
      );
    });
  draft
    .command('reopen <areas...>')
    .description(t.reopen)
    .requiredOption('--comment <text>', t.comment)
    .addOption(yearOption())
    .addOption(versionOption())
    .addOption(asOption())
    .addOption(yesOption())
    .addOption(requestIdOption())
    .action(async (areaIds: string[], opts: { comment: string; year: number; version?: number; as?: string } & RequestFlags) => {
      const request = {
        command: 'draft reopen',
        args: { areaIds, comment: opts.comment, version: opts.version, as: opts.as },
        flags: opts,
        consequence: (state: ReviewCycleState) => reopenConsequence(state, areaIds, draftVersion(state, opts.version, 'drafting')),
      };
      await updateAndPrint(opts.year, request, (client, state, updateId) =>
        updateCycle(
          client,
          opts.year,
          reopenAreasUpdate,
          { version: draftVersion(state, opts.version, 'drafting'), areaIds, comment: opts.comment, actor: coordinatorActor(state, opts.as) },
          updateId,
        ),
      );
    });
  draft
    .command('synthesis')
    .description(t.synthesis)
    .requiredOption('--summary-file <path>', t.summaryFile)
    .requiredOption('--attention-file <path>', t.attentionFile)
    .addOption(yearOption())
    .addOption(versionOption())
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (opts: { summaryFile: string; attentionFile: string; year: number; version?: number; as?: string } & RequestFlags) => {
      const summary = readSynthesisFile('--summary-file', opts.summaryFile);
      const attention = readSynthesisFile('--attention-file', opts.attentionFile);
      // The texts name the request, not the files' paths: an edited file is another request.
      const text = createHash('sha256').update(JSON.stringify([summary, attention])).digest('hex');
      const request = { command: 'draft synthesis', args: { version: opts.version, as: opts.as, text }, flags: opts };
      await updateAndPrint(opts.year, request, (client, state, updateId) =>
        updateCycle(
          client,
          opts.year,
          setSynthesisUpdate,
          { version: draftVersion(state, opts.version, 'drafting'), summary, attention, actor: coordinatorActor(state, opts.as) },
          updateId,
        ),
      );
    });
  return draft;
}
