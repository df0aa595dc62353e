/** A director's sign-off of a draft: a summary, the other director's decision, the downloads, and the two buttons. */
import type { AreaState } from '../../domain/state';
import { PAGE_FORM, errorSummary, formNotice, hidden, textArea } from '../views/form-parts';
import { fileList, type DraftStepView } from '../views/draft-step';
import { inputAttachmentsBlock, type InputAttachmentsTexts } from '../views/input-attachments';
import { html } from '../views/html';
import { layout } from '../views/layout';
import { scrollTable } from '../views/tables';
import { roundCommentsBlock, type RoundCommentsTexts } from '../views/round-comments';
import type { signOffTexts } from './texts';
import { reportedStatuses } from '../../domain/contribution-ref';
import { synthesisPartsHtml } from '../views/synthesis';

export type SignOffPageTexts = RoundCommentsTexts & InputAttachmentsTexts & { signOff: ReturnType<typeof signOffTexts> };
export type SignOffView = DraftStepView<{ comment: string }>;

/** The page, with the comment typed kept in `values`, and `errors` next to the comment. */
export function signOffPage(t: SignOffPageTexts, v: SignOffView): string {
  const s = t.signOff;
  const { state, draft, errors } = v;
  const tz = state.timeZone;
  const side = v.claims.director ?? 'eu';
  const other = side === 'eu' ? 'al' : 'eu';
  const otherDecision = state.decisions.find((d) => d.version === draft.version && d.director === other);
  const count = (a: AreaState, status: string) => reportedStatuses(a)?.filter((c) => c.status === status).length ?? 0;
  const labelOf = (path: string) => (path === 'comment' ? s.comment : path);
  const body = html`<h1>${s.title(draft.version, state.year)}</h1>
<p>${s.intro(side, v.claims.name)}</p>
${t.lang !== 'en' ? html`<p class="notice">${s.reportLanguage}</p>` : ''}
<h2>${s.summaryHeading}</h2>
<p>${s.summary(draft.version, t.dateTime(draft.createdAt, tz), state.areas.length)}${state.stageDueAt ? html` ${s.due(t.dateTime(state.stageDueAt, tz))}` : ''}</p>
<p>${otherDecision?.decision === 'approve' ? s.otherApproved(state.directors[other].name, t.dateTime(otherDecision.at, tz)) : s.otherPending(state.directors[other].name)}</p>
<h2>${s.synthesisHeading}</h2>
${draft.synthesis
  ? html`<p class="muted">${s.synthesisBy(draft.synthesis.byName, t.dateTime(draft.synthesis.at, tz), draft.synthesis.version)}</p>
${synthesisPartsHtml(draft.synthesis, { summary: s.synthesisSummary, attention: s.synthesisAttention })}`
  : html`<p class="muted">${s.synthesisNone}</p>`}
${roundCommentsBlock(t, state)}
<h2>${s.downloads}</h2>
${fileList(v.files)}
${inputAttachmentsBlock(t, v.attachments)}
<h2>${s.tableHeading}</h2>
${scrollTable(t, html`<table>
<thead><tr><th scope="col">${s.tableColumns.area}</th><th scope="col">${s.tableColumns.input}</th><th scope="col" class="num">${s.tableColumns.achieved}</th><th scope="col" class="num">${s.tableColumns.ongoing}</th><th scope="col" class="num">${s.tableColumns.inProgress}</th><th scope="col" class="num">${s.tableColumns.notStarted}</th></tr></thead>
<tbody>${state.areas.map(
  (a) => html`<tr><th scope="row">${t.areaTitle(a)}</th><td>${t.areaStatus[a.status]}</td><td class="num">${count(a, 'achieved')}</td><td class="num">${count(a, 'ongoing')}</td><td class="num">${count(a, 'in-progress')}</td><td class="num">${count(a, 'not-started')}</td></tr>`,
)}</tbody>
</table>`)}
${formNotice(v.notice)}
${errorSummary(s.errorSummary, errors, labelOf, t)}
<h2>${s.decisionHeading}</h2>
<form method="post" action="${v.action}" id="${PAGE_FORM}" novalidate>
${hidden('_csrf', v.csrf)}${hidden('lang', t.lang)}
${textArea(t, { path: 'comment', label: s.comment, hint: s.commentHint, value: v.values.comment, errors, maxlength: 5_000 })}
<div class="actions">
<button type="submit" name="decision" value="approve">${s.approve(draft.version)}</button>
<button type="submit" name="decision" value="request-changes" class="warning">${s.requestChanges}</button>
</div>
</form>`;
  return layout(t, s.title(draft.version, state.year), body, v.root, v.switcher);
}
