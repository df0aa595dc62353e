/**
 * The parts of a form: text inputs, text areas, selects, radios, hidden fields, and the error
 * summary. Each field has a label; an error is shown next to its field and tied to it with
 * aria-describedby, and the form keeps what was typed. Field names are the dotted paths the
 * validation errors name (domain/validation.ts), so each error lands next to its own field.
 */
import type { FieldError } from '../../domain/validation';
import { html, when, type SafeHtml } from './html';
import type { CommonTexts } from './texts';

/** The id of a page's form whose fields a language switch must keep (`<form id>`, `<button form>`). */
export const PAGE_FORM = 'page-form';

/** One value from a parsed form body: the first when a name is repeated; '' when absent. */
export function field(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : '';
  return typeof v === 'string' ? v : '';
}

/** Every value of a repeated name (checkboxes). */
export function fields(body: unknown, name: string): string[] {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/** The id of a form field in the page: `f-commitments-2-status`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** The id of a field's error message, for aria-describedby. */
export function errorId(path: string): string {
  return `e-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** The error message of the field at `path`, if `errors` name it, worded as a sentence. */
export function errorFor(t: CommonTexts, errors: FieldError[], path: string, value?: string): SafeHtml | undefined {
  const e = errors.find((x) => x.path === path);
  return e ? html`<p class="error-message" id="${errorId(path)}"><span>${t.errorPrefix}</span> ${t.fieldMessage(e.message, value)}</p>` : undefined;
}

/** The `aria-describedby` attribute for the ids given (hint, error); nothing when there are none. */
export function describedBy(...ids: (string | undefined)[]): SafeHtml {
  const list = ids.filter((x): x is string => !!x);
  return list.length ? html` aria-describedby="${list.join(' ')}"` : html``;
}

/** True when `errors` name the field at `path`. */
export function hasError(errors: FieldError[], path: string): boolean {
  return errors.some((e) => e.path === path);
}

/** A labelled text or date input, with its hint and error. */
export function textInput(t: CommonTexts, o: { path: string; label: string; value: string; errors: FieldError[]; hint?: string; type?: 'text' | 'date'; maxlength?: number; required?: boolean }): SafeHtml {
  const id = fieldId(o.path);
  const bad = hasError(o.errors, o.path);
  const hintId = o.hint ? `${id}-hint` : undefined;
  return html`<div class="field${bad ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>${o.hint ? html`<span class="hint" id="${hintId}">${o.hint}</span>` : ''}
${errorFor(t, o.errors, o.path, o.value)}
<input type="${o.type ?? 'text'}" id="${id}" name="${o.path}" value="${o.value}"${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${when(o.required, 'required')}${when(bad, 'aria-invalid="true"')}${describedBy(hintId, bad ? errorId(o.path) : undefined)}>
</div>`;
}

/** A labelled text area, with its hint and error; the text typed is kept as it was. */
export function textArea(
  t: CommonTexts,
  o: { path: string; label: string; value: string; errors: FieldError[]; hint?: string; long?: boolean; maxlength?: number; required?: boolean; /** The id of the form it belongs to, when it stands outside it. */ form?: string },
): SafeHtml {
  const id = fieldId(o.path);
  const bad = hasError(o.errors, o.path);
  const hintId = o.hint ? `${id}-hint` : undefined;
  return html`<div class="field${bad ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>${o.hint ? html`<span class="hint" id="${hintId}">${o.hint}</span>` : ''}
${errorFor(t, o.errors, o.path, o.value)}
<textarea id="${id}" name="${o.path}"${o.form ? html` form="${o.form}"` : ''}${o.long ? html` class="long"` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${when(o.required, 'required')}${when(bad, 'aria-invalid="true"')}${describedBy(hintId, bad ? errorId(o.path) : undefined)}>
${o.value}</textarea>
</div>`;
}

/** A labelled select of `[value, label]` options, with its error. */
export function select(t: CommonTexts, o: { path: string; label: string; value: string; options: [string, string][]; errors: FieldError[] }): SafeHtml {
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

/** A fieldset of radio buttons of `[value, label]` options, with its legend and error. */
export function radios(t: CommonTexts, o: { path: string; legend: string; value: string; options: [string, string][]; errors: FieldError[] }): SafeHtml {
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
export function errorSummary(title: string, errors: FieldError[], labelOf: (path: string) => string, t: CommonTexts): SafeHtml | undefined {
  if (errors.length === 0) return undefined;
  return html`<div class="summary-box" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${title}</h2>
<ul>${errors.map((e) => html`<li><a href="#${fieldId(e.path)}">${labelOf(e.path)}: ${t.fieldMessage(e.message)}</a></li>`)}</ul>
</div>`;
}

/** The notice above a form shown again without recording anything (its CSRF check failed): what happened and what to do. */
export function formNotice(notice: { title: string; text: string } | undefined): SafeHtml | undefined {
  if (!notice) return undefined;
  return html`<div class="summary-box" role="alert" tabindex="-1"><h2>${notice.title}</h2><p>${notice.text}</p></div>`;
}

/** A hidden field (CSRF token, render id, rows, the page's language). */
export function hidden(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}
