/**
 * Who the CLI acts as, and the one way its commands change a cycle: read the cycle's state (to name
 * the actor and the current draft), confirm the consequences where the command asks, send the
 * update under a deterministic update id, print what it recorded (or that it is not yet confirmed).
 */
import { hostname, userInfo } from 'node:os';
import type { Client } from '@temporalio/client';
import { getCycleState } from '../client/cycles';
import { CycleError } from '../client/errors';
import { notBegunCycle } from '../client/scheduled-cycles';
import type { Refusal, UpdateOutcome } from '../domain/outcomes';
import type { Actor, Role, Stage } from '../domain/schemas';
import type { ReviewCycleState } from '../domain/state';
import { loadSeeds } from '../seeds';
import { confirmAction } from './confirm';
import { withClient } from './connection';
import { printOutcome } from './output';
import { cliUpdateId, newRequestId, unconfirmedOr, type RequestFlags } from './requests';
import { localTime, refusalWords, texts } from './texts';

/** The user agent recorded in the audit trail for the CLI: the OS user and host who ran it. */
export function cliUserAgent(): string {
  return `sdp-review-cli (${userInfo().username}@${hostname()})`;
}

/**
 * The CLI's actor: the person of the cycle whose address `email` is (the bare address when nobody
 * in the cycle has it: the workflow then refuses), or `fallback` without `email`; `role` as given.
 */
export function cliActor(state: ReviewCycleState, role: Role, email: string | undefined, fallback: { name: string; email: string }): Actor {
  const people = [state.coordinator, state.directors.eu, state.directors.al, ...state.areas.flatMap((a) => [a.owners.eu, a.owners.al])];
  const chosen = email ? people.find((p) => p.email === email.toLowerCase()) ?? { name: undefined, email } : fallback;
  return { email: chosen.email, name: chosen.name, role, channel: 'cli', userAgent: cliUserAgent() };
}

/** The coordinator of the cycle acting through the CLI, or the person `--as` names. */
export function coordinatorActor(state: ReviewCycleState, as: string | undefined): Actor {
  return cliActor(state, 'coordinator', as, state.coordinator);
}

/**
 * The draft version a command of stage `allowed` acts on: `--version`, else the latest draft.
 * Without either (the cycle has no draft yet: it is still collecting, or was cancelled before one)
 * throws CycleError `conflict` with the workflow's own `wrong-stage` refusal, as the workflow
 * would (a cancelled cycle: `gone`): version 0 is no draft, and the workflow would refuse it as invalid input (exit 2), not
 * as the stage it is (exit 4).
 */
export function draftVersion(state: ReviewCycleState, version: number | undefined, allowed: Stage): number {
  const chosen = version ?? state.drafts.at(-1)?.version;
  if (chosen !== undefined) return chosen;
  if (state.stage === 'cancelled') throw new CycleError('gone', texts.cancelledCycle(state.year));
  const refusal: Refusal = { code: 'wrong-stage', year: state.year, stage: state.stage, allowed: [allowed] };
  throw new CycleError('conflict', refusalWords(refusal), [], refusal);
}

/** What names a request and whether it is confirmed first (see `updateAndPrint`). */
export interface RequestOptions {
  /** The command as typed (`close`, `draft reopen`…): in the update id and in what is printed. */
  command: string;
  /** The command's own arguments and options, without --yes and --request-id (cli/requests.ts). */
  args: unknown;
  /** `--request-id` and `--yes` as given. */
  flags: RequestFlags;
  /** The consequences to confirm, from the cycle's state; none (or undefined): nothing to confirm. */
  consequence?: (state: ReviewCycleState) => string | undefined;
}

/**
 * The state of the cycle of `year`, for a command about to change it. A cycle that has not begun
 * answers no query: it is refused as CycleError `conflict` (scheduled: nothing can be decided
 * before it starts) or `gone` (cancelled before it started). Throws CycleError otherwise.
 */
export async function readCycleForAction(client: Client, year: number): Promise<ReviewCycleState> {
  try {
    return await getCycleState(client, year);
  } catch (err) {
    if (!(err instanceof CycleError) || err.kind !== 'unavailable') throw err;
    const pending = await notBegunCycle(client, year).catch(() => undefined);
    if (pending?.state === 'scheduled') {
      const tz = pending.timeZone ?? loadSeeds().timeline.timeZone;
      throw new CycleError('conflict', texts.scheduled.notYet(year, localTime(pending.startsAt, tz), tz));
    }
    if (pending) throw new CycleError('gone', texts.scheduled.cancelledBeforeStart(year));
    throw err;
  }
}

/**
 * Reads the cycle of `year`, asks for confirmation when `request.consequence` states one (unless
 * --yes), sends the update `send` makes from its state with the request's deterministic update id
 * (cli/requests.ts), and prints the outcome. Throws CycleError (with the workflow's refusal) when
 * the cycle cannot be read or refuses; UnconfirmedError when the update was sent and Temporal did
 * not answer in time; DeclinedError or CycleError `invalid` when it was not confirmed.
 */
export async function updateAndPrint(
  year: number,
  request: RequestOptions,
  send: (client: Client, state: ReviewCycleState, updateId: string) => Promise<UpdateOutcome>,
): Promise<void> {
  await withClient(async (client) => {
    const state = await readCycleForAction(client, year);
    const consequence = request.consequence?.(state);
    if (consequence) await confirmAction(consequence, request.flags.yes);
    const requestId = request.flags.requestId ?? newRequestId();
    const updateId = cliUpdateId(request.command, year, request.args, requestId);
    let outcome: UpdateOutcome;
    try {
      outcome = await send(client, state, updateId);
    } catch (err) {
      throw unconfirmedOr(err, { command: request.command, year, requestId });
    }
    printOutcome(outcome);
  });
}
