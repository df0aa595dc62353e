/**
 * The dashboard's pages: the list of review cycles (/cycles) and one cycle (/cycles/:year), made
 * of parts (sections) that the page's small script swaps when their content changes (see
 * web/dashboard/script.ts). Each part carries `data-live`, a hash of its markup; the live
 * endpoints answer every part's markup and hash, and the script replaces only the parts whose
 * hash differs, so the reader keeps their place. Without JavaScript the page is complete as it is.
 *
 * Every value is escaped by the `html` template; every text comes from web/dashboard/texts.ts; dates are
 * local to the cycle's time zone, which the page names once.
 */
import { createHash } from 'node:crypto';
import type { CycleSummary } from '../../client/cycles';
import type { CycleEvent } from '../../domain/events';
import type { ArtifactFile, ReviewCycleState } from '../../domain/state';
import { statusBarSvg, timelineSvg } from './charts';
import { areaRows, cycleFigures, daysBetween, isFinished, stageSteps, statusCounts, timelineModel, type CycleFigures } from './model';
import { html, type SafeHtml } from '../views/html';
import { layout, type LanguageSwitch } from '../views/layout';
import type { DashboardTexts as Texts } from './texts';
import { figuresOfListMemo } from '../../domain/cycle-list-memo';

/** One part of a page: its element id, markup (the whole `<section>`), and the hash of that markup. */
export interface Part {
  id: string;
  hash: string;
  html: SafeHtml;
}

/** A date and time in a table's cell, kept on one line where the page is wide enough (`td .date`, web/views/style.ts). */
const date = (text: string): SafeHtml => html`<span class="date">${text}</span>`;

/** The most events the cycle page lists (the audit downloads have all). */
export const MAX_EVENTS_SHOWN = 200;

function part(id: string, heading: string | undefined, inner: SafeHtml, extraClass = ''): Part {
  const hash = createHash('sha256').update(inner.value).update(heading ?? '').digest('base64url').slice(0, 16);
  return {
    id,
    hash,
    html: html`<section id="${id}" class="dash-part${extraClass ? ` ${extraClass}` : ''}" data-live="${hash}"${heading ? html` aria-labelledby="${id}-h"` : ''}>${heading ? html`<h2 id="${id}-h">${heading}</h2>` : ''}${inner}</section>`,
  };
}

/** The live root: where the script fetches the parts, how often, and what it says on failure. */
function liveRoot(t: Texts, src: string, everyMs: number, parts: Part[], head: SafeHtml, script: string): SafeHtml {
  return html`<div class="dashboard" data-live-src="${src}" data-live-every="${everyMs}" data-live-failed="${t.dashboard.liveFailed}">
${head}
<p id="live-status" class="muted live-status" role="status">${t.dashboard.live}</p>
${parts.map((p) => p.html)}
</div>
<script src="${script}" defer></script>`;
}

/** What a live endpoint answers: every part's hash and markup, and a tag of them all for If-None-Match. */
export function liveBody(parts: Part[], updated: string, extra: Record<string, unknown> = {}): { etag: string; body: string } {
  const etag = `"${createHash('sha256').update(parts.map((p) => `${p.id}:${p.hash}`).join('|')).digest('base64url').slice(0, 22)}"`;
  const body = JSON.stringify({
    updated,
    hashes: Object.fromEntries(parts.map((p) => [p.id, p.hash])),
    parts: Object.fromEntries(parts.map((p) => [p.id, p.html.value])),
    ...extra,
  });
  return { etag, body };
}

// ---------------------------------------------------------------------------------------------
// The list of cycles

/**
 * One row of /cycles: what visibility says, and what the row shows of the cycle — from its state
 * (a query, or a finished cycle's archive), or from the list view its workflow keeps in its memo
 * (`summary.list`: no call at all); `error` when neither could be had.
 */
export interface CycleRow {
  summary: CycleSummary;
  state?: ReviewCycleState;
  error?: string;
}

/** What a row shows of its cycle, from its state or its list view: undefined when it has neither. */
function rowFacts(r: CycleRow, now: number): { stage: ReviewCycleState['stage']; timeZone: string; figures: CycleFigures } | undefined {
  if (r.state) return { stage: r.state.stage, timeZone: r.state.timeZone, figures: cycleFigures(r.state, now) };
  if (r.summary.list) return { stage: r.summary.list.stage, timeZone: r.summary.list.timeZone, figures: figuresOfListMemo(r.summary.list, now) };
  return undefined;
}

export interface CyclesView {
  rows: CycleRow[];
  now: number;
  root: string;
  /** Why the list could not be read, when it could not. */
  listError?: string;
  /** The header's switch to the other language. */
  switcher?: LanguageSwitch;
}

export function cyclesParts(t: Texts, v: CyclesView): Part[] {
  const d = t.dashboard;
  const c = d.columns;
  const zones = new Set(v.rows.map((r) => rowFacts(r, v.now)?.timeZone ?? 'UTC'));
  const zoneNote = zones.size === 1 ? d.timesIn([...zones][0]!) : d.timesInMixed;
  const body = v.listError
    ? html`<p class="notice" role="alert">${d.listFailed}</p>`
    : v.rows.length === 0
      ? html`<p>${d.noCycles}</p>`
      : html`<p class="muted">${zoneNote}</p>
<div class="table-wrap"><table class="stack cycles">
<thead><tr><th scope="col">${c.year}</th><th scope="col">${c.stage}</th><th scope="col" class="num">${c.submitted}</th><th scope="col" class="num">${c.overdue}</th><th scope="col">${c.nextDeadline}</th><th scope="col">${c.started}</th><th scope="col">${c.closed}</th></tr></thead>
<tbody>${v.rows.map((r) => cycleRow(t, r, v))}</tbody>
</table></div>
${v.rows.filter((r) => r.error).map((r) => html`<p class="muted">${r.summary.year}: ${d.figuresUnavailableNote(r.error!)}</p>`)}`;
  return [part('cycles', undefined, body)];
}

function cycleRow(t: Texts, r: CycleRow, v: CyclesView): SafeHtml {
  const d = t.dashboard;
  const c = d.columns;
  const s = rowFacts(r, v.now);
  const tz = s?.timeZone ?? 'UTC';
  const f = s?.figures;
  const stage = s ? t.stageName(s.stage) : r.summary.stage ? t.stageName(r.summary.stage as never) ?? r.summary.stage : '';
  const status = d.workflowStatus(r.summary.status);
  const na = html`<span class="muted">${d.figuresUnavailable}</span>`;
  return html`<tr id="cycle-${r.summary.year}"${f?.overdue ? html` class="has-overdue"` : ''}>
<th scope="row" data-label="${c.year}"><a href="${v.root}/cycles/${r.summary.year}">${r.summary.year}</a></th>
<td data-label="${c.stage}" class="stage">${stage}${r.summary.status !== 'RUNNING' ? html` <span class="muted">(${status})</span>` : ''}</td>
<td data-label="${c.submitted}" class="num submitted">${f ? d.areasOf(f.areasSubmitted, f.areasTotal) : na}</td>
<td data-label="${c.overdue}" class="num overdue">${f ? (f.overdue ? html`<strong class="bad">${f.overdue}</strong>` : '0') : na}</td>
<td data-label="${c.nextDeadline}" class="deadline">${f ? deadlineText(t, f, s!) : na}</td>
<td data-label="${c.started}">${date(t.shortDateTime(r.summary.startTime, tz))}</td>
<td data-label="${c.closed}">${r.summary.closeTime ? date(t.shortDateTime(r.summary.closeTime, tz)) : html`<span class="muted">${d.running}</span>`}</td>
</tr>`;
}

function deadlineText(t: Texts, f: CycleFigures, s: Pick<ReviewCycleState, 'stage' | 'timeZone'>): SafeHtml {
  const d = t.dashboard;
  if (!f.nextDeadline) return html`<span class="muted">${d.noDeadline}</span>`;
  return html`${date(t.shortDateTime(f.nextDeadline.at, s.timeZone))} <span class="muted">(${d.deadlineWhat(f.nextDeadline.kind, t.stageName(s.stage), f.nextDeadline.count)})</span>`;
}

export function cyclesPage(t: Texts & { progress?: { link: string } }, v: CyclesView, o: { everyMs: number }): string {
  const d = t.dashboard;
  const head = html`<h1>${d.cyclesTitle}</h1><p>${d.cyclesIntro}</p>${t.progress ? html`<p><a href="${v.root}/cycles/progress">${t.progress.link}</a></p>` : ''}`;
  return layout(t, d.cyclesTitle, liveRoot(t, `${v.root}/cycles/live`, o.everyMs, cyclesParts(t, v), head, `${v.root}/dashboard.js`), v.root, v.switcher);
}

// ---------------------------------------------------------------------------------------------
// One cycle

export interface CycleView {
  state: ReviewCycleState;
  now: number;
  root: string;
  /** The workflow's page in the Temporal UI, when the UI's address is known. */
  temporalUrl?: string;
  /** The header's switch to the other language. */
  switcher?: LanguageSwitch;
}

/** The dashboard's own download path of an artifact (it redirects to a signed file link). */
export function downloadHref(root: string, year: number, key: string): string {
  return `${root}/cycles/${year}/files/${key.split('/').map(encodeURIComponent).join('/')}`;
}

export function cycleParts(t: Texts, v: CycleView): Part[] {
  return [summaryPart(t, v), stagesPart(t, v), statusPart(t, v), areasPart(t, v), timelinePart(t, v), draftsPart(t, v), decisionsPart(t, v), eventsPart(t, v)];
}

function summaryPart(t: Texts, v: CycleView): Part {
  const d = t.dashboard;
  const F = d.figures;
  const s = v.state;
  const tz = s.timeZone;
  const f = cycleFigures(s, v.now);
  const when = (iso: string) => t.shortDateTime(iso, tz);
  const started = s.events.find((e) => e.action === 'cycle-started')?.at ?? s.events[0]?.at;
  const inputsLate = s.stage === 'collecting' && Date.parse(s.inputsDueAt) < v.now;
  const submissionLate = !isFinished(s) && Date.parse(s.submissionDueAt) < v.now;
  const body = html`<dl class="figures">
<div class="figure"><dt>${F.stage}</dt><dd><span id="fig-stage" class="big">${t.stageName(s.stage)}</span></dd></div>
<div class="figure"><dt>${F.submitted}</dt><dd><span id="fig-submitted" class="big">${d.areasOf(f.areasSubmitted, f.areasTotal)}</span></dd></div>
<div class="figure${f.overdue ? ' bad' : ''}"><dt>${F.overdue}</dt><dd><span id="fig-overdue" class="big">${f.overdue}</span>${f.overdue ? html` <span class="what">${d.overdueWhat(f.overdue, s.stage)}</span>` : ''}</dd></div>
<div class="figure"><dt>${F.nextDeadline}</dt><dd id="fig-next">${deadlineText(t, f, s)}</dd></div>
</dl>
<dl class="meta">
<dt>${F.kickoff}</dt><dd>${when(s.kickoffAt)}</dd>
<dt>${F.inputsDue}</dt><dd>${when(s.inputsDueAt)}${inputsLate ? html` <strong class="bad">${d.overdueBy(daysBetween(Date.parse(s.inputsDueAt), v.now))}</strong>` : ''}</dd>
<dt>${F.submissionDue}</dt><dd>${when(s.submissionDueAt)}${submissionLate ? html` <strong class="bad">${d.overdueBy(daysBetween(Date.parse(s.submissionDueAt), v.now))}</strong>` : ''}</dd>
${started ? html`<dt>${F.started}</dt><dd>${when(started)}</dd>` : ''}
${s.submission ? html`<dt>${F.submittedAt}</dt><dd>${when(s.submission.submittedAt)}</dd>` : ''}
${s.cancelled ? html`<dt>${F.cancelledAt}</dt><dd>${when(s.cancelled.at)} ${d.cancelledBy(s.cancelled.by.name ?? s.cancelled.by.email, s.cancelled.reason)}</dd>` : ''}
</dl>`;
  // A stuck cycle is said first, where the secretariat looks: it waits for a person.
  const stuck = s.stuck ? html`<p class="bad" role="alert"><strong>${d.stuck(when(s.stuck.since), s.stuck.version, s.stuck.reason.replace(/\b(?:s3|file):\/\/\S+/g, '…'), s.stuck.step)}</strong></p>` : '';
  return part('summary', d.summaryHeading, html`${stuck}${body}`);
}

function stagesPart(t: Texts, v: CycleView): Part {
  const d = t.dashboard;
  const cancelled = v.state.stage === 'cancelled';
  const steps = stageSteps(v.state);
  const body = html`<ol class="stages">${steps.map((step) => {
    const label = step.state === 'current' && cancelled ? d.stageCancelled : d.stageState[step.state];
    return html`<li class="stage ${step.state}${step.state === 'current' && cancelled ? ' cancelled' : ''}"${step.state === 'current' ? html` aria-current="step"` : ''}><span class="stage-name">${t.stageName(step.stage)}</span> <span class="stage-state">(${label})</span>${
      step.state === 'current' && step.enteredAt ? html`<span class="stage-when">${d.stageEntered(t.shortDateTime(step.enteredAt, v.state.timeZone))}</span>` : ''
    }</li>`;
  })}</ol>`;
  return part('stages', d.stagesHeading, body);
}

function statusPart(t: Texts, v: CycleView): Part {
  const d = t.dashboard;
  const counts = statusCounts(v.state, v.now);
  const body = html`${statusBarSvg(t, counts)}
<ul class="legend">${counts.map((c) => html`<li${c.count === 0 ? html` class="zero"` : ''}><span class="swatch sw-${c.category}"></span> ${d.statusCategory[c.category]}: <strong>${c.count}</strong></li>`)}</ul>`;
  return part('status', d.statusHeading, body);
}

function areasPart(t: Texts, v: CycleView): Part {
  const d = t.dashboard;
  const c = d.areaColumns;
  const tz = v.state.timeZone;
  const rows = areaRows(v.state, v.now);
  const body = html`<p class="muted">${d.timesIn(tz)}</p>
<div class="table-wrap"><table class="stack areas">
<thead><tr><th scope="col">${c.area}</th><th scope="col">${c.status}</th><th scope="col">${c.owners}</th><th scope="col">${c.due}</th><th scope="col">${c.lastUpdate}</th><th scope="col">${c.nextReminder}</th></tr></thead>
<tbody>${rows.map(({ area: a, overdue, daysOverdue, lastEvent }) => {
    const lastAt = lastEvent?.at ?? a.submittedAt;
    const lastWho = lastEvent ? (lastEvent.actor.name ?? lastEvent.actor.email) : (a.submittedBy?.name ?? a.submittedBy?.email);
    return html`<tr id="area-${a.id}" data-area="${a.id}" class="area-row${overdue ? ' overdue' : ''}">
<th scope="row" data-label="${c.area}">${t.areaTitle(a)} <span class="muted small">§${a.paragraphs.join(', §')}</span></th>
<td data-label="${c.status}"><span class="badge st-${a.status}">${t.areaStatus[a.status]}</span>${overdue ? html` <span class="badge st-overdue">${d.overdueBadge}</span> <span class="bad small">${d.overdueBy(daysOverdue)}</span>` : ''}${a.revision ? html` <span class="muted small">${d.revision(a.revision)}</span>` : ''}</td>
<td data-label="${c.owners}"><span class="owner">${d.owner(d.ownerSide('eu'), a.owners.eu.name)}</span><br><span class="owner">${d.owner(d.ownerSide('al'), a.owners.al.name)}</span></td>
<td data-label="${c.due}">${date(t.shortDateTime(a.dueAt, tz))}</td>
<td data-label="${c.lastUpdate}">${lastAt ? html`${date(t.shortDateTime(lastAt, tz))}${lastEvent ? html`<br><span class="small">${d.action(lastEvent.action)}${lastWho ? html`, ${lastWho}` : ''} <span class="muted">(${d.channel[lastEvent.actor.channel] ?? lastEvent.actor.channel})</span></span>` : ''}` : html`<span class="muted">${d.noUpdate}</span>`}</td>
<td data-label="${c.nextReminder}">${a.nextReminderAt ? date(t.shortDateTime(a.nextReminderAt, tz)) : html`<span class="muted">${d.noReminder}</span>`}</td>
</tr>`;
  })}</tbody>
</table></div>`;
  return part('areas', d.areasHeading, body);
}

function timelinePart(t: Texts, v: CycleView): Part {
  const d = t.dashboard;
  const L = d.timelineLegend;
  const T = d.timelineTable;
  const s = v.state;
  const tz = s.timeZone;
  const m = timelineModel(s, v.now);
  const when = (iso: string) => t.shortDateTime(iso, tz);
  const spans = (key: string) => {
    const row = m.rows.find((r) => r.key === key)!;
    return row.actual.length ? row.actual.map((a) => d.actualSpan(when(a.from), a.to ? when(a.to) : undefined)).join('; ') : d.notYet;
  };
  const dueText = (key: string) => {
    const due = m.rows.find((r) => r.key === key)!.due;
    return due ? d.plannedDue(when(due)) : '—';
  };
  const lastInput = m.inputs.at(-1);
  const body = html`${timelineSvg(t, m, { year: s.year, stage: t.stageName(s.stage), timeZone: tz })}
<ul class="legend">
<li><span class="swatch sw-planned"></span> ${L.planned}</li>
<li><span class="swatch sw-due"></span> ${L.due}</li>
<li><span class="swatch sw-actual"></span> ${L.actual}</li>
<li><span class="swatch sw-late"></span> ${L.late}</li>
<li><span class="swatch sw-input"></span> ${L.input}</li>
<li><span class="swatch sw-event"></span> ${L.event}</li>
<li><span class="swatch sw-now"></span> ${L.now}</li>
</ul>
<div class="table-wrap"><table class="timeline-table">
<thead><tr><th scope="col">${T.milestone}</th><th scope="col">${T.planned}</th><th scope="col">${T.actual}</th></tr></thead>
<tbody>
<tr><th scope="row">${d.kickoffRow}</th><td>${when(m.kickoffAt)}</td><td>${when(m.startedAt)}</td></tr>
<tr><th scope="row">${d.timelineRows.collecting}</th><td>${d.plannedCollecting(when(m.kickoffAt), when(m.inputsDueAt))}${m.rows[0]!.due ? html`; ${d.plannedDue(when(m.rows[0]!.due))}` : ''}</td><td>${spans('collecting')}</td></tr>
<tr><th scope="row">${d.inputsRow}</th><td>${d.plannedDue(when(m.inputsDueAt))}</td><td>${d.actualInputs(m.inputsIn, m.areasTotal, lastInput ? when(lastInput) : undefined)}</td></tr>
<tr><th scope="row">${d.timelineRows.drafting}</th><td>${dueText('drafting')}</td><td>${spans('drafting')}</td></tr>
<tr><th scope="row">${d.timelineRows['sign-off']}</th><td>${dueText('sign-off')}</td><td>${spans('sign-off')}</td></tr>
<tr><th scope="row">${d.timelineRows.submission}</th><td>${d.plannedDue(when(m.submissionDueAt))}</td><td>${m.submittedAt ? when(m.submittedAt) : m.cancelledAt ? html`${d.figures.cancelledAt}: ${when(m.cancelledAt)}` : d.notYet}</td></tr>
</tbody>
</table></div>`;
  return part('timeline', d.timelineHeading, body);
}

function fileLinks(t: Texts, v: CycleView, files: ArtifactFile[]): SafeHtml {
  const order = ['docx', 'pdf', 'html', 'md', 'summary-docx', 'summary-html'];
  const shown = files.filter((f) => order.includes(f.format)).sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format));
  return html`<ul class="downloads">${shown.map((f) => {
    const name = f.key.slice(f.key.lastIndexOf('/') + 1);
    return html`<li><a href="${downloadHref(v.root, v.state.year, f.key)}">${t.dashboard.fileLabel(f.format, name)}</a> <span class="muted small">${name}</span></li>`;
  })}</ul>`;
}

function draftsPart(t: Texts, v: CycleView): Part {
  const d = t.dashboard;
  const s = v.state;
  const tz = s.timeZone;
  const title = (id: string) => {
    const area = s.areas.find((a) => a.id === id);
    return area ? t.areaTitle(area) : id;
  };
  const drafts = [...s.drafts].reverse();
  const body = html`${s.submission
    ? html`<div class="draft final"><h3>${d.finalHeading}</h3><p>${d.finalMeta(t.shortDateTime(s.submission.submittedAt, tz), s.submission.signedVersion, s.saCouncilSecretariat.name)}</p>${fileLinks(t, v, s.submission.files)}</div>`
    : ''}
${drafts.length === 0
  ? html`<p>${d.noDrafts}</p>`
  : drafts.map((dr) => {
      const changes = dr.files.find((f) => f.format === 'changes-html');
      const prev = dr.version - 1;
      return html`<div class="draft" id="draft-v${dr.version}"><h3>${d.draftTitle(dr.version)}</h3>
<p>${d.draftMeta(t.shortDateTime(dr.createdAt, tz), t.draftStatus[dr.status])}</p>
<p class="small">${d.downloads}</p>${fileLinks(t, v, dr.files)}
${dr.version > 1
  ? html`${dr.changedAreas.length
      ? html`<p>${d.changedAreas(prev, dr.version)}</p><ul>${dr.changedAreas.map((id) => html`<li>${title(id)}</li>`)}</ul>`
      : html`<p>${d.noChangedAreas(prev, dr.version)}</p>`}
${changes ? html`<p><a href="${downloadHref(v.root, s.year, changes.key)}">${d.changesPage(prev, dr.version)}</a></p>` : ''}`
  : ''}
</div>`;
    })}`;
  return part('drafts', d.draftsHeading, body);
}

function decisionsPart(t: Texts, v: CycleView): Part {
  const d = t.dashboard;
  const c = d.decisionColumns;
  const s = v.state;
  const body = s.decisions.length === 0
    ? html`<p>${d.noDecisions}</p>`
    : html`<div class="table-wrap"><table class="stack decisions">
<thead><tr><th scope="col">${c.version}</th><th scope="col">${c.director}</th><th scope="col">${c.decision}</th><th scope="col">${c.comment}</th><th scope="col">${c.when}</th></tr></thead>
<tbody>${[...s.decisions].reverse().map(
        (x) => html`<tr><td data-label="${c.version}">v${x.version}</td><td data-label="${c.director}">${t.sideName(x.director)}: ${s.directors[x.director].name}</td><td data-label="${c.decision}"><span class="badge ${x.decision === 'approve' ? 'st-submitted' : 'st-overdue'}">${d.decision(x.decision)}</span></td><td data-label="${c.comment}">${x.comment ? html`<span class="comment">${x.comment}</span>` : html`<span class="muted">${d.noComment}</span>`}</td><td data-label="${c.when}">${date(t.shortDateTime(x.at, s.timeZone))} <span class="muted small">(${d.channel[x.by.channel] ?? x.by.channel})</span></td></tr>`,
      )}</tbody>
</table></div>`;
  return part('decisions', d.decisionsHeading, body);
}

function eventsPart(t: Texts, v: CycleView): Part {
  const d = t.dashboard;
  const c = d.eventColumns;
  const s = v.state;
  const titles = new Map(s.areas.map((a) => [a.id, t.areaTitle(a)]));
  const events = [...s.events].reverse();
  const shown = events.slice(0, MAX_EVENTS_SHOWN);
  const what = (e: CycleEvent) => {
    const area = e.areaId ? titles.get(e.areaId) : undefined;
    const detail = d.eventDetail(e, s.timeZone, t.stageName, (id) => titles.get(id) ?? id);
    return html`<strong>${d.action(e.action)}</strong>${area ? html` — ${area}` : ''}${e.version !== undefined ? html` — ${d.version(e.version)}` : ''}${detail ? html`<br><span class="small detail">${detail}</span>` : ''}`;
  };
  const body = html`<p class="muted">${d.eventsIntro(shown.length, events.length)} ${d.timesIn(s.timeZone)}</p>
<div class="table-wrap"><table class="stack events">
<thead><tr><th scope="col">${c.when}</th><th scope="col">${c.who}</th><th scope="col">${c.what}</th><th scope="col">${c.channel}</th></tr></thead>
<tbody>${shown.map(
    (e) => html`<tr><td data-label="${c.when}">${date(t.shortDateTime(e.at, s.timeZone))}</td><td data-label="${c.who}">${e.actor.name ?? e.actor.email} <span class="muted small">(${t.roleName(e.actor.role) ?? e.actor.role})</span></td><td data-label="${c.what}">${what(e)}</td><td data-label="${c.channel}">${d.channel[e.actor.channel] ?? e.actor.channel}</td></tr>`,
  )}</tbody>
</table></div>`;
  return part('events', d.eventsHeading, body);
}

/** `t.console`: the link to the secretariat's console (web/console/), shown when the texts have it. */
export function cyclePage(t: Texts & { console?: { dashboardLink: string } }, v: CycleView, o: { everyMs: number }): string {
  const d = t.dashboard;
  const year = v.state.year;
  const head = html`<h1>${d.cycleTitle(year)}</h1>
<ul class="inline-links">
<li><a href="${v.root}/cycles">${d.backToCycles}</a></li>
${t.console ? html`<li><a href="${v.root}/cycles/${year}/console"><strong>${t.console.dashboardLink}</strong></a></li>` : ''}
${v.temporalUrl ? html`<li><a href="${v.temporalUrl}" rel="noopener">${d.temporalUi}</a></li>` : ''}
<li><a href="${v.root}/cycles/${year}/audit.csv">${d.auditCsv}</a></li>
<li><a href="${v.root}/cycles/${year}/audit.json">${d.auditJson}</a></li>
</ul>`;
  return layout(t, d.cycleTitle(year), liveRoot(t, `${v.root}/cycles/${year}/live`, o.everyMs, cycleParts(t, v), head, `${v.root}/dashboard.js`), v.root, v.switcher);
}

/** The cycle page when its state could not be read: the reason, and what visibility says. */
export function cycleUnavailablePage(t: Texts, o: { year: number; message: string; summary?: CycleSummary; root: string; temporalUrl?: string; switcher?: LanguageSwitch }): string {
  const d = t.dashboard;
  const c = d.columns;
  const s = o.summary;
  const body = html`<h1>${d.cycleTitle(o.year)}</h1>
<p><a href="${o.root}/cycles">${d.backToCycles}</a>${o.temporalUrl ? html` · <a href="${o.temporalUrl}" rel="noopener">${d.temporalUi}</a>` : ''}</p>
<p class="notice" role="alert">${d.stateUnavailable(o.message)}</p>
${s
  ? html`<p>${d.visibilityOnly}</p><dl class="meta">
<dt>${c.stage}</dt><dd>${t.stageName(s.stage as never) ?? s.stage} (${d.workflowStatus(s.status)})</dd>
<dt>${c.started}</dt><dd>${t.shortDateTime(s.startTime, 'UTC')} (UTC)</dd>
${s.closeTime ? html`<dt>${c.closed}</dt><dd>${t.shortDateTime(s.closeTime, 'UTC')} (UTC)</dd>` : ''}
</dl>`
  : ''}`;
  return layout(t, d.cycleTitle(o.year), body, o.root, o.switcher);
}
