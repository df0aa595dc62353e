/**
 * The markup of the follow-up section of the input form (./follow-up.ts says what it asks and where
 * last cycle's record comes from).
 */
import type { LastCycleOfArea } from '../../activities/report/across-cycles/record';
import { FollowUpOutcome } from '../../domain/schemas';
import type { FieldError } from '../../domain/validation';
import { radios, textArea } from '../views/form-parts';
import { html, type SafeHtml } from '../views/html';
import type { CommonTexts } from '../views/texts';
import type { FormValues } from './form';
import type { followUpTexts } from './follow-up-texts';
import { CONTRIBUTION_LIMITS } from './limits';

type SectionTexts = CommonTexts & { followUp: ReturnType<typeof followUpTexts> };

/** Blank-line paragraphs, line breaks kept, every character as typed (escaped by `html`). */
function proseOf(text: string): SafeHtml[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => html`<p>${p.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}</p>`);
}

/**
 * The section, above the commitments: last cycle's statuses (a table), its next steps, and the
 * outcome and comment fields; nothing when `last` is undefined (a first cycle).
 */
export function followUpSection(t: SectionTexts, last: LastCycleOfArea | undefined, values: FormValues, errors: FieldError[]): SafeHtml | '' {
  if (!last) return '';
  const f = t.followUp;
  const y = last.year;
  const statusOf = (s: string | undefined) => (s ? (t.commitmentStatus as Record<string, string>)[s] ?? s : f.notReported);
  const wording = (c: LastCycleOfArea['commitments'][number]) => (t.lang === 'sq' && c.wordingSq ? c.wordingSq : c.wording);
  const nextSteps =
    last.areaStatus === 'waived' ? html`<p class="muted">${f.waived(y)}</p>`
    : last.inputUnreadable ? html`<p class="muted">${f.unreadable(y)}</p>`
    : last.nextSteps.trim() ? html`<blockquote class="follow-up-next-steps">${proseOf(last.nextSteps)}</blockquote>`
    : html`<p class="muted">${f.noNextSteps(y)}</p>`;
  const outcomes = FollowUpOutcome.options.map((o): [string, string] => [o, f.outcomes[o]]);
  return html`<section class="follow-up" aria-labelledby="follow-up-h">
<h2 id="follow-up-h">${f.heading(y)}</h2>
<p class="hint">${f.intro(y)}</p>
<h3>${f.statusesHeading(y)}</h3>
<div class="table-wrap"><table class="stack follow-up-statuses">
<thead><tr><th scope="col">${f.columns.paragraph}</th><th scope="col">${f.columns.commitment}</th><th scope="col">${f.columns.status(y)}</th></tr></thead>
<tbody>${last.commitments.map(
    (c) => html`<tr><td data-label="${f.columns.paragraph}">§${c.paragraph}</td><td data-label="${f.columns.commitment}">${wording(c)}</td><td data-label="${f.columns.status(y)}" data-status="${c.status ?? 'not-reported'}">${statusOf(c.status)}</td></tr>`,
  )}</tbody>
</table></div>
<h3>${f.nextStepsHeading(y)}</h3>
${nextSteps}
${radios(t, { path: 'followUp.outcome', legend: f.outcome, value: values['followUp.outcome'] ?? '', options: outcomes, errors })}
${textArea(t, { path: 'followUp.comment', label: f.comment, hint: f.commentHint, value: values['followUp.comment'] ?? '', errors, maxlength: CONTRIBUTION_LIMITS.followUpComment })}
</section>`;
}
