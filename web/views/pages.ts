/**
 * The pages every step shares: the result of an action (recorded, or already recorded), the page
 * of an action Temporal has not confirmed yet and of one it has no record of, and the page of an
 * expired link (with its request for a fresh link, and what was typed when it came from a form).
 * The refusal pages are message pages (./layout.ts) worded by the plumbing that refuses.
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
 * The page of an action that may still be recorded: Temporal did not answer in time. It says so,
 * asks not to send it again, and reloads `href` (the GET that asks Temporal for the outcome of the
 * action's Update id) every `seconds`, with a link to check at once.
 */
export function pendingPage(t: CommonTexts, v: { step: string; href: string; seconds: number; jti: string; root?: string; switcher?: LanguageSwitch }): string {
  const p = t.pending;
  return layout(
    t,
    p.title,
    html`<h1>${p.title}</h1>
<div class="notice" role="status">
<p>${p.sent(v.step)}</p>
<p>${p.doNotRepeat(v.seconds)}</p>
</div>
<p><a href="${v.href}">${p.checkNow}</a></p>
<p class="muted code">${t.result.reference(v.jti)}</p>`,
    v.root,
    v.switcher,
    { seconds: v.seconds, url: v.href },
  );
}

/** The page of an action Temporal has no record of (its Update does not exist): nothing was recorded; `stepHref` opens the link's page. */
export function notRecordedPage(t: CommonTexts, v: { stepHref: string; jti: string; root?: string; switcher?: LanguageSwitch }): string {
  const p = t.pending;
  return messagePage(
    t,
    p.notRecordedTitle,
    [p.notRecorded, p.openAgain],
    html`<p><a href="${v.stepHref}">${p.openPage}</a></p><p class="muted code">${t.result.reference(v.jti)}</p>`,
    v.root,
    v.switcher,
  );
}

/** A field a person typed into a form that could not be used (an expired link): its label and text. */
export interface KeptField {
  label: string;
  value: string;
}

/**
 * What was typed into a form that could not be used (an expired link, a closed step, Temporal not
 * answering), each field read-only and ready to copy; nothing when nothing was typed.
 */
export function keptFields(t: CommonTexts, kept: KeptField[] | undefined): SafeHtml | undefined {
  if (!kept?.length) return undefined;
  const e = t.errors;
  return html`<h2>${e.keptHeading}</h2>
<p>${e.keptCopy}</p>
${kept.map((k, i) => html`<div class="field"><label for="kept-${i}">${k.label}</label><textarea id="kept-${i}" readonly>
${k.value}</textarea></div>`)}`;
}

/**
 * The page of an expired link: until when it was valid, and either the outcome of its step when
 * that is closed, or a button that asks for a fresh link (with `csrf`), or whom to ask (without).
 * `kept`: what was typed into the form posted with the link, shown to copy.
 */
export function expiredPage(
  t: CommonTexts,
  v: { claims: LinkClaims; timeZone: string; token: string; csrf?: string; closedOutcome?: string[]; kept?: KeptField[]; root?: string; switcher?: LanguageSwitch },
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
  extra = html`${extra}${keptFields(t, v.kept)}`;
  return messagePage(t, e.expiredTitle, paragraphs, extra, v.root, v.switcher);
}
