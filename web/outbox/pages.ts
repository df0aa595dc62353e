/** The outbox's pages: the list of captured mails and one mail (its text with clickable links, attachments, raw). */
import type { CapturedMail } from '../../infra/smtp-capture';
import { html, linkify } from '../views/html';
import { layout, type LanguageSwitch } from '../views/layout';
import type { CommonTexts } from '../views/texts';
import type { outboxTexts } from './texts';

export type OutboxPageTexts = CommonTexts & { outbox: ReturnType<typeof outboxTexts> };

/** The captured mails, newest first (as `mails` come), each linking to its page, received times short in `timeZone` (IANA, named once in the column's heading); on a phone each mail is a card, its link always in view. */
export function outboxPage(t: OutboxPageTexts, mails: CapturedMail[], timeZone: string, root = '', switcher?: LanguageSwitch): string {
  const o = t.outbox;
  const body = html`<h1>${o.title}</h1>
<p>${o.intro}</p>
${mails.length === 0
  ? html`<p>${o.empty}</p>`
  : html`<div class="table-wrap"><table class="stack">
<thead><tr><th scope="col">${o.columns.received} (${timeZone})</th><th scope="col">${o.columns.to}</th><th scope="col">${o.columns.subject}</th></tr></thead>
<tbody>${mails.map(
  (m) => html`<tr><td data-label="${o.columns.received}"><span class="date">${t.shortDateTime(m.receivedAt, timeZone)}</span></td><td data-label="${o.columns.to}">${m.to.join(', ')}${m.cc?.length ? html`<br><span class="muted">${o.cc}: ${m.cc.join(', ')}</span>` : ''}</td><td data-label="${o.columns.subject}"><a href="${root}/outbox/${m.id}">${m.subject || o.noSubject}</a>${m.attachments.length ? html` <span class="muted">(${o.attachments(m.attachments.length)})</span>` : ''}</td></tr>`,
)}</tbody>
</table></div>`}`;
  return layout(t, o.title, body, root, switcher);
}

/** One captured mail: headers (received in `timeZone`), attachments, the text with its URLs as links, the HTML version and the raw message. */
export function mailPage(t: OutboxPageTexts, m: CapturedMail, timeZone: string, root = '', switcher?: LanguageSwitch): string {
  const o = t.outbox;
  const body = html`<p><a href="${root}/outbox">${o.back}</a></p>
<h1>${m.subject || o.noSubject}</h1>
<dl class="meta">
<dt>${o.from}</dt><dd>${m.from}</dd>
<dt>${o.to}</dt><dd>${m.to.join(', ')}</dd>
${m.cc?.length ? html`<dt>${o.cc}</dt><dd>${m.cc.join(', ')}</dd>` : ''}
<dt>${o.received}</dt><dd>${t.dateTime(m.receivedAt, timeZone)}</dd>
<dt>${o.messageId}</dt><dd class="code">${m.messageId}</dd>
</dl>
${m.attachments.length
  ? html`<h2>${o.attachmentsHeading}</h2><ul>${m.attachments.map((a, i) => html`<li><a href="${root}/outbox/${m.id}/attachments/${i}">${a.filename}</a> <span class="muted">(${o.attachmentSize(a.contentType, a.size)})</span></li>`)}</ul>`
  : ''}
<h2>${o.textHeading}</h2>
<pre class="mail">${linkify(m.text)}</pre>
<p>${m.html ? html`<a href="${root}/outbox/${m.id}/html">${o.htmlVersion}</a> · ` : ''}<a href="${root}/outbox/${m.id}/raw">${o.raw}</a></p>`;
  return layout(t, m.subject || o.title, body, root, switcher);
}
