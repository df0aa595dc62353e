/**
 * The view of a cycle that a link page reads: the cycle's state without what no link page shows,
 * so that a click does not move the whole state (about 80–120 KB at the demo's size, two thirds
 * of it the record of every mail sent and the other areas' commitments) for a page about one area
 * or one draft. Answered by the workflow's `view` query (domain/messages.ts); a finished cycle's
 * archived state is cut the same way by the client.
 */
import type { EventKind } from './events';
import type { AreaState, ReviewCycleState } from './state';

/** What a link page is about: one area (a contribution link) or the whole cycle (review, sign-off). */
export interface LinkViewScope {
  /** The area of a contribution link; other areas keep their status, dates and owners, not their commitments or inline input. */
  areaId?: string;
}

/** Events about mail only: the dashboard and the audit show them, no link page does. */
const MAIL_EVENTS: ReadonlySet<EventKind> = new Set<EventKind>(['mail-sent', 'mail-failed', 'reminder-sent']);

/** Another area than the link's: its place in the cycle without its commitments or inline input. */
function otherArea(area: AreaState): AreaState {
  const { contribution: _input, ...rest } = area;
  return { ...rest, commitments: [] };
}

/**
 * `state` as a link page of `scope` reads it: the same shape, with the mail events left out and,
 * for an area's link, the other areas' commitments, inline inputs and own events left out. Never
 * changes `state` (the workflow's live object): returns new arrays and area objects.
 */
export function linkView(state: ReviewCycleState, scope: LinkViewScope = {}): ReviewCycleState {
  const { areaId } = scope;
  const events = state.events.filter((e) => !MAIL_EVENTS.has(e.action) && (!areaId || !e.areaId || e.areaId === areaId));
  const areas = areaId ? state.areas.map((a) => (a.id === areaId ? a : otherArea(a))) : state.areas;
  return { ...state, events, areas };
}
