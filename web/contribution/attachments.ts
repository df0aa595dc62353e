/**
 * The attachments section of the input form (issue 12): the files attached so far, each with a
 * button to remove it, and a file chooser with an "Upload" button.
 *
 * Why the upload is a button of the input form, not a form of its own: a second <form> could not
 * carry what is typed in the first without a script (the pages have none, CSP `script-src 'none'`),
 * and an upload that reloads the page would lose the unsaved text. The "Upload" button posts the
 * same form to `/contribute/:token/attachments` as multipart (`formaction`, `formenctype`): every
 * typed field travels with the files and the form comes back with them, plus the new attachments.
 * The pending list travels the same way, as hidden fields `attachments.<i>.{name,key,sha256,bytes,type}`,
 * so a language switch, "more rows", a failed CSRF check, a refusal and "Save draft" (drafts.ts keeps
 * these fields) all keep it; the server checks each reference against the store before sending
 * the input (attachment-store.ts `attachmentProblems`), never trusting the hidden fields.
 */
import { ATTACHMENT_TYPES, ATTACHMENTS_MAX, type Attachment, type AttachmentExtension } from '../../domain/schemas';
import type { FieldError } from '../../domain/validation';
import { errorFor, fieldId, hidden } from '../views/form-parts';
import { html, type SafeHtml } from '../views/html';
import type { CommonTexts } from '../views/texts';
import type { AttachmentRefusal } from './attachment-store';
import type { attachmentsTexts } from './attachments-texts';

/** Form fields by name, as typed (./form.ts FormValues; not imported from there, which imports this module). */
type FormValues = Record<string, string>;

const PARTS = ['name', 'key', 'sha256', 'bytes', 'type'] as const;

/** The form field names of attachments: `attachments.<i>.<part>`. */
export const ATTACHMENT_FIELD = /^attachments\.(\d{1,2})\.(name|key|sha256|bytes|type)$/;

/** The field of the file chooser (a urlencoded post carries only the chosen names under it). */
export const FILE_FIELD = 'file';

/** An attachment as the form holds it: every part as typed text. */
export type AttachmentValues = Record<(typeof PARTS)[number], string>;

/** The form values of `list` (`attachments.0.name`, …). */
export function attachmentValues(list: readonly Pick<Attachment, 'name' | 'key' | 'sha256' | 'bytes' | 'type'>[]): FormValues {
  const values: FormValues = {};
  list.forEach((a, i) => {
    for (const p of PARTS) values[`attachments.${i}.${p}`] = String(a[p]);
  });
  return values;
}

/** The attachments among form `values`, in order of their index (gaps closed). */
export function attachmentList(values: FormValues): AttachmentValues[] {
  const byIndex = new Map<number, AttachmentValues>();
  for (const [name, value] of Object.entries(values)) {
    const m = ATTACHMENT_FIELD.exec(name);
    if (!m) continue;
    const i = Number(m[1]);
    const entry = byIndex.get(i) ?? { name: '', key: '', sha256: '', bytes: '', type: '' };
    entry[m[2] as (typeof PARTS)[number]] = value;
    byIndex.set(i, entry);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, e]) => e);
}

/** The attachment fields a posted body carries (as read exactly: form-body.ts names what was not). */
export function postedAttachmentValues(body: unknown, field: (body: unknown, name: string) => string): FormValues {
  const values: FormValues = {};
  for (const name of Object.keys(body && typeof body === 'object' ? body : {})) if (ATTACHMENT_FIELD.test(name)) values[name] = field(body, name);
  return values;
}

/** `values` with their attachments replaced by `list`, renumbered from 0. */
export function withAttachments(values: FormValues, list: readonly AttachmentValues[]): FormValues {
  const rest = Object.fromEntries(Object.entries(values).filter(([name]) => !ATTACHMENT_FIELD.test(name)));
  return { ...rest, ...attachmentValues(list.map((a) => ({ ...a, bytes: a.bytes as unknown as number }))) };
}

/** The attachments of the input the form describes, for the schema (`bytes` a number; a non-number is the schema's error). */
export function attachmentsFrom(values: FormValues): { attachments?: Attachment[] } {
  const list = attachmentList(values);
  if (list.length === 0) return {};
  return { attachments: list.map((a) => ({ name: a.name, key: a.key, sha256: a.sha256, bytes: /^\d{1,10}$/.test(a.bytes) ? Number(a.bytes) : Number.NaN, type: a.type })) };
}

/** The `op` value of the button that removes attachment `i`, and the index it names (undefined for any other op). */
export const REMOVE_OP = 'remove-attachment.';
export function removedIndex(op: string): number | undefined {
  const m = /^remove-attachment\.(\d{1,2})$/.exec(op);
  return m ? Number(m[1]) : undefined;
}

/** A size for people: `850 KB`, `1.4 MB`. */
export function sizeLabel(bytes: number, lang: string): string {
  const locale = lang === 'sq' ? 'sq' : 'en-GB';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} KB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toLocaleString(locale)} MB`;
}

/** The short name of a MIME type of ATTACHMENT_TYPES (`PDF`, `Word`, …), or the type itself. */
export function typeLabel(type: string): string {
  const ext = (Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[]).find((e) => ATTACHMENT_TYPES[e] === type);
  return ext ? TYPE_NAMES[ext] : type;
}
const TYPE_NAMES: Record<AttachmentExtension, string> = { pdf: 'PDF', docx: 'Word', xlsx: 'Excel', odt: 'ODT', ods: 'ODS', png: 'PNG', jpg: 'JPEG' };

export type AttachmentsTexts = ReturnType<typeof attachmentsTexts>;

/** The sentence that says why a file was refused, naming it. */
export function refusalText(a: AttachmentsTexts, r: AttachmentRefusal, lang: string): string {
  switch (r.reason) {
    case 'type':
      return a.refusedType(r.name, r.found ?? '');
    case 'mismatch':
      return a.refusedMismatch(r.name, TYPE_NAMES[r.found as AttachmentExtension] ?? r.found);
    case 'size':
      return a.refusedSize(r.name, sizeLabel(r.max, lang));
    case 'empty':
      return a.refusedEmpty(r.name);
    case 'name':
      return a.refusedName(r.name);
    case 'count':
      return a.refusedCount(r.name, r.max);
  }
}

/** What the section needs of the page. */
export interface AttachmentsView {
  values: FormValues;
  errors: FieldError[];
  /** Path the input form posts to; the upload goes to `<action>/attachments`. */
  action: string;
  maxBytes: number;
}

/**
 * The attachments section, inside the input form: the list (name, type, size, SHA-256 short, a
 * Remove button), the errors of the files refused (`attachments.file`) or not found in the store
 * (`attachments.<i>`), the file chooser and the Upload button.
 */
export function attachmentsSection(t: CommonTexts & { attachments: AttachmentsTexts; lang: string }, v: AttachmentsView): SafeHtml {
  const a = t.attachments;
  const list = attachmentList(v.values);
  const accept = ['.pdf', '.docx', '.xlsx', '.odt', '.ods', '.png', '.jpg', '.jpeg'].join(',');
  const full = list.length >= ATTACHMENTS_MAX;
  return html`<h2 id="${fieldId('attachments')}" tabindex="-1">${a.heading}</h2>
<p class="hint">${a.hint(sizeLabel(v.maxBytes, t.lang), ATTACHMENTS_MAX)}</p>
${errorFor(t, v.errors, 'attachments')}
${list.length
  ? html`<ul class="attachments">${list.map((x, i) => {
      const bytes = Number(x.bytes);
      return html`<li id="${fieldId(`attachments.${i}`)}">${PARTS.map((p) => hidden(`attachments.${i}.${p}`, x[p]))}<strong>${x.name}</strong> — ${typeLabel(x.type)}, ${Number.isFinite(bytes) ? sizeLabel(bytes, t.lang) : x.bytes}, <span class="code">SHA-256 ${x.sha256.slice(0, 12)}…</span>
${v.errors.filter((e) => e.path === `attachments.${i}` || e.path.startsWith(`attachments.${i}.`)).slice(0, 1).map((e) => html`<p class="error-message"><span>${t.errorPrefix}</span> ${t.fieldMessage(e.message)}</p>`)}
<button type="submit" name="op" value="${REMOVE_OP}${i}" class="secondary">${a.remove(x.name)}</button></li>`;
    })}</ul>`
  : html`<p class="muted">${a.none}</p>`}
<div class="field${v.errors.some((e) => e.path === `attachments.${FILE_FIELD}`) ? ' has-error' : ''}">
<label for="${fieldId(`attachments.${FILE_FIELD}`)}">${a.choose}</label>
${errorFor(t, v.errors, `attachments.${FILE_FIELD}`)}
<input type="file" id="${fieldId(`attachments.${FILE_FIELD}`)}" name="${FILE_FIELD}" multiple accept="${accept}"${full ? html` disabled` : ''}>
</div>
<div class="actions"><button type="submit" name="op" value="attach" formaction="${v.action}/attachments" formenctype="multipart/form-data" class="secondary"${full ? html` disabled` : ''}>${a.upload}</button><span class="hint">${a.uploadHint}</span></div>`;
}

/** The label of an attachments field in the error summary (`attachments`, `attachments.file`, `attachments.2…`), or undefined for any other field. */
export function attachmentFieldLabel(t: { attachments: AttachmentsTexts }, path: string): string | undefined {
  if (path === 'attachments' || path === `attachments.${FILE_FIELD}`) return t.attachments.heading;
  const m = /^attachments\.(\d{1,2})(?:\.|$)/.exec(path);
  return m ? t.attachments.label(Number(m[1]) + 1) : undefined;
}
