/** The input form of an area (an area owner's step while collecting), with its errors and what was typed. */
import type { AreaState } from '../../domain/state';
import type { FieldError } from '../../domain/validation';
import type { LinkClaims } from '../../links';
import { errorSummary, hidden, radios, select, textArea, textInput } from '../views/form-parts';
import { html } from '../views/html';
import { layout } from '../views/layout';
import { formatDateTime, type CommonTexts } from '../views/texts';
import { BLANK_ROWS, filledRows, type FormValues } from './form';
import type { contributionTexts } from './texts';

export type ContributionPageTexts = CommonTexts & { contribution: typeof contributionTexts };

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

/** The form, prefilled with `values`; `errors` next to their fields and summed up at the top. */
export function contributionPage(t: ContributionPageTexts, v: ContributionView): string {
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
