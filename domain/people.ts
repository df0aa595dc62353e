/**
 * People change during a cycle: the coordinator reassigns an area owner's or a director's role to
 * another person, and a person names a deputy for the days they are away. The arguments of those
 * two updates (zod, as every update's), the records the cycle keeps of them, and the pure rules:
 * who holds a role now, whose deputy is acting on a day, and on whose behalf someone may act.
 */
import { z } from 'zod';
import { endOfLocalDay, localDateOf } from './calendar';
import { Actor, CalendarDate, Person, RequiredText, Side, type AreaOwners } from './schemas';

/** A role that can pass to another person: an area's owner on one side, or a director. */
export const RoleRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('area-owner'), areaId: z.string().min(1, 'must be an area id'), side: Side }),
  z.strictObject({ kind: z.literal('director'), side: Side }),
], { message: 'must be {kind: "area-owner", areaId, side} or {kind: "director", side}' });
export type RoleRef = z.infer<typeof RoleRef>;

/** The coordinator hands `role` to `to` for the rest of the cycle, saying why. */
export const ReassignArgs = z.object({ role: RoleRef, to: Person, reason: RequiredText(2_000), actor: Actor });
export type ReassignArgs = z.input<typeof ReassignArgs>;

/**
 * `principal` (an e-mail address of a current director or area owner) names `deputy` from `from`
 * to `until` (local dates in the cycle's time zone, both included); `deputy: null` ends a deputy
 * early. The principal names their own; the coordinator may name anyone's.
 */
export const SetDeputyArgs = z
  .object({
    principal: z.email({ message: 'must be an e-mail address' }).transform((s) => s.toLowerCase()),
    deputy: Person.nullable(),
    from: CalendarDate.optional(),
    until: CalendarDate.optional(),
    reason: RequiredText(2_000).optional(),
    actor: Actor,
  })
  .superRefine((a, ctx) => {
    if (a.deputy === null) return;
    if (!a.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be the first day the deputy acts (YYYY-MM-DD)' });
    if (!a.until) ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be the last day the deputy acts (YYYY-MM-DD)' });
    if (a.from && a.until && a.until < a.from) ctx.addIssue({ code: 'custom', path: ['until'], message: `must not be before the first day (${a.from})` });
    if (a.deputy.email === a.principal) ctx.addIssue({ code: 'custom', path: ['deputy', 'email'], message: 'must be someone else than the person away' });
  });
export type SetDeputyArgs = z.input<typeof SetDeputyArgs>;

/** A deputy the cycle knows of: who stands in for whom, over which local days, named by whom and when. */
export interface Deputy {
  /** The person away, as they held their role when the deputy was named. */
  principal: Person;
  deputy: Person;
  /** First and last local day (YYYY-MM-DD, the cycle's zone), both included. */
  from: string;
  until: string;
  /** UTC instants of the period's bounds: the start of `from`, the end of `until`, in the cycle's zone. */
  startsAt: string;
  endsAt: string;
  by: Actor;
  at: string;
}

/** A role passed to another person during the cycle. */
export interface Reassignment {
  role: RoleRef;
  from: Person;
  to: Person;
  reason: string;
  by: Actor;
  at: string;
}

/** The UTC bounds of local days `from`…`until` in `timeZone`. */
export function deputyPeriod(from: string, until: string, timeZone: string): { startsAt: string; endsAt: string } {
  const dayBefore = new Date(Date.parse(`${from}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { startsAt: new Date(Date.parse(endOfLocalDay(dayBefore, timeZone)) + 1).toISOString(), endsAt: endOfLocalDay(until, timeZone) };
}

/** The deputy acting for `email` at instant `now` (UTC ISO), if any: the latest named wins. */
export function actingDeputy(deputies: readonly Deputy[] | undefined, email: string, now: string): Deputy | undefined {
  const at = Date.parse(now);
  const e = email.toLowerCase();
  for (let i = (deputies?.length ?? 0) - 1; i >= 0; i--) {
    const d = deputies![i]!;
    if (d.principal.email === e && Date.parse(d.startsAt) <= at && at <= Date.parse(d.endsAt)) return d;
  }
  return undefined;
}

/** Whether `deputy` stands in for `email` (today's deputies only), for a page that says so. */
export function isDeputyOf(deputies: readonly Deputy[] | undefined, deputyEmail: string, principalEmail: string, now: string): boolean {
  return actingDeputy(deputies, principalEmail, now)?.deputy.email === deputyEmail.toLowerCase();
}

/** The local dates of a period, for words: `from`–`until` in the cycle's zone. */
export function periodDates(d: Pick<Deputy, 'startsAt' | 'endsAt'>, timeZone: string): { from: string; until: string } {
  return { from: localDateOf(d.startsAt, timeZone), until: localDateOf(d.endsAt, timeZone) };
}

/** The latest reassignment away from `email` of a role, if `email` once held one: for the page an old link answers. */
export function reassignedAway(reassignments: readonly Reassignment[] | undefined, email: string, match: (role: RoleRef) => boolean): Reassignment | undefined {
  const e = email.toLowerCase();
  return [...(reassignments ?? [])].reverse().find((r) => r.from.email === e && match(r.role));
}

/**
 * Why `to` cannot take `role` now, as the workflow refuses it (same person, or a role that
 * conflicts in the sign-off: the other director, the coordinator as a director); undefined when
 * `to` may. Shared by the workflow's validator and the pages that confirm a reassignment first.
 */
export function reassignConflict(
  role: RoleRef,
  to: { email: string },
  people: { areaOwners: (areaId: string) => AreaOwners | undefined; directors: { eu: Person; al: Person }; coordinator: { email: string } },
): { code: 'same-person'; name: string } | { code: 'conflicting-roles'; email: string; holds: 'coordinator' | 'eu-director' | 'al-director' } | undefined {
  const email = to.email.toLowerCase();
  const current = holderOf(role, people.areaOwners, people.directors);
  if (current && current.email === email) return { code: 'same-person', name: current.name };
  if (role.kind !== 'director') return undefined;
  const other = role.side === 'eu' ? 'al' : 'eu';
  if (email === people.directors[other].email) return { code: 'conflicting-roles', email, holds: other === 'eu' ? 'eu-director' : 'al-director' };
  if (email === people.coordinator.email) return { code: 'conflicting-roles', email, holds: 'coordinator' };
  return undefined;
}

/** Who holds `role` now, from the owners of each area and the directors. */
export function holderOf(role: RoleRef, areaOwners: (areaId: string) => AreaOwners | undefined, directors: { eu: Person; al: Person }): Person | undefined {
  return role.kind === 'director' ? directors[role.side] : areaOwners(role.areaId)?.[role.side];
}
