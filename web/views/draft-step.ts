/**
 * What the pages on one draft version share (the coordinator's review, a director's sign-off):
 * the view they render and the list of the draft's downloads.
 */
import type { DraftRecord, ReviewCycleState } from '../../domain/state';
import type { FieldError } from '../../domain/validation';
import { html, type SafeHtml } from './html';
import type { InputAttachments } from './input-attachments';
import type { LanguageSwitch } from './layout';
import type { CommonTexts } from './texts';

/** A download of the draft: its label and its signed file link. */
export interface FileLink {
  label: string;
  url: string;
}

/** What a page on one draft version shows (draft review, sign-off), with the form's `values`. */
export interface DraftStepView<Values> {
  state: ReviewCycleState;
  draft: DraftRecord;
  /** The link's recipient and, for a sign-off, the director's side. */
  claims: { name: string; director?: 'eu' | 'al' };
  /** Path the forms post to. */
  action: string;
  root?: string;
  csrf: string;
  files: FileLink[];
  /** The files attached to the draft's inputs, with signed links (web/views/input-attachments.ts). */
  attachments: InputAttachments;
  values: Values;
  errors: FieldError[];
  /** The header's switch to the other language (a button of the page's form). */
  switcher?: LanguageSwitch;
  /** Above the form: why it is shown again with what was posted (its CSRF check failed). */
  notice?: { title: string; text: string };
}

/** The list of a draft's downloads. */
export function fileList(files: FileLink[]): SafeHtml {
  return html`<ul>${files.map((f) => html`<li><a href="${f.url}">${f.label}</a></li>`)}</ul>`;
}

/**
 * The downloads of draft `version` people read (Word, web page, changes, Markdown, then the
 * Albanian summary), in that order, each with a signed file link.
 */
export function draftFiles(t: CommonTexts, state: ReviewCycleState, version: number, fileUrl: (key: string) => string | undefined): FileLink[] {
  const draft = state.drafts.find((d) => d.version === version);
  const order = ['docx', 'pdf', 'html', 'changes-html', 'md', 'summary-docx', 'summary-html'];
  return (draft?.files ?? [])
    .filter((f) => order.includes(f.format))
    .sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format))
    .flatMap((f) => {
      const url = fileUrl(f.key);
      return url ? [{ label: t.fileLabel(f.format, f.key.slice(f.key.lastIndexOf('/') + 1)), url }] : [];
    });
}
