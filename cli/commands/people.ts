/**
 * `sdp-review reassign` and `sdp-review deputy`: people change during a cycle (domain/people.ts).
 * The coordinator hands an area owner's or a director's role to another person; a director or an
 * area owner away (or the coordinator for them) names a deputy for a period, or ends one.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { updateCycle } from '../../client/cycles';
import { reassignUpdate, setDeputyUpdate } from '../../domain/messages';
import type { RoleRef } from '../../domain/people';
import { EmailAddress, Language, type Person, type Side } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import { cliActor, coordinatorActor, updateAndPrint } from '../acting';
import { asOption, parseDate, yearOption } from '../options';
import { requestIdOption, type RequestFlags } from '../requests';
import { texts } from '../texts';

const t = texts.people;

/** `eu` or `al`. */
function parseSide(value: string): Side {
  if (value !== 'eu' && value !== 'al') throw new InvalidArgumentError(t.badSide);
  return value;
}

function parseEmail(value: string): string {
  const parsed = EmailAddress.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(t.badEmail);
  return parsed.data;
}

function parseLanguage(value: string): 'en' | 'sq' {
  const parsed = Language.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(t.badLanguage);
  return parsed.data;
}

/** The options naming the new holder of a role (on the role's side): `--name`, `--email`, `--organisation`, `--position`, `--language`. */
function personOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--name <name>', t.name).makeOptionMandatory())
    .addOption(new Option('--email <email>', t.email).argParser(parseEmail).makeOptionMandatory())
    .addOption(new Option('--organisation <text>', t.organisation).makeOptionMandatory())
    .addOption(new Option('--position <text>', t.position))
    .addOption(new Option('--language <lang>', t.language).argParser(parseLanguage));
}

interface PersonFlags { name: string; email: string; organisation: string; side?: Side; position?: string; language?: 'en' | 'sq' }

/** The person the flags name; the side defaults to that of the role (`fallbackSide`). */
function personOf(p: PersonFlags, fallbackSide: Side): Person {
  return { name: p.name, email: p.email, organisation: p.organisation, side: p.side ?? fallbackSide, ...(p.position ? { position: p.position } : {}), ...(p.language ? { language: p.language } : {}) };
}

/** `reassign --area <id> --side al …` or `reassign --director al …`. */
export function reassignCommand(): Command {
  const cmd = new Command('reassign')
    .description(t.reassignDescription)
    .addOption(yearOption())
    .addOption(new Option('--area <id>', t.area).conflicts('director'))
    .addOption(new Option('--side <side>', t.side).argParser(parseSide))
    .addOption(new Option('--director <side>', t.director).argParser(parseSide))
    .addOption(new Option('--reason <text>', t.reason).makeOptionMandatory());
  personOptions(cmd);
  return cmd
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (opts: { year: number; area?: string; side?: Side; director?: Side; reason: string; as?: string } & PersonFlags & RequestFlags) => {
      const role: RoleRef = opts.director
        ? { kind: 'director', side: opts.director }
        : opts.area && opts.side
          ? { kind: 'area-owner', areaId: opts.area, side: opts.side }
          : cmd.error(t.whichRole, { exitCode: 2, code: 'commander.usage' });
      const to = personOf({ ...opts, side: undefined }, role.side);
      await updateAndPrint(opts.year, { command: 'reassign', args: { role, to, reason: opts.reason, as: opts.as }, flags: opts }, (client, state, updateId) =>
        updateCycle(client, opts.year, reassignUpdate, { role, to, reason: opts.reason, actor: coordinatorActor(state, opts.as) }, updateId),
      );
    });
}

/** `deputy --for <email> --from … --until … --name …`, or `deputy --for <email> --end`. */
export function deputyCommand(): Command {
  const cmd = new Command('deputy')
    .description(t.deputyDescription)
    .addOption(yearOption())
    .addOption(new Option('--for <email>', t.principal).argParser(parseEmail).makeOptionMandatory())
    .addOption(new Option('--from <date>', t.from).argParser(parseDate))
    .addOption(new Option('--until <date>', t.until).argParser(parseDate))
    .addOption(new Option('--end', t.end))
    .addOption(new Option('--reason <text>', t.deputyReason))
    .addOption(new Option('--name <name>', t.name))
    .addOption(new Option('--email <email>', t.email).argParser(parseEmail))
    .addOption(new Option('--organisation <text>', t.organisation))
    .addOption(new Option('--side <side>', t.personSide).argParser(parseSide))
    .addOption(new Option('--position <text>', t.position))
    .addOption(new Option('--language <lang>', t.language).argParser(parseLanguage));
  return cmd
    .addOption(asOption())
    .addOption(requestIdOption())
    .action(async (opts: { year: number; for: string; from?: string; until?: string; end?: boolean; reason?: string; as?: string } & Partial<PersonFlags> & RequestFlags) => {
      if (!opts.end && !(opts.name && opts.email && opts.organisation)) cmd.error(t.whichDeputy, { exitCode: 2, code: 'commander.usage' });
      const args = { principal: opts.for, from: opts.from, until: opts.until, reason: opts.reason };
      await updateAndPrint(opts.year, { command: 'deputy', args: { ...args, end: opts.end, deputy: opts.email, as: opts.as }, flags: opts }, (client, state, updateId) => {
        const deputy = opts.end ? null : personOf(opts as PersonFlags, sideOf(state, opts.for));
        return updateCycle(client, opts.year, setDeputyUpdate, { ...args, deputy, actor: deputyActor(state, opts.for, opts.as) }, updateId);
      });
    });
}

/** The side of the person `email` in the cycle (a deputy is on the same side by default). */
function sideOf(state: ReviewCycleState, email: string): Side {
  if (state.directors.al.email === email) return 'al';
  if (state.directors.eu.email === email) return 'eu';
  return state.areas.some((a) => a.owners.al.email === email) ? 'al' : 'eu';
}

/** The coordinator by default; with `--as` the principal themself, as their own role. */
function deputyActor(state: ReviewCycleState, principal: string, as: string | undefined) {
  if (!as || as.toLowerCase() !== principal) return coordinatorActor(state, as);
  const role = state.directors.eu.email === principal || state.directors.al.email === principal ? 'director' : 'area-owner';
  return cliActor(state, role, as, state.coordinator);
}
