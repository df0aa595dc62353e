/**
 * The files attached to the inputs of a draft, on the pages of the people who decide on it (the
 * coordinator's review, a director's sign-off): each with a signed file link (web/files/) that
 * downloads it under the name its owner gave it.
 *
 * Why here and not only in the draft's HTML: the HTML may be written by a render thread that cannot
 * sign, and then links the secretariat's route behind the dashboard's credentials, which a director
 * does not have; and a signed link written into a file expires with it. The page signs its links
 * when it is shown.
 */
import type { AreaState } from '../../domain/state';
import type { AttachmentsTexts } from '../contribution/attachments';
import { sizeLabel, typeLabel } from '../contribution/attachments';
import { html, type SafeHtml } from './html';
import type { CommonTexts } from './texts';

/** One attachment of an area's input on record, with its signed download link. */
export interface InputAttachmentLink {
  area: Pick<AreaState, 'id' | 'title' | 'titleSq'>;
  /** The name the owner gave the file, kept exactly (Albanian letters included). */
  name: string;
  /** MIME type, found from the content when it was uploaded. */
  type: string;
  bytes: number;
  sha256: string;
  /** The signed file link, `&name=` included. */
  url: string;
}

/** The attachments of a draft's inputs, and the areas whose input could not be read just now. */
export interface InputAttachments {
  links: InputAttachmentLink[];
  unreadable: Pick<AreaState, 'id' | 'title' | 'titleSq'>[];
}

/** What the list needs of the page's texts. */
export type InputAttachmentsTexts = Pick<CommonTexts, 'areaTitle' | 'list'> & { attachments: AttachmentsTexts; lang: string };

/** The section: a heading, then one line per file (area, linked name, type, size, SHA-256's start), or why there is none. */
export function inputAttachmentsBlock(t: InputAttachmentsTexts, v: InputAttachments): SafeHtml {
  const a = t.attachments;
  return html`<h2>${a.inputsHeading}</h2>
${v.links.length
  ? html`<p class="hint">${a.inputsIntro}</p>
<ul class="attachments">${v.links.map(
  (x) => html`<li>${t.areaTitle(x.area)}: <a href="${x.url}">${x.name}</a> — ${typeLabel(x.type)}, ${sizeLabel(x.bytes, t.lang)}, <span class="code">SHA-256 ${x.sha256.slice(0, 12)}…</span></li>`,
)}</ul>`
  : html`<p class="muted">${a.inputsNone}</p>`}
${v.unreadable.length ? html`<p class="notice">${a.inputsUnreadable(t.list(v.unreadable.map((x) => t.areaTitle(x))))}</p>` : ''}`;
}
