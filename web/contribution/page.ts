/**
 * The input form of an area (an area owner's step while collecting), with its errors and what was
 * typed, in the reader's language. The Partnership's own words stay one click away: each
 * commitment's `<details>` holds the text of the Partnership (English, the signed text) and, for a
 * reader of a translation, the English original of the area's title and the commitment's wording.
 */
import type { AreaState } from '../../domain/state';
import type { FieldError } from '../../domain/validation';
import type { LinkClaims } from '../../links';
import { PAGE_FORM, errorFor, errorSummary, fieldId, formNotice, hidden, radios, select, textArea, textInput } from '../views/form-parts';
import { html } from '../views/html';
import { layout, type LanguageSwitch } from '../views/layout';
import { reopeningNotice, type RoundCommentsTexts } from '../views/round-comments';
import { BLANK_ROWS, filledRows, type FormValues } from './form';
import { CONTRIBUTION_LIMITS } from './limits';
import type { draftsTexts } from './drafts-texts';
import type { contributionTexts } from './texts';
import { attachmentFieldLabel, attachmentsSection, type AttachmentsTexts } from './attachments';
import { attachmentMaxBytes } from './attachment-store';
import { followUpLabel } from './follow-up';
import { followUpSection } from './follow-up-section';
import type { followUpTexts } from './follow-up-texts';
import type { LastCycleOfArea } from '../../activities/report/across-cycles/record';

export type ContributionPageTexts = RoundCommentsTexts & { contribution: ReturnType<typeof contributionTexts>; drafts: ReturnType<typeof draftsTexts>; attachments: AttachmentsTexts; followUp: ReturnType<typeof followUpTexts> };

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
  /** Deliverable rows to show (at least the filled ones plus BLANK_ROWS, unless `keepRows`). */
  rows?: number;
  /**
   * Show exactly `rows` rows (at least the filled ones): the same form shown again as it was
   * posted (a language switch, a failed CSRF check), which must neither gain nor lose a row.
   */
  keepRows?: boolean;
  errors: FieldError[];
  /** The header's switch to the other language (a button of this form). */
  switcher?: LanguageSwitch;
  /** Above the form: why it is shown again with what was posted (its CSRF check failed). */
  notice?: { title: string; text: string };
  /** Above the form, for information (role=status): a draft saved, or the form filled from one (./saved-drafts.ts). */
  info?: { title: string; text: string };
  /** What the cycle before this one recorded of the area (./follow-up.ts); absent in a first cycle. */
  lastCycle?: LastCycleOfArea;
}

/** The label of the form's field at `path` (`commitments.2.status`, `deliverables.0.title`, `narrative`, …), as the error summary and an expired link's page name it. */
export function fieldLabel(t: ContributionPageTexts, area: Pick<AreaState, 'commitments'>, path: string): string {
  const c = t.contribution;
  const m = /^commitments\.(\d+)\.(status|comment)$/.exec(path);
  if (m) {
    const commitment = area.commitments[Number(m[1])];
    return `${commitment ? `§${commitment.paragraph} ${t.commitmentWording(commitment)}` : path} — ${m[2] === 'status' ? c.status : c.comment}`;
  }
  const d = /^deliverables\.(\d+)\.(title|status|date|description)$/.exec(path);
  if (d) {
    const names: Record<string, string> = { title: c.deliverableTitle, status: c.deliverableStatus, date: c.deliverableDate, description: c.deliverableDescription };
    return `${c.deliverableLegend(Number(d[1]) + 1)} — ${names[d[2]!]}`;
  }
  return ({ narrative: c.narrative, nextSteps: c.nextSteps, deliverables: c.deliverablesHeading } as Record<string, string>)[path] ?? followUpLabel(t, path) ?? attachmentFieldLabel(t, path) ?? path;
}

/** The form, prefilled with `values`; `errors` next to their fields and summed up at the top. */
export function contributionPage(t: ContributionPageTexts, v: ContributionView): string {
  const c = t.contribution;
  const { area, values, errors } = v;
  const translated = t.lang !== 'en';
  const title = t.areaTitle(area);
  const rows = v.keepRows && v.rows ? Math.max(v.rows ?? 0, filledRows(values)) : Math.max(v.rows ?? 0, filledRows(values) + BLANK_ROWS);
  const val = (path: string) => values[path] ?? '';
  const statusOptions = Object.entries(t.commitmentStatus) as [string, string][];
  const deliverableOptions = Object.entries(t.deliverableStatus) as [string, string][];

  const labelOf = (path: string): string => fieldLabel(t, area, path);

  const last = (area.contribution || area.input) && area.submittedAt
    ? c.lastSubmission(area.submittedBy?.name ?? area.submittedBy?.email ?? '', t.dateTime(area.submittedAt, v.timeZone), area.revision)
    : c.nothingYet;

  const body = html`<h1>${c.title(title)}</h1>
${translated && title !== area.title ? html`<p class="muted" lang="en">${area.title}</p>` : ''}
<p>${c.intro(v.year, v.claims.side ?? 'eu', v.claims.name)}</p>
<p>${c.paragraphs(area.paragraphs)}. ${c.due(t.dateTime(area.dueAt, v.timeZone))}</p>
${reopeningNotice(t, area, v.timeZone)}
<p class="muted">${last}</p>
${formNotice(v.notice)}
${v.info ? html`<div class="notice" role="status"><p><strong>${v.info.title}</strong></p><p>${v.info.text}</p></div>` : ''}
${errorSummary(c.errorSummary, errors, labelOf, t)}
<form method="post" action="${v.action}" id="${PAGE_FORM}" novalidate>
${hidden('_csrf', v.csrf)}${hidden('rid', v.rid)}${hidden('rows', String(rows))}${hidden('lang', t.lang)}
${followUpSection(t, v.lastCycle, values, errors)}
<h2>${c.commitmentsHeading}</h2>
<p class="hint">${c.commitmentsHint}</p>
${area.commitments.map(
  (commitment, i) => html`<fieldset>
<legend>${c.commitmentLegend(commitment.paragraph, t.commitmentWording(commitment))}</legend>
${translated
  ? html`<details><summary>${c.originalSummary}</summary><div lang="en"><p>${c.originalArea(area.title)}</p><p>${c.originalWording(commitment.wording)}</p><blockquote>${commitment.quote}</blockquote></div></details>`
  : html`<details><summary>${c.quoteSummary}</summary><blockquote lang="en">${commitment.quote}</blockquote></details>`}
${radios(t, { path: `commitments.${i}.status`, legend: c.status, value: val(`commitments.${i}.status`), options: statusOptions, errors })}
${textArea(t, { path: `commitments.${i}.comment`, label: c.comment, value: val(`commitments.${i}.comment`), errors, maxlength: CONTRIBUTION_LIMITS.commitmentComment })}
</fieldset>`,
)}
<h2>${c.narrativeHeading}</h2>
${textArea(t, { path: 'narrative', label: c.narrative, hint: c.narrativeHint, value: val('narrative'), errors, long: true, maxlength: CONTRIBUTION_LIMITS.narrative, required: true })}
${textArea(t, { path: 'nextSteps', label: c.nextSteps, hint: c.nextStepsHint, value: val('nextSteps'), errors, maxlength: CONTRIBUTION_LIMITS.nextSteps })}
<h2 id="${fieldId('deliverables')}" tabindex="-1">${c.deliverablesHeading}</h2>
<p class="hint">${c.deliverablesHint}</p>
${errorFor(t, errors, 'deliverables')}
${Array.from({ length: rows }, (_x, j) => {
  const p = (name: string) => `deliverables.${j}.${name}`;
  return html`<fieldset>
<legend>${c.deliverableLegend(j + 1)}</legend>
${textInput(t, { path: p('title'), label: c.deliverableTitle, value: val(p('title')), errors, maxlength: CONTRIBUTION_LIMITS.deliverableTitle })}
${select(t, { path: p('status'), label: c.deliverableStatus, value: val(p('status')) || 'planned', options: deliverableOptions, errors })}
${textInput(t, { path: p('date'), label: c.deliverableDate, value: val(p('date')), errors, type: 'date' })}
${textArea(t, { path: p('description'), label: c.deliverableDescription, value: val(p('description')), errors, maxlength: CONTRIBUTION_LIMITS.deliverableDescription })}
</fieldset>`;
})}
<div class="actions"><button type="submit" name="op" value="add-rows" class="secondary">${c.addRows}</button></div>
${attachmentsSection(t, { values, errors, action: v.action, maxBytes: attachmentMaxBytes() })}
<div class="actions"><button type="submit" name="op" value="submit">${c.submit}</button><button type="submit" name="op" value="save-draft" class="secondary">${t.drafts.save}</button><span class="hint">${c.submitHint} ${t.drafts.saveHint}</span></div>
</form>`;
  return layout(t, c.title(title), body, v.root, v.switcher);
}
