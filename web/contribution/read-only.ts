/**
 * The read-only view of an area's input, for its owners once the area takes no more input
 * (collection closed, the area waived, the cycle finished): the input on record — read from the
 * document store by its reference — with its revision, who submitted it and when, and every
 * revision from the cycle's events (`contribution-submitted`, `contribution-revised`) with who and
 * when.
 *
 * It answers with the status of the closed step (409, or 410 for a finished cycle), not 200: the
 * link's step is what the status reports, and it is closed — a scanner, a monitor or the pending
 * page reads "closed" as before, a POST to the same link still answers 409, and nothing reads a
 * success into a page that offers no action. The page says plainly at the top that it is
 * read-only, and why, in the words of the closed step's page.
 *
 * Only the latest revision can be read: the events name who and when but not the stored input of
 * each revision, and the store's content-addressed keys (`<year>/inputs/<area>/<sha256>.json`)
 * say nothing of which revision they were (the same content is one object; an input refused by the
 * workflow leaves one too). Earlier revisions are listed with who and when only.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CycleEvent } from '../../domain/events';
import type { Contribution } from '../../domain/schemas';
import type { AreaState } from '../../domain/state';
import type { WebContext } from '../plumbing/context';
import type { ClosedLink, ClosedView } from '../plumbing/open-link';
import { passedOn } from '../plumbing/step-check';
import { html, type SafeHtml } from '../views/html';
import { layout, type LanguageSwitch } from '../views/layout';
import { maskEmail } from '../views/texts';
import type { ContributionPageTexts } from './page';

/** One revision of an area's input, from the cycle's events. */
export interface RevisionLine {
  revision: number;
  /** ISO 8601 instant (UTC). */
  at: string;
  by: string;
  /** The owner a deputy submitted for. */
  onBehalfOf?: string;
}

const whoOf = (a: { name?: string; email: string }) => a.name || maskEmail(a.email);

/** The revisions of `areaId`'s input recorded in `events`, oldest first; an event without a revision number counts in order. */
export function revisionsOf(events: CycleEvent[], areaId: string): RevisionLine[] {
  return events
    .filter((e) => e.areaId === areaId && (e.action === 'contribution-submitted' || e.action === 'contribution-revised'))
    .map((e, i) => ({ revision: e.revision ?? i + 1, at: e.at, by: whoOf(e.actor), ...(e.onBehalfOf ? { onBehalfOf: whoOf(e.onBehalfOf) } : {}) }));
}

export interface ReadOnlyView {
  area: AreaState;
  timeZone: string;
  /** The closed step's page: its title and what became of it. */
  closed: { title: string; outcome: string[] };
  /** The input on record; undefined when there is none, or `unreadable` when the store did not give it. */
  input?: Contribution;
  unreadable: boolean;
  revisions: RevisionLine[];
  root?: string;
  switcher?: LanguageSwitch;
}

/** A text as typed, line breaks kept; "(empty)" for nothing. */
function typed(t: ContributionPageTexts, text: string | undefined): SafeHtml {
  return text?.trim() ? html`<blockquote class="comment">${text}</blockquote>` : html`<p class="muted">${t.drafts.readOnly.empty}</p>`;
}

/** The page of the read-only view (see the module's comment). */
export function readOnlyPage(t: ContributionPageTexts, v: ReadOnlyView): string {
  const c = t.contribution;
  const r = t.drafts.readOnly;
  const { area, input } = v;
  const title = t.areaTitle(area);
  const latest = v.revisions.at(-1)?.revision ?? area.revision;
  const by = area.submittedBy ? whoOf(area.submittedBy) : '';
  const record = !area.revision
    ? html`<p>${r.nothing}</p>`
    : html`<h2>${r.onRecord(area.revision)}</h2>
${area.submittedAt ? html`<p>${r.submittedBy(by, t.dateTime(area.submittedAt, v.timeZone))}</p>` : ''}
${v.unreadable || !input
  ? html`<p class="notice">${r.unreadable}</p>`
  : html`<h3>${c.commitmentsHeading}</h3>
${area.commitments.map((commitment) => {
  const p = input.commitments.find((x) => x.commitmentId === commitment.id);
  return html`<h4>${c.commitmentLegend(commitment.paragraph, t.commitmentWording(commitment))}</h4>
<p><strong>${c.status}:</strong> ${p ? t.commitmentStatus[p.status] : r.empty}</p>
${typed(t, p?.comment)}`;
})}
<h3>${c.narrative}</h3>
${typed(t, input.narrative)}
<h3>${c.nextSteps}</h3>
${typed(t, input.nextSteps)}
<h3>${c.deliverablesHeading}</h3>
${input.deliverables.length === 0
  ? html`<p class="muted">${r.noDeliverables}</p>`
  : html`<div class="table-wrap"><table class="stack">
<thead><tr><th scope="col">${c.deliverableTitle}</th><th scope="col">${c.deliverableStatus}</th><th scope="col">${c.deliverableDate}</th><th scope="col">${c.deliverableDescription}</th></tr></thead>
<tbody>${input.deliverables.map(
  (d) => html`<tr><td data-label="${c.deliverableTitle}">${d.title}</td><td data-label="${c.deliverableStatus}">${t.deliverableStatus[d.status] ?? d.status}</td><td data-label="${c.deliverableDate}">${d.date ?? ''}</td><td data-label="${c.deliverableDescription}" class="comment">${d.description}</td></tr>`,
)}</tbody>
</table></div>`}`}`;
  const revisions = v.revisions.length === 0
    ? ''
    : html`<h2>${r.revisionsHeading}</h2>
<p class="hint">${r.revisionsNote}</p>
<div class="table-wrap"><table class="stack">
<thead><tr><th scope="col">${r.columns.revision}</th><th scope="col">${r.columns.by}</th><th scope="col">${r.columns.at}</th><th scope="col">${r.columns.content}</th></tr></thead>
<tbody>${[...v.revisions].reverse().map(
  (x) => html`<tr><td data-label="${r.columns.revision}">${x.revision}</td><td data-label="${r.columns.by}">${x.by}${x.onBehalfOf ? html` <span class="muted">(${t.comments.onBehalfOf(x.onBehalfOf)})</span>` : ''}</td><td data-label="${r.columns.at}">${t.dateTime(x.at, v.timeZone)}</td><td data-label="${r.columns.content}">${x.revision === latest && input && !v.unreadable ? r.shownAbove : html`<span class="muted">${r.notKept}</span>`}</td></tr>`,
)}</tbody>
</table></div>`;
  const body = html`<h1>${v.closed.title}</h1>
${v.closed.outcome.map((p) => html`<p>${p}</p>`)}
<div class="notice" role="status"><p><strong>${r.title}</strong></p><p>${r.text}</p></div>
<h2>${c.title(title)}</h2>
${t.lang !== 'en' && title !== area.title ? html`<p class="muted" lang="en">${area.title}</p>` : ''}
${record}
${revisions}`;
  return layout(t, `${c.title(title)} — ${r.title}`, body, v.root, v.switcher);
}

/**
 * The contribution step's page for a closed link (open-link.ts ClosedView): the read-only view,
 * for a link whose area exists and whose recipient still owns it (a link passed on to someone else
 * keeps its own page). Written to the views log.
 */
export function readOnlyView(ctx: WebContext, req: FastifyRequest, reply: FastifyReply): ClosedView {
  return async ({ claims, state, check, scope }: ClosedLink) => {
    const area = state.areas.find((a) => a.id === claims.areaId);
    if (claims.step !== 'contribution' || !area || passedOn(scope.t, state, claims)) return false;
    let input: Contribution | undefined;
    let unreadable = false;
    if (area.input || area.contribution) {
      try {
        input = await ctx.cycles.input(area);
      } catch (err) {
        unreadable = true;
        ctx.log.warn({ err, cycle: claims.cycle, areaId: area.id }, 'the input on record could not be read for the read-only view');
      }
    }
    await ctx.audit.view(ctx.entry(req, check.status, 'read-only', claims, { detail: `step closed: ${check.outcome.join(' ')}; revision ${area.revision} shown${unreadable ? ' (unreadable)' : ''}` }));
    ctx.sendPage(reply, check.status, readOnlyPage(scope.t, {
      area, timeZone: state.timeZone, closed: { title: check.title, outcome: check.outcome }, input, unreadable,
      revisions: revisionsOf(state.events, area.id), root: ctx.root(), switcher: scope.switcher(),
    }));
    return true;
  };
}
