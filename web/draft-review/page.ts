/**
 * The coordinator's review of a draft: its downloads and areas, the written synthesis, approve for
 * sign-off, or reopen areas. The synthesis's fields and button belong to the page's form (the
 * reopening's, `form` attribute) though they stand above the approval: one form, so that the
 * language switch and a form shown again keep what was typed in every field.
 */
import { PAGE_FORM, describedBy, errorFor, errorId, errorSummary, fieldId, formNotice, hasError, hidden, textArea } from '../views/form-parts';
import { fileList, type DraftStepView } from '../views/draft-step';
import { inputAttachmentsBlock, type InputAttachmentsTexts } from '../views/input-attachments';
import { html, when } from '../views/html';
import { layout } from '../views/layout';
import { scrollTable } from '../views/tables';
import { roundCommentsBlock, type RoundCommentsTexts } from '../views/round-comments';
import { coordinatorRound } from '../../domain/rounds';
import type { draftReviewTexts } from './texts';
import { SYNTHESIS_MAX } from './synthesis';

export type ReviewPageTexts = RoundCommentsTexts & InputAttachmentsTexts & { review: ReturnType<typeof draftReviewTexts> };
export type ReviewView = DraftStepView<ReviewValues>;
/** What the review's form carries: the areas chosen and the comment of a reopening, the synthesis's two texts. */
export interface ReviewValues {
  areaIds: string[];
  comment: string;
  summary: string;
  attention: string;
}

/** The page, with the areas chosen and the comment typed kept in `values`, and `errors` next to their fields. */
export function reviewPage(t: ReviewPageTexts, v: ReviewView): string {
  const r = t.review;
  const { state, draft, errors } = v;
  const tz = state.timeZone;
  const labels: Record<string, string> = { areaIds: r.reopenLegend, comment: r.comment, summary: r.summary, attention: r.attention };
  const labelOf = (path: string) => labels[path] ?? path;
  const synthesis = draft.synthesis;
  const areaTitle = (id: string) => {
    const area = state.areas.find((a) => a.id === id);
    return area ? t.areaTitle(area) : id;
  };
  const areasBad = hasError(errors, 'areaIds');
  // The round this page offers a decision in: a form posted again in a later round is refused.
  const round = coordinatorRound(state.events, draft.version);
  const body = html`<h1>${r.title(draft.version, state.year)}</h1>
<p>${r.intro(v.claims.name)}</p>
<p>${r.assembled(t.dateTime(draft.createdAt, tz))} ${r.status(t.draftStatus[draft.status])}${state.stageDueAt ? html` ${r.due(t.dateTime(state.stageDueAt, tz))}` : ''}</p>
${draft.changedAreas.length ? html`<p>${r.changed(draft.changedAreas.map(areaTitle).join('; '))}</p>` : ''}
${draft.status === 'changes-requested' ? html`<p class="notice">${r.changesRequested}</p>` : ''}
${roundCommentsBlock(t, state)}
<h2>${r.downloads}</h2>
${fileList(v.files)}
${inputAttachmentsBlock(t, v.attachments)}
<h2>${r.areasHeading}</h2>
${scrollTable(t, html`<table>
<thead><tr><th scope="col">${r.areaColumns.area}</th><th scope="col">${r.areaColumns.paragraphs}</th><th scope="col">${r.areaColumns.status}</th><th scope="col" class="num">${r.areaColumns.revision}</th></tr></thead>
<tbody>${state.areas.map((a) => html`<tr><th scope="row">${t.areaTitle(a)}</th><td>§${a.paragraphs.join(', §')}</td><td>${t.areaStatus[a.status]}</td><td class="num">${a.revision}</td></tr>`)}</tbody>
</table>`)}
${formNotice(v.notice)}
${errorSummary(r.errorSummary, errors, labelOf, t)}
<h2 id="synthesis">${r.synthesisHeading}</h2>
<p>${r.synthesisText}</p>
<p class="muted">${synthesis ? r.synthesisCurrent(synthesis.byName, t.dateTime(synthesis.at, tz), synthesis.version) : r.synthesisNone}</p>
${textArea(t, { path: 'summary', label: r.summary, value: v.values.summary, errors, maxlength: SYNTHESIS_MAX, long: true, form: PAGE_FORM })}
${textArea(t, { path: 'attention', label: r.attention, value: v.values.attention, errors, maxlength: SYNTHESIS_MAX, long: true, form: PAGE_FORM })}
<div class="actions"><button type="submit" name="action" value="synthesis" form="${PAGE_FORM}">${r.saveSynthesis(draft.version)}</button></div>
<h2>${r.approveHeading}</h2>
<p>${r.approveText}</p>
<form method="post" action="${v.action}">
${hidden('_csrf', v.csrf)}${hidden('lang', t.lang)}${hidden('round', String(round))}
<div class="actions"><button type="submit" name="action" value="approve">${r.approve(draft.version)}</button></div>
</form>
<h2>${r.reopenHeading}</h2>
<p>${r.reopenText}</p>
<form method="post" action="${v.action}" id="${PAGE_FORM}" novalidate>
${hidden('_csrf', v.csrf)}${hidden('lang', t.lang)}${hidden('round', String(round))}${hidden('basis', synthesis?.at ?? '')}
<fieldset class="field checks${areasBad ? ' has-error' : ''}"${describedBy(areasBad ? errorId('areaIds') : undefined)}>
<legend>${r.reopenLegend}</legend>
${errorFor(t, errors, 'areaIds')}
${state.areas.map((a, i) => {
  const waived = a.status === 'waived';
  return html`<label><input type="checkbox" name="areaIds" value="${a.id}"${i === 0 ? html` id="${fieldId('areaIds')}"` : ''}${when(v.values.areaIds.includes(a.id), 'checked')}${when(waived, 'disabled')}> <span>${t.areaTitle(a)}${waived ? html` <span class="muted">(${r.reopenWaived})</span>` : ''}</span></label>`;
})}
</fieldset>
${textArea(t, { path: 'comment', label: r.comment, value: v.values.comment, errors, maxlength: 5_000, required: true })}
<div class="actions"><button type="submit" name="action" value="reopen" class="warning">${r.reopen}</button></div>
</form>`;
  return layout(t, r.title(draft.version, state.year), body, v.root, v.switcher);
}
