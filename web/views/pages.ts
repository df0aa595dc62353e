/**
 * The pages every step shares: the result of an action (recorded, or already recorded) and the
 * page of an expired link (with its request for a fresh link). The refusal pages are message
 * pages (./layout.ts) worded by the plumbing that refuses.
 */
import type { LinkClaims } from '../../links';
import { hidden } from './form-parts';
import { html, type Interpolation, type SafeHtml } from './html';
import { layout, messagePage, type LanguageSwitch } from './layout';
import { maskEmail, type CommonTexts } from './texts';

/**
 * The page after an action: what was recorded and what happens next (sentences already worded),
 * when (`at`, shown in `timeZone`), and the link's id. With `already`, the page of a repeated
 * request: the first one's result, and that this one changed nothing.
 */
export function resultPage(
  t: CommonTexts,
  v: { recorded: string; next: string; at: Date | string; timeZone: string; jti: string; already?: { name: string }; root?: string; switcher?: LanguageSwitch },
): string {
  const r = t.result;
  const title = v.already ? r.alreadyTitle : r.title;
  const when = t.dateTime(v.at, v.timeZone);
  return layout(
    t,
    title,
    html`<h1>${title}</h1>
<div class="${v.already ? 'notice' : 'panel-ok'}" role="status">
${v.already ? html`<p>${r.already(v.already.name, when)}</p>` : ''}
<h2>${r.recordedHeading}</h2>
<p>${v.recorded}</p>
${v.already ? '' : html`<p>${r.at(when)}</p>`}
</div>
<h2>${r.nextHeading}</h2>
<p>${v.next}</p>
<p class="muted">${r.again}</p>
<p class="muted code">${r.reference(v.jti)}</p>`,
    v.root,
    v.switcher,
  );
}

/**
 * The page of an expired link: until when it was valid, and either the outcome of its step when
 * that is closed, or a button that asks for a fresh link (with `csrf`), or whom to ask (without).
 */
export function expiredPage(
  t: CommonTexts,
  v: { claims: LinkClaims; timeZone: string; token: string; csrf?: string; closedOutcome?: string[]; root?: string; switcher?: LanguageSwitch },
): string {
  const e = t.errors;
  const paragraphs: Interpolation[] = [e.expired(t.dateTime(new Date(v.claims.exp * 1000), v.timeZone)), t.nothingRecorded];
  let extra: SafeHtml;
  if (v.closedOutcome) {
    extra = html`<p>${e.freshStepClosed}</p>${v.closedOutcome.map((p) => html`<p>${p}</p>`)}`;
  } else if (v.csrf) {
    extra = html`<p>${e.freshOffer(maskEmail(v.claims.sub))}</p>
<form method="post" action="${v.root ?? ''}/fresh-link">
${hidden('_csrf', v.csrf)}${hidden('t', v.token)}${hidden('lang', t.lang)}
<div class="actions"><button type="submit" name="op" value="fresh-link">${e.freshButton}</button></div>
</form>`;
  } else {
    extra = html`<p>${e.freshUnavailable}</p>`;
  }
  return messagePage(t, e.expiredTitle, paragraphs, extra, v.root, v.switcher);
}
