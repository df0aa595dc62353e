/**
 * The pages, rendered on the server from the `html` template (every value escaped) and the texts
 * of server/texts.ts. No page has a script or submits itself: an action is always a button a
 * person presses. Each field has a label; an error is shown next to its field and tied to it with
 * aria-describedby, and the form keeps what was typed.
 */
import type { AreaState, DraftRecord, ReviewCycleState } from '../domain/schemas';
import type { FieldError } from '../domain/validation';
import type { CapturedMail } from '../infra/smtp-capture';
import { BLANK_ROWS, errorId, fieldId, filledRows, type FormValues } from './form';
import { html, linkify, when, type Interpolation, type SafeHtml } from './html';
import type { LinkClaims } from './links';
import { formatDateTime, maskEmail, type Texts } from './texts';

/**
 * A whole page: doctype, UTF-8, language, viewport, the stylesheet, a skip link. `root` is the path
 * of the public base URL (`/sdp` for https://example.eu/sdp; '' at the root) before every internal link.
 */
export function layout(t: Texts, title: string, main: SafeHtml, root = ''): string {
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${title} — ${t.product}</title>
<link rel="stylesheet" href="${root}/style.css">
</head>
<body>
<a class="skip" href="#main">${t.skipToContent}</a>
<header class="site"><p><a href="${root}/">${t.product}</a> · ${t.productLine}</p></header>
<main id="main" tabindex="-1">
${main}
</main>
<footer><p>${t.footer}</p></footer>
</body>
</html>
`.value;
}

/** A page of a title and paragraphs (text or markup), and optional markup after them. */
export function messagePage(t: Texts, title: string, paragraphs: Interpolation[], extra?: SafeHtml, root = ''): string {
  return layout(t, title, html`<h1>${title}</h1>${paragraphs.filter((p) => p !== undefined && p !== '').map((p) => html`<p>${p}</p>`)}${extra}`, root);
}

// ---------------------------------------------------------------------------------------------
// Form parts

function errorFor(t: Texts, errors: FieldError[], path: string, value?: string): SafeHtml | undefined {
  const e = errors.find((x) => x.path === path);
  return e ? html`<p class="error-message" id="${errorId(path)}"><span>${t.errorPrefix}</span> ${t.fieldMessage(e.message, value)}</p>` : undefined;
}

function describedBy(...ids: (string | undefined)[]): SafeHtml {
  const list = ids.filter((x): x is string => !!x);
  return list.length ? html` aria-describedby="${list.join(' ')}"` : html``;
}

function hasError(errors: FieldError[], path: string): boolean {
  return errors.some((e) => e.path === path);
}

function textInput(t: Texts, o: { path: string; label: string; value: string; errors: FieldError[]; hint?: string; type?: 'text' | 'date'; maxlength?: number; required?: boolean }): SafeHtml {
  const id = fieldId(o.path);
  const bad = hasError(o.errors, o.path);
  const hintId = o.hint ? `${id}-hint` : undefined;
  return html`<div class="field${bad ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>${o.hint ? html`<span class="hint" id="${hintId}">${o.hint}</span>` : ''}
${errorFor(t, o.errors, o.path, o.value)}
<input type="${o.type ?? 'text'}" id="${id}" name="${o.path}" value="${o.value}"${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${when(o.required, 'required')}${when(bad, 'aria-invalid="true"')}${describedBy(hintId, bad ? errorId(o.path) : undefined)}>
</div>`;
}

function textArea(t: Texts, o: { path: string; label: string; value: string; errors: FieldError[]; hint?: string; long?: boolean; maxlength?: number; required?: boolean }): SafeHtml {
  const id = fieldId(o.path);
  const bad = hasError(o.errors, o.path);
  const hintId = o.hint ? `${id}-hint` : undefined;
  return html`<div class="field${bad ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>${o.hint ? html`<span class="hint" id="${hintId}">${o.hint}</span>` : ''}
${errorFor(t, o.errors, o.path, o.value)}
<textarea id="${id}" name="${o.path}"${o.long ? html` class="long"` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${when(o.required, 'required')}${when(bad, 'aria-invalid="true"')}${describedBy(hintId, bad ? errorId(o.path) : undefined)}>
${o.value}</textarea>
</div>`;
}

function select(t: Texts, o: { path: string; label: string; value: string; options: [string, string][]; errors: FieldError[] }): SafeHtml {
  const id = fieldId(o.path);
  const bad = hasError(o.errors, o.path);
  return html`<div class="field${bad ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
${errorFor(t, o.errors, o.path, o.value)}
<select id="${id}" name="${o.path}"${when(bad, 'aria-invalid="true"')}${describedBy(bad ? errorId(o.path) : undefined)}>
${o.options.map(([value, label]) => html`<option value="${value}"${when(value === o.value, 'selected')}>${label}</option>`)}
</select>
</div>`;
}

function radios(t: Texts, o: { path: string; legend: string; value: string; options: [string, string][]; errors: FieldError[] }): SafeHtml {
  const bad = hasError(o.errors, o.path);
  const err = bad ? errorId(o.path) : undefined;
  return html`<fieldset class="field${bad ? ' has-error' : ''}"${describedBy(err)}>
<legend>${o.legend}</legend>
${errorFor(t, o.errors, o.path, o.value)}
<div class="choices">
${o.options.map(
  ([value, label], i) =>
    html`<label><input type="radio" name="${o.path}" value="${value}"${i === 0 ? html` id="${fieldId(o.path)}"` : ''}${when(value === o.value, 'checked')}${describedBy(err)}> ${label}</label>`,
)}
</div>
</fieldset>`;
}

/** The list of errors at the top of a form, each linking to its field. */
function errorSummary(title: string, errors: FieldError[], labelOf: (path: string) => string, t: Texts): SafeHtml | undefined {
  if (errors.length === 0) return undefined;
  return html`<div class="summary-box" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${title}</h2>
<ul>${errors.map((e) => html`<li><a href="#${fieldId(e.path)}">${labelOf(e.path)}: ${t.fieldMessage(e.message)}</a></li>`)}</ul>
</div>`;
}

function hidden(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

// ---------------------------------------------------------------------------------------------
// Contribution form

export interface ContributionView {
  year: number;
  timeZone: string;
  area: AreaState;
  claims: LinkClaims;
  /** Path the form posts to. */
  action: string;
  root?: string;
  csrf: string;
  /** Nonce of this rendering (see contributionUpdateId). */
  rid: string;
  values: FormValues;
  /** Deliverable rows to show (at least the filled ones plus BLANK_ROWS). */
  rows?: number;
  errors: FieldError[];
}

export function contributionPage(t: Texts, v: ContributionView): string {
  const c = t.contribution;
  const { area, values, errors } = v;
  const rows = Math.max(v.rows ?? 0, filledRows(values) + BLANK_ROWS);
  const val = (path: string) => values[path] ?? '';
  const statusOptions = Object.entries(t.commitmentStatus) as [string, string][];
  const deliverableOptions = Object.entries(t.deliverableStatus) as [string, string][];

  const labelOf = (path: string): string => {
    const m = /^commitments\.(\d+)\.(status|comment)$/.exec(path);
    if (m) {
      const commitment = area.commitments[Number(m[1])];
      return `${commitment ? `§${commitment.paragraph} ${commitment.wording}` : path} — ${m[2] === 'status' ? c.status : c.comment}`;
    }
    const d = /^deliverables\.(\d+)\.(title|status|date|description)$/.exec(path);
    if (d) {
      const names: Record<string, string> = { title: c.deliverableTitle, status: c.deliverableStatus, date: c.deliverableDate, description: c.deliverableDescription };
      return `${c.deliverableLegend(Number(d[1]) + 1)} — ${names[d[2]!]}`;
    }
    return ({ narrative: c.narrative, nextSteps: c.nextSteps } as Record<string, string>)[path] ?? path;
  };

  const last = area.contribution && area.submittedAt
    ? c.lastSubmission(area.submittedBy?.name ?? area.submittedBy?.email ?? '', formatDateTime(area.submittedAt, v.timeZone), area.revision)
    : c.nothingYet;

  const body = html`<h1>${c.title(area.title)}</h1>
<p>${c.intro(v.year, v.claims.side ?? 'eu', v.claims.name)}</p>
<p>${c.paragraphs(area.paragraphs)}. ${c.due(formatDateTime(area.dueAt, v.timeZone))}</p>
${area.status === 'reopened' && area.reopened
  ? html`<div class="notice"><p>${c.reopened(area.reopened.afterVersion, area.reopened.by.name ?? area.reopened.by.email)}</p><blockquote>${area.reopened.comment}</blockquote></div>`
  : ''}
<p class="muted">${last}</p>
${errorSummary(c.errorSummary, errors, labelOf, t)}
<form method="post" action="${v.action}" novalidate>
${hidden('_csrf', v.csrf)}${hidden('rid', v.rid)}${hidden('rows', String(rows))}
<h2>${c.commitmentsHeading}</h2>
<p class="hint">${c.commitmentsHint}</p>
${area.commitments.map(
  (commitment, i) => html`<fieldset>
<legend>${c.commitmentLegend(commitment.paragraph, commitment.wording)}</legend>
<details><summary>${c.quoteSummary}</summary><blockquote lang="en">${commitment.quote}</blockquote></details>
${radios(t, { path: `commitments.${i}.status`, legend: c.status, value: val(`commitments.${i}.status`), options: statusOptions, errors })}
${textArea(t, { path: `commitments.${i}.comment`, label: c.comment, value: val(`commitments.${i}.comment`), errors, maxlength: 5_000 })}
</fieldset>`,
)}
<h2>${c.narrativeHeading}</h2>
${textArea(t, { path: 'narrative', label: c.narrative, hint: c.narrativeHint, value: val('narrative'), errors, long: true, maxlength: 60_000, required: true })}
${textArea(t, { path: 'nextSteps', label: c.nextSteps, hint: c.nextStepsHint, value: val('nextSteps'), errors, maxlength: 20_000 })}
<h2>${c.deliverablesHeading}</h2>
<p class="hint">${c.deliverablesHint}</p>
${Array.from({ length: rows }, (_x, j) => {
  const p = (name: string) => `deliverables.${j}.${name}`;
  return html`<fieldset>
<legend>${c.deliverableLegend(j + 1)}</legend>
${textInput(t, { path: p('title'), label: c.deliverableTitle, value: val(p('title')), errors, maxlength: 300 })}
${select(t, { path: p('status'), label: c.deliverableStatus, value: val(p('status')) || 'planned', options: deliverableOptions, errors })}
${textInput(t, { path: p('date'), label: c.deliverableDate, value: val(p('date')), errors, type: 'date' })}
${textArea(t, { path: p('description'), label: c.deliverableDescription, value: val(p('description')), errors, maxlength: 2_000 })}
</fieldset>`;
})}
<div class="actions"><button type="submit" name="op" value="add-rows" class="secondary">${c.addRows}</button></div>
<div class="actions"><button type="submit" name="op" value="submit">${c.submit}</button><span class="hint">${c.submitHint}</span></div>
</form>`;
  return layout(t, c.title(area.title), body, v.root);
}

// ---------------------------------------------------------------------------------------------
// Closing collection (coordinator)

export interface CollectionView {
  state: ReviewCycleState;
  claims: LinkClaims;
  action: string;
  root?: string;
  csrf: string;
}

export function collectionPage(t: Texts, v: CollectionView): string {
  const c = t.collection;
  const { state } = v;
  const count = (...statuses: string[]) => state.areas.filter((a) => statuses.includes(a.status)).length;
  const submitted = count('submitted');
  const waived = count('waived');
  const awaiting = count('awaiting-input', 'reopened');
  const dueAt = state.stageDueAt ?? state.inputsDueAt;
  const body = html`<h1>${c.title(state.year)}</h1>
<p>${c.intro(v.claims.name)}</p>
<p>${awaiting === 0 ? c.allIn(submitted, waived) : c.counts(submitted, waived, awaiting)}</p>
<p>${c.due(formatDateTime(dueAt, state.timeZone))}</p>
<h2>${c.areasHeading}</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${c.areaColumns.area}</th><th scope="col">${c.areaColumns.paragraphs}</th><th scope="col">${c.areaColumns.status}</th><th scope="col" class="num">${c.areaColumns.revision}</th></tr></thead>
<tbody>${state.areas.map((a) => html`<tr><th scope="row">${a.title}</th><td>§${a.paragraphs.join(', §')}</td><td>${t.areaStatus[a.status]}</td><td class="num">${a.revision}</td></tr>`)}</tbody>
</table></div>
<h2>${c.closeHeading}</h2>
<p>${c.closeText}</p>
${awaiting > 0 ? html`<p class="notice">${c.closeAwaiting(awaiting)}</p>` : ''}
<form method="post" action="${v.action}">
${hidden('_csrf', v.csrf)}
<div class="actions"><button type="submit" name="action" value="close">${c.close}</button></div>
</form>`;
  return layout(t, c.title(state.year), body, v.root);
}

// ---------------------------------------------------------------------------------------------
// Draft review (coordinator)

export interface FileLink {
  label: string;
  url: string;
}

/** What a page on one draft version shows (draft review, sign-off), with the form's `values`. */
export interface DraftStepView<Values> {
  state: ReviewCycleState;
  draft: DraftRecord;
  claims: LinkClaims;
  action: string;
  root?: string;
  csrf: string;
  files: FileLink[];
  values: Values;
  errors: FieldError[];
}

export type ReviewView = DraftStepView<{ areaIds: string[]; comment: string }>;

function fileList(files: FileLink[]): SafeHtml {
  return html`<ul>${files.map((f) => html`<li><a href="${f.url}">${f.label}</a></li>`)}</ul>`;
}

export function reviewPage(t: Texts, v: ReviewView): string {
  const r = t.review;
  const { state, draft, errors } = v;
  const tz = state.timeZone;
  const labelOf = (path: string) => (path === 'areaIds' ? r.reopenLegend : path === 'comment' ? r.comment : path);
  const areaTitle = (id: string) => state.areas.find((a) => a.id === id)?.title ?? id;
  const areasBad = hasError(errors, 'areaIds');
  const body = html`<h1>${r.title(draft.version, state.year)}</h1>
<p>${r.intro(v.claims.name)}</p>
<p>${r.assembled(formatDateTime(draft.createdAt, tz))} ${r.status(t.draftStatus[draft.status])}${state.stageDueAt ? html` ${r.due(formatDateTime(state.stageDueAt, tz))}` : ''}</p>
${draft.changedAreas.length ? html`<p>${r.changed(draft.changedAreas.map(areaTitle).join('; '))}</p>` : ''}
${draft.status === 'changes-requested' ? html`<p class="notice">${r.changesRequested}</p>` : ''}
<h2>${r.downloads}</h2>
${fileList(v.files)}
<h2>${r.areasHeading}</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${r.areaColumns.area}</th><th scope="col">${r.areaColumns.paragraphs}</th><th scope="col">${r.areaColumns.status}</th><th scope="col" class="num">${r.areaColumns.revision}</th></tr></thead>
<tbody>${state.areas.map((a) => html`<tr><th scope="row">${a.title}</th><td>§${a.paragraphs.join(', §')}</td><td>${t.areaStatus[a.status]}</td><td class="num">${a.revision}</td></tr>`)}</tbody>
</table></div>
${errorSummary(r.errorSummary, errors, labelOf, t)}
<h2>${r.approveHeading}</h2>
<p>${r.approveText}</p>
<form method="post" action="${v.action}">
${hidden('_csrf', v.csrf)}
<div class="actions"><button type="submit" name="action" value="approve">${r.approve(draft.version)}</button></div>
</form>
<h2>${r.reopenHeading}</h2>
<p>${r.reopenText}</p>
<form method="post" action="${v.action}" novalidate>
${hidden('_csrf', v.csrf)}
<fieldset class="field checks${areasBad ? ' has-error' : ''}"${describedBy(areasBad ? errorId('areaIds') : undefined)}>
<legend>${r.reopenLegend}</legend>
${errorFor(t, errors, 'areaIds')}
${state.areas.map((a, i) => {
  const waived = a.status === 'waived';
  return html`<label><input type="checkbox" name="areaIds" value="${a.id}"${i === 0 ? html` id="${fieldId('areaIds')}"` : ''}${when(v.values.areaIds.includes(a.id), 'checked')}${when(waived, 'disabled')}> <span>${a.title}${waived ? html` <span class="muted">(${r.reopenWaived})</span>` : ''}</span></label>`;
})}
</fieldset>
${textArea(t, { path: 'comment', label: r.comment, value: v.values.comment, errors, maxlength: 5_000, required: true })}
<div class="actions"><button type="submit" name="action" value="reopen" class="warning">${r.reopen}</button></div>
</form>`;
  return layout(t, r.title(draft.version, state.year), body, v.root);
}

// ---------------------------------------------------------------------------------------------
// Sign-off (director)

export type SignOffView = DraftStepView<{ comment: string }>;

export function signOffPage(t: Texts, v: SignOffView): string {
  const s = t.signOff;
  const { state, draft, errors } = v;
  const tz = state.timeZone;
  const side = v.claims.director ?? 'eu';
  const other = side === 'eu' ? 'al' : 'eu';
  const otherDecision = state.decisions.find((d) => d.version === draft.version && d.director === other);
  const count = (a: AreaState, status: string) => a.contribution?.commitments.filter((c) => c.status === status).length ?? 0;
  const labelOf = (path: string) => (path === 'comment' ? s.comment : path);
  const body = html`<h1>${s.title(draft.version, state.year)}</h1>
<p>${s.intro(side, v.claims.name)}</p>
<h2>${s.summaryHeading}</h2>
<p>${s.summary(draft.version, formatDateTime(draft.createdAt, tz), state.areas.length)}${state.stageDueAt ? html` ${s.due(formatDateTime(state.stageDueAt, tz))}` : ''}</p>
<p>${otherDecision?.decision === 'approve' ? s.otherApproved(state.directors[other].name, formatDateTime(otherDecision.at, tz)) : s.otherPending(state.directors[other].name)}</p>
<h2>${s.downloads}</h2>
${fileList(v.files)}
<h2>${s.tableHeading}</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${s.tableColumns.area}</th><th scope="col">${s.tableColumns.input}</th><th scope="col" class="num">${s.tableColumns.achieved}</th><th scope="col" class="num">${s.tableColumns.ongoing}</th><th scope="col" class="num">${s.tableColumns.inProgress}</th><th scope="col" class="num">${s.tableColumns.notStarted}</th></tr></thead>
<tbody>${state.areas.map(
  (a) => html`<tr><th scope="row">${a.title}</th><td>${t.areaStatus[a.status]}</td><td class="num">${count(a, 'achieved')}</td><td class="num">${count(a, 'ongoing')}</td><td class="num">${count(a, 'in-progress')}</td><td class="num">${count(a, 'not-started')}</td></tr>`,
)}</tbody>
</table></div>
${errorSummary(s.errorSummary, errors, labelOf, t)}
<h2>${s.decisionHeading}</h2>
<form method="post" action="${v.action}" novalidate>
${hidden('_csrf', v.csrf)}
${textArea(t, { path: 'comment', label: s.comment, hint: s.commentHint, value: v.values.comment, errors, maxlength: 5_000 })}
<div class="actions">
<button type="submit" name="decision" value="approve">${s.approve(draft.version)}</button>
<button type="submit" name="decision" value="request-changes" class="warning">${s.requestChanges}</button>
</div>
</form>`;
  return layout(t, s.title(draft.version, state.year), body, v.root);
}

// ---------------------------------------------------------------------------------------------
// Result, expired link

export function resultPage(t: Texts, v: { recorded: string; next: string; at: Date | string; timeZone: string; jti: string; already?: { name: string }; root?: string }): string {
  const r = t.result;
  const title = v.already ? r.alreadyTitle : r.title;
  const when = formatDateTime(v.at, v.timeZone);
  return layout(
    t,
    title,
    html`<h1>${title}</h1>
<div class="${v.already ? 'notice' : 'panel-ok'}" role="status">
${v.already ? html`<p>${r.already(v.already.name, when)}</p>` : ''}
<h2>${r.recordedHeading}</h2>
<p>${v.recorded}</p>
${v.already ? '' : html`<p>${r.at(when)}</p>`}
</div>
<h2>${r.nextHeading}</h2>
<p>${v.next}</p>
<p class="muted">${r.again}</p>
<p class="muted code">${r.reference(v.jti)}</p>`,
    v.root,
  );
}

export function expiredPage(t: Texts, v: { claims: LinkClaims; timeZone: string; token: string; csrf?: string; closedOutcome?: string[]; root?: string }): string {
  const e = t.errors;
  const paragraphs: Interpolation[] = [e.expired(formatDateTime(new Date(v.claims.exp * 1000), v.timeZone)), t.nothingRecorded];
  let extra: SafeHtml;
  if (v.closedOutcome) {
    extra = html`<p>${e.freshStepClosed}</p>${v.closedOutcome.map((p) => html`<p>${p}</p>`)}`;
  } else if (v.csrf) {
    extra = html`<p>${e.freshOffer(maskEmail(v.claims.sub))}</p>
<form method="post" action="${v.root ?? ''}/fresh-link">
${hidden('_csrf', v.csrf)}${hidden('t', v.token)}
<div class="actions"><button type="submit" name="op" value="fresh-link">${e.freshButton}</button></div>
</form>`;
  } else {
    extra = html`<p>${e.freshUnavailable}</p>`;
  }
  return messagePage(t, e.expiredTitle, paragraphs, extra, v.root);
}

// ---------------------------------------------------------------------------------------------
// Outbox

export function outboxPage(t: Texts, mails: CapturedMail[], root = ''): string {
  const o = t.outbox;
  const body = html`<h1>${o.title}</h1>
<p>${o.intro}</p>
${mails.length === 0
  ? html`<p>${o.empty}</p>`
  : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${o.columns.received}</th><th scope="col">${o.columns.to}</th><th scope="col">${o.columns.subject}</th></tr></thead>
<tbody>${mails.map(
  (m) => html`<tr><td>${formatDateTime(m.receivedAt, 'UTC')}</td><td>${m.to.join(', ')}${m.cc?.length ? html`<br><span class="muted">${o.cc}: ${m.cc.join(', ')}</span>` : ''}</td><td><a href="${root}/outbox/${m.id}">${m.subject || '(no subject)'}</a>${m.attachments.length ? html` <span class="muted">(${o.attachments(m.attachments.length)})</span>` : ''}</td></tr>`,
)}</tbody>
</table></div>`}`;
  return layout(t, o.title, body, root);
}

export function mailPage(t: Texts, m: CapturedMail, root = ''): string {
  const o = t.outbox;
  const body = html`<p><a href="${root}/outbox">${o.back}</a></p>
<h1>${m.subject || '(no subject)'}</h1>
<dl class="meta">
<dt>${o.from}</dt><dd>${m.from}</dd>
<dt>${o.to}</dt><dd>${m.to.join(', ')}</dd>
${m.cc?.length ? html`<dt>${o.cc}</dt><dd>${m.cc.join(', ')}</dd>` : ''}
<dt>${o.received}</dt><dd>${formatDateTime(m.receivedAt, 'UTC')}</dd>
<dt>${o.messageId}</dt><dd class="code">${m.messageId}</dd>
</dl>
${m.attachments.length
  ? html`<h2>${o.attachmentsHeading}</h2><ul>${m.attachments.map((a, i) => html`<li><a href="${root}/outbox/${m.id}/attachments/${i}">${a.filename}</a> <span class="muted">(${a.contentType}, ${a.size} bytes)</span></li>`)}</ul>`
  : ''}
<h2>${o.textHeading}</h2>
<pre class="mail">${linkify(m.text)}</pre>
<p>${m.html ? html`<a href="${root}/outbox/${m.id}/html">${o.htmlVersion}</a> · ` : ''}<a href="${root}/outbox/${m.id}/raw">${o.raw}</a></p>`;
  return layout(t, m.subject || o.title, body, root);
}
