/**
 * The comments of a review cycle where people decide: the directors' requests for changes (and
 * any comment on an approval), the coordinator's reopenings, and who decided on someone's behalf.
 * The coordinator's draft review and the directors' sign-off pages list them all, oldest first,
 * so a decision is taken knowing what was asked before; an owner's form says why the area was
 * reopened. Everything is read from the cycle's state (decisions, events, each area's `reopened`)
 * and worded here (web/locales: `comments.*`), in the page's language and the cycle's time zone.
 */
import type { Side } from '../../domain/schemas';
import type { AreaState, ReviewCycleState } from '../../domain/state';
import type { Messages } from '../../infra/i18n';
import { html, type SafeHtml } from './html';
import { maskEmail, type CommonTexts } from './texts';

/** The texts of the comments block over the messages `m`. */
export function roundCommentsTexts(m: Messages) {
  return {
    heading: m('comments.heading'),
    intro: m('comments.intro'),
    none: m('comments.none'),
    changesRequested: (name: string, side: Side, version: number) => m('comments.changesRequested', { name, side, version }),
    approved: (name: string, side: Side, version: number) => m('comments.approved', { name, side, version }),
    reopened: (name: string, areas: string, count: number, version: number) => m('comments.reopened', { name, areas, count, version }),
    onBehalfOf: (name: string) => m('comments.onBehalfOf', { name }),
    noComment: m('comments.noComment'),
    reopenedHeading: m('comments.reopenedHeading'),
    reopenedWhy: (name: string, date: string, version: number) => m('comments.reopenedWhy', { name, date, version }),
  };
}

export type RoundCommentsTexts = CommonTexts & { comments: ReturnType<typeof roundCommentsTexts> };

/** One comment of the cycle, as facts: what was decided on which version, by whom, for whom, when. */
export type RoundComment = {
  /** ISO 8601 instant (UTC). */
  at: string;
  version: number;
  /** Who decided, as the page may show them (a name, else a masked address). */
  by: string;
  /** The person `by` stood in for (a deputy's decision). */
  onBehalfOf?: string;
  comment: string;
} & ({ kind: 'changes-requested' | 'approved'; side: Side } | { kind: 'reopened'; areaIds: string[] });

/**
 * Every comment of the cycle, oldest first: each director's request for changes, an approval that
 * carries a comment or was recorded by a deputy, and each reopening by the coordinator. Names come
 * from the decision itself, else from the role's holder; an address is never shown whole (anyone
 * holding the page's link reads it).
 */
export function roundComments(state: Pick<ReviewCycleState, 'decisions' | 'events' | 'directors' | 'coordinator'>): RoundComment[] {
  const nameOf = (who: { name?: string; email: string }, holder?: { name: string; email: string }) =>
    who.name ?? (holder && holder.email.toLowerCase() === who.email.toLowerCase() ? holder.name : maskEmail(who.email));
  const fromDirectors: RoundComment[] = state.decisions
    .filter((d) => d.decision === 'request-changes' || d.comment.trim() !== '' || d.onBehalfOf)
    .map((d) => ({
      kind: d.decision === 'request-changes' ? 'changes-requested' : 'approved',
      side: d.director,
      at: d.at,
      version: d.version,
      by: nameOf(d.by, state.directors[d.director]),
      ...(d.onBehalfOf ? { onBehalfOf: d.onBehalfOf.name } : {}),
      comment: d.comment,
    }));
  const reopenings: RoundComment[] = state.events
    .filter((e) => e.action === 'areas-reopened' && e.version !== undefined)
    .map((e) => ({
      kind: 'reopened',
      areaIds: e.areaIds ?? [],
      at: e.at,
      version: e.version!,
      by: nameOf(e.actor, state.coordinator),
      ...(e.onBehalfOf ? { onBehalfOf: e.onBehalfOf.name } : {}),
      // Histories recorded before the typed fields kept the comment in `detail` only.
      comment: e.comment ?? e.detail ?? '',
    }));
  return [...fromDirectors, ...reopenings].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The comment itself, its line breaks kept, or a word that there was none. */
function commentText(t: RoundCommentsTexts, comment: string): SafeHtml {
  return comment.trim() ? html`<blockquote class="comment">${comment}</blockquote>` : html`<p class="muted">${t.comments.noComment}</p>`;
}

/**
 * The section "Comments on this review" for a page on a draft of `state`: every comment of the
 * cycle (roundComments), each with who decided (and for whom), what, on which version and when,
 * and the comment as typed (escaped; line breaks kept). Says so when there is none yet.
 */
export function roundCommentsBlock(t: RoundCommentsTexts, state: ReviewCycleState): SafeHtml {
  const c = t.comments;
  const items = roundComments(state);
  const areaTitle = (id: string) => {
    const area = state.areas.find((a) => a.id === id);
    return area ? t.areaTitle(area) : id;
  };
  const what = (x: RoundComment): string =>
    x.kind === 'reopened'
      ? c.reopened(x.by, t.list(x.areaIds.map((id) => `«${areaTitle(id)}»`)), x.areaIds.length, x.version)
      : x.kind === 'changes-requested'
        ? c.changesRequested(x.by, x.side, x.version)
        : c.approved(x.by, x.side, x.version);
  return html`<section class="comments" aria-labelledby="comments-heading">
<h2 id="comments-heading">${c.heading}</h2>
${items.length
  ? html`<p class="hint">${c.intro}</p>
<ol class="comments">${items.map(
    (x) => html`<li class="${x.kind}"><p><strong>${what(x)}</strong>${x.onBehalfOf ? html` <span class="behalf">(${c.onBehalfOf(x.onBehalfOf)})</span>` : ''}<br><time datetime="${x.at}">${t.dateTime(x.at, state.timeZone)}</time></p>
${commentText(t, x.comment)}</li>`,
  )}</ol>`
  : html`<p class="muted">${c.none}</p>`}
</section>`;
}

/**
 * On an owner's form, why the area was reopened: by whom, when, after which draft, and the
 * coordinator's comment. Nothing when the area is not reopened (once revised, the notice is over).
 */
export function reopeningNotice(t: RoundCommentsTexts, area: Pick<AreaState, 'status' | 'reopened'>, timeZone: string): SafeHtml {
  const r = area.reopened;
  if (area.status !== 'reopened' || !r) return html``;
  const by = r.by.name ?? maskEmail(r.by.email);
  return html`<div class="notice reopened" role="note"><h2>${t.comments.reopenedHeading}</h2>
<p>${t.comments.reopenedWhy(by, t.dateTime(r.at, timeZone), r.afterVersion)}</p>
<blockquote class="comment">${r.comment}</blockquote></div>`;
}
