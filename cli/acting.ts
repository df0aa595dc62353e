/**
 * Who the CLI acts as, and the one way its commands change a cycle: read the cycle's state (to name
 * the actor and the current draft), send the update, print what it recorded.
 */
import { hostname, userInfo } from 'node:os';
import type { Client } from '@temporalio/client';
import { getCycleState } from '../client/cycles';
import type { UpdateOutcome } from '../domain/outcomes';
import type { Actor, Role } from '../domain/schemas';
import type { ReviewCycleState } from '../domain/state';
import { withClient } from './connection';
import { printOutcome } from './output';

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

/** The draft version a command acts on: `--version`, else the latest draft (0 when none: refused). */
export function draftVersion(state: ReviewCycleState, version: number | undefined): number {
  return version ?? state.drafts.at(-1)?.version ?? 0;
}

/**
 * Reads the cycle of `year`, sends the update `send` makes from its state, and prints the outcome.
 * Throws CycleError (with the workflow's refusal) when the cycle cannot be read or refuses.
 */
export async function updateAndPrint(year: number, send: (client: Client, state: ReviewCycleState) => Promise<UpdateOutcome>): Promise<void> {
  await withClient(async (client) => {
    const state = await getCycleState(client, year);
    printOutcome(await send(client, state));
  });
}
