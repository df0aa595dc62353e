/**
 * The console's rules outside its flow (./flow.ts): what a form's CSRF token and an Update id are
 * bound to, who acts, and what the workflow would refuse of typed fields before a confirmation.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { extensionRefusal } from '../../domain/cycle';
import type { Refusal } from '../../domain/outcomes';
import { reassignConflict } from '../../domain/people';
import { ReminderPolicy } from '../../domain/reminder-policy';
import type { Actor } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import type { FieldError } from '../../domain/validation';
import type { Texts } from '../texts';
import type { ConsoleAction, Figures, Typed } from './actions';

/** The year of a path's `:year` (four digits), or undefined. */
export function yearOf(raw: string): number | undefined {
  return /^\d{4}$/.test(raw) ? Number(raw) : undefined;
}

/** What a console form's CSRF token is bound to: the console of one year. */
export function consoleSubject(year: number): string {
  return `console:${year}`;
}

/** A request id: 16 characters of base64url (96 random bits). */
export function newRequestId(): string {
  return randomBytes(12).toString('base64url');
}
/** A request id as `newRequestId` makes them. */
export const REQUEST_ID = /^[A-Za-z0-9_-]{16}$/;
/** The longest Update id the pending page reads (longer ones are not the console's). */
export const MAX_UPDATE_ID = 200;
/** How many unknown fields a refusal names (the rest are counted). */
export const MAX_NAMED = 10;

/**
 * `refusal` with the address it names as it was typed in one of the form's fields: the workflow
 * compares addresses in lower case and answers with that form, but the page shows what was typed.
 */
export function asTyped(refusal: Refusal, typed: Typed): Refusal {
  if (!('email' in refusal)) return refusal;
  const match = Object.values(typed).flat().map((v) => v.trim()).find((v) => v.toLowerCase() === refusal.email.toLowerCase());
  return match ? { ...refusal, email: match } : refusal;
}

/**
 * What the workflow would refuse of an action's typed fields, said next to its field before the
 * confirmation, by the rules the workflow's validators call (domain/people.ts reassignConflict,
 * domain/cycle.ts extensionRefusal): a new holder who may not take the role; a new due date on a weekend or a closed day
 * under the cycle's policy, already past at `now`, not later than the area's, or after the
 * submission is due. Undefined when there is none.
 */
export function refusedBeforeConfirmation(t: Texts, state: ReviewCycleState, figures: Figures | undefined, typed: Typed, now: Date): FieldError | undefined {
  if (figures?.action === 'reassign') {
    const conflict = reassignConflict(figures.role, figures.to, { areaOwners: (id) => state.areas.find((a) => a.id === id)?.owners, directors: state.directors, coordinator: state.coordinator });
    return conflict && { path: 'to.email', message: t.outcomes.refusal(asTyped(conflict, typed), state.timeZone) };
  }
  if (figures?.action === 'extend') {
    const policy = ReminderPolicy.safeParse(state.reminderPolicy ?? {});
    const refusal = extensionRefusal(figures.dueDate, {
      timeZone: state.timeZone, closedDays: policy.success ? policy.data.closedDays : [], currentDueAt: figures.f.currentDueAt, submissionDueAt: state.submissionDueAt, now: now.getTime(),
    });
    return refusal && { path: 'dueDate', message: t.outcomes.refusal(refusal, state.timeZone) };
  }
  return undefined;
}

/** The Update id of `action` on the cycle of `year` with `args` (without the actor), for request `rid`. */
export function consoleUpdateId(year: number, action: ConsoleAction, args: unknown, rid: string): string {
  const digest = createHash('sha256').update(JSON.stringify(args) ?? '').digest('hex').slice(0, 12);
  return `web-console:${year}:${action}:${digest}:${rid}`;
}

/**
 * Who acts from the console. The dashboard's credentials are shared by the secretariat and name no
 * person, and the workflow takes these actions from the cycle's coordinator only, whose decisions
 * they are: so the actor is the cycle's coordinator (state.coordinator), through the web, with the
 * client's address and user agent — what the server knows of who pressed the button — and the
 * console's request id in place of a link id, so the history tells a console action from a link's.
 */
export function consoleActor(req: FastifyRequest, state: ReviewCycleState, rid?: string): Actor {
  return {
    email: state.coordinator.email,
    name: state.coordinator.name,
    role: 'coordinator',
    channel: 'web',
    ...(rid ? { linkId: `console:${rid}` } : {}),
    clientAddress: req.ip.slice(0, 100),
    ...(req.headers['user-agent'] ? { userAgent: String(req.headers['user-agent']).slice(0, 500) } : {}),
  };
}
