/** The directors' sign-off: `sign approve|request-changes`, a director's decision on the draft. */
import { Command, Option } from 'commander';
import { updateCycle } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { signOffUpdate } from '../../domain/messages';
import { Decision, Side } from '../../domain/schemas';
import { cliActor, draftVersion, updateAndPrint } from '../acting';
import { asOption, versionOption, yearOption } from '../options';
import { requestIdOption, type RequestFlags } from '../requests';
import { texts } from '../texts';

const t = texts.signOff;

export function signCommand(): Command {
  return new Command('sign')
    .argument('<decision>')
    .description(t.description)
    .addOption(new Option('--director <side>', t.director).choices(Side.options).makeOptionMandatory())
    .option('--comment <text>', t.comment, '')
    .addOption(yearOption())
    .addOption(versionOption())
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (decision: string, opts: { director: Side; comment: string; year: number; version?: number; as?: string } & RequestFlags) => {
      const parsed = Decision.safeParse(decision);
      if (!parsed.success) throw new CycleError('invalid', t.badDecision(decision, Decision.options));
      const args = { decision: parsed.data, director: opts.director, comment: opts.comment, version: opts.version, as: opts.as };
      await updateAndPrint(opts.year, { command: 'sign', args, flags: opts }, (client, state, updateId) => {
        const actor = cliActor(state, 'director', opts.as, state.directors[opts.director]);
        return updateCycle(
          client,
          opts.year,
          signOffUpdate,
          { version: draftVersion(state, opts.version, 'sign-off'), director: opts.director, decision: parsed.data, comment: opts.comment, actor },
          updateId,
        );
      });
    });
}
