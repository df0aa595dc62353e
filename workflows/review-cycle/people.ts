/**
 * People change during a cycle. The coordinator reassigns an area owner's or a director's role;
 * a director or an area owner (or the coordinator for them) names a deputy for the days they are
 * away. Both are recorded in the cycle's history with who, when and why; the new holder or the
 * deputy is mailed a fresh link to what is waiting for them; the previous holder is told, and the
 * deadline they had open is withdrawn from their calendar; the area's workflow is told who may
 * submit now. Old links answer a page that says the role has passed on (web/).
 */
import { patched, setHandler } from '@temporalio/workflow';
import { reassignUpdate, setDeputyUpdate } from '../../domain/messages';
import { ReassignArgs, SetDeputyArgs, actingDeputy, deputyPeriod, holderOf, reassignConflict, type Deputy, type RoleRef } from '../../domain/people';
import { parseArgs, refuse, type UpdateOutcome } from '../../domain/outcomes';
import type { Person, Side } from '../../domain/schemas';
import { openDeadlineOf } from './calendar';
import type { ReviewCycle } from './cycle';

const STAGES_FOR_PEOPLE = ['collecting', 'drafting', 'sign-off'] as const;

/** Registers the `reassign` and `setDeputy` updates. */
export function registerPeople(cycle: ReviewCycle): void {
  const { state } = cycle;
  const owners = (areaId: string) => state.areas.find((a) => a.id === areaId)?.owners;

  /** The refusals a new holder of `role` meets: the same person, or someone whose role conflicts. */
  function checkNewHolder(role: RoleRef, to: Person): void {
    // One person holding both sign-offs, or the coordinator approving their own draft, is no review.
    const conflict = reassignConflict(role, to, { areaOwners: owners, directors: state.directors, coordinator: state.coordinator });
    if (conflict) refuse(conflict);
  }

  setHandler(
    reassignUpdate,
    (raw): UpdateOutcome => {
      const { role, to, reason, actor } = parseArgs(ReassignArgs, raw);
      const previous = holderOf(role, owners, state.directors)!;
      const at = cycle.now();
      if (role.kind === 'director') {
        // In place: the stages read `participants.directors`, the state the same object.
        cycle.participants.directors[role.side] = to;
        state.directors[role.side] = to;
      } else {
        cycle.area(role.areaId, 'role.areaId').owners[role.side] = to;
        void tellArea(cycle, role.areaId);
      }
      (state.reassignments ??= []).push({ role, from: previous, to, reason, by: actor, at });
      cycle.record({
        actor, action: 'role-reassigned', at, reason,
        ...(role.kind === 'area-owner' ? { areaId: role.areaId } : {}),
        people: { role, previous: { name: previous.name, email: previous.email }, next: { name: to.name, email: to.email } },
      });
      // Histories from before this mail replay without it.
      if (patched('role-passed-mail')) tellPreviousHolder(cycle, role, previous, to, at);
      mailWaitingWork(cycle, role, to);
      return {
        stage: state.stage, code: 'role-reassigned', role, previousName: previous.name, nextName: to.name,
        ...(role.kind === 'area-owner' ? { area: cycle.areaRef(role.areaId) } : {}),
      };
    },
    {
      validator: (raw) => {
        const { role, to, actor } = parseArgs(ReassignArgs, raw);
        cycle.asCoordinator(actor);
        cycle.requireStage(...STAGES_FOR_PEOPLE);
        if (role.kind === 'area-owner') cycle.area(role.areaId, 'role.areaId');
        checkNewHolder(role, to);
      },
    },
  );

  setHandler(
    setDeputyUpdate,
    (raw): UpdateOutcome => {
      const args = parseArgs(SetDeputyArgs, raw);
      const principal = principalOf(cycle, args.principal)!;
      const at = cycle.now();
      const principalRef = { name: principal.person.name, email: principal.person.email };
      if (args.deputy === null) {
        // Ends today's deputy: a period that closed a millisecond ago.
        const ended = (state.deputies ?? []).filter((d) => d.principal.email === principal.person.email && Date.parse(d.endsAt) >= Date.parse(at));
        for (const d of ended) d.endsAt = new Date(Date.parse(at) - 1).toISOString();
        cycle.record({ actor: args.actor, action: 'deputy-ended', at, reason: args.reason, people: { principal: principalRef } });
        tellAreas(cycle, principal.areaIds);
        return { stage: state.stage, code: 'deputy-ended', principalName: principal.person.name };
      }
      const from = args.from!;
      const until = args.until!;
      const deputy: Deputy = { principal: principal.person, deputy: args.deputy, from, until, ...deputyPeriod(from, until, cycle.tz), by: args.actor, at };
      (state.deputies ??= []).push(deputy);
      cycle.record({
        actor: args.actor, action: 'deputy-named', at, reason: args.reason,
        people: { principal: principalRef, deputy: { name: args.deputy.name, email: args.deputy.email }, fromDate: from, untilDate: until },
      });
      tellAreas(cycle, principal.areaIds);
      // A deputy acting from today is sent what waits for the person away (the mail goes to the deputy).
      if (actingDeputy(state.deputies, principal.person.email, at) === deputy) {
        if (principal.directorSide) mailWaitingWork(cycle, { kind: 'director', side: principal.directorSide }, principal.person);
        for (const areaId of principal.areaIds) {
          const side: Side = cycle.area(areaId).owners.eu.email === principal.person.email ? 'eu' : 'al';
          mailWaitingWork(cycle, { kind: 'area-owner', areaId, side }, principal.person);
        }
      }
      return { stage: state.stage, code: 'deputy-named', principalName: principal.person.name, deputyName: args.deputy.name, from, until };
    },
    {
      validator: (raw) => {
        const args = parseArgs(SetDeputyArgs, raw);
        cycle.requireStage(...STAGES_FOR_PEOPLE);
        const principal = principalOf(cycle, args.principal);
        if (!principal) refuse({ code: 'not-a-participant', email: args.principal });
        // A person names their own deputy; anyone else's is the coordinator's to name.
        if (!(args.actor.email === principal.person.email && args.actor.role !== 'system')) cycle.asCoordinator(args.actor);
        if (args.deputy) {
          for (const side of ['eu', 'al'] as Side[]) {
            if (principal.directorSide === side) continue;
            // Standing in for one director must not give anyone the other's sign-off too.
            if (principal.directorSide && args.deputy.email === state.directors[side].email) refuse({ code: 'conflicting-roles', email: args.deputy.email, holds: side === 'eu' ? 'eu-director' : 'al-director' });
          }
          if (principal.directorSide && args.deputy.email === state.coordinator.email) refuse({ code: 'conflicting-roles', email: args.deputy.email, holds: 'coordinator' });
        }
      },
    },
  );
}

/** Who `email` is in the cycle now: a director (with the side) and the areas they own, or undefined. */
function principalOf(cycle: ReviewCycle, email: string): { person: Person; directorSide?: Side; areaIds: string[] } | undefined {
  const { state } = cycle;
  const directorSide = (['eu', 'al'] as Side[]).find((side) => state.directors[side].email === email);
  const areaIds = state.areas.filter((a) => a.owners.eu.email === email || a.owners.al.email === email).map((a) => a.id);
  const person = directorSide ? state.directors[directorSide] : areaIds.length ? Object.values(cycle.area(areaIds[0]!).owners).find((o) => o.email === email) : undefined;
  return person ? { person, ...(directorSide ? { directorSide } : {}), areaIds } : undefined;
}

/** Sends an area's workflow its owners and the deputies acting for them. */
async function tellArea(cycle: ReviewCycle, areaId: string): Promise<void> {
  const area = cycle.area(areaId);
  const emails = [area.owners.eu.email, area.owners.al.email];
  const deputies = (cycle.state.deputies ?? [])
    .filter((d) => emails.includes(d.principal.email))
    .map((d) => ({ email: d.deputy.email, name: d.deputy.name, onBehalfOf: d.principal.email, startsAt: d.startsAt, endsAt: d.endsAt }));
  await cycle.sendDirective(areaId, { kind: 'people', owners: area.owners, deputies });
}

function tellAreas(cycle: ReviewCycle, areaIds: string[]): void {
  for (const id of areaIds) void tellArea(cycle, id);
}

/**
 * Tells the previous holder of `role` that it passed to `next` at `at`; the mail withdraws from
 * their calendar the deadline of the role still open (./calendar.ts), so that only the new holder's
 * event remains.
 */
function tellPreviousHolder(cycle: ReviewCycle, role: RoleRef, previous: Person, next: Person, at: string): void {
  const { state, cycleId, year, tz } = cycle;
  const open = openDeadlineOf(state, role);
  cycle.notify({
    kind: 'role-passed', cycleId, year, timeZone: tz, to: previous, role, nextName: next.name, at, reassignment: state.reassignments?.length ?? 1,
    ...(role.kind === 'area-owner' ? { area: cycle.areaRef(role.areaId) } : {}),
    ...(open ? { cancels: [open] } : {}),
  });
}

/**
 * Mails the new holder of `role` what waits for them now: an area's request for input while it
 * still takes inputs, a director's sign-off request while their decision on the current draft is
 * due. Anything later reaches them by the stages' own mails.
 */
function mailWaitingWork(cycle: ReviewCycle, role: RoleRef, to: Person): void {
  const { state, cycleId, year, tz } = cycle;
  if (role.kind === 'area-owner') {
    const a = cycle.area(role.areaId);
    if (a.closed) return;
    cycle.notify({
      kind: 'contribution-request', cycleId, year, timeZone: tz, to, side: role.side, dueAt: a.dueAt,
      area: { id: a.id, title: a.title, paragraphs: a.paragraphs },
      ...(a.reopened && a.status === 'reopened' ? { reopened: { comment: a.reopened.comment, afterVersion: a.reopened.afterVersion } } : {}),
    });
    return;
  }
  const draft = cycle.currentDraft();
  if (state.stage !== 'sign-off' || !draft) return;
  if (state.decisions.some((d) => d.version === draft.version && d.director === role.side)) return;
  cycle.notify({ kind: 'sign-off-request', cycleId, year, timeZone: tz, to, version: draft.version, director: role.side, files: draft.files, dueAt: state.stageDueAt ?? cycle.dueAfter(cycle.input.timeline.signOffDays) });
}

