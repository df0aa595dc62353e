/**
 * The frame of every page, rendered on the server from the `html` template (every value escaped).
 * No page has a script of its own (the dashboard's is a separate file) and none submits itself: an
 * action is always a button a person presses. The header carries the switch to the other language
 * (web/plumbing/language.ts): a link, or on a page with a form a button of that form, so that
 * switching keeps what was typed.
 */
import type { Language } from '../../domain/schemas';
import { html, type Interpolation, type SafeHtml } from './html';
import type { CommonTexts } from './texts';

/** The header's switch to language `to`: a link (`href`), or a button of the page's form (`form`: its id). */
export type LanguageSwitch = { to: Language; href: string } | { to: Language; form: string };

/** The header's language switch: a link to the page in the other language, or a button of the page's form. */
function switchControl(t: CommonTexts, s: LanguageSwitch | undefined): SafeHtml | string {
  if (!s) return '';
  const label = t.languageSwitch.label(s.to);
  const hint = t.languageSwitch.hint(s.to);
  return 'form' in s
    ? html` <span class="lang-switch"><button type="submit" form="${s.form}" name="switch-lang" value="${s.to}" formnovalidate lang="${s.to}" title="${hint}" class="link">${label}</button></span>`
    : html` <span class="lang-switch"><a href="${s.href}" hreflang="${s.to}" lang="${s.to}" title="${hint}">${label}</a></span>`;
}

/** A page that loads `url` (a path of this site) again by itself after `seconds`: no script, a meta refresh. */
export interface PageRefresh {
  seconds: number;
  url: string;
}

/**
 * A whole page: doctype, UTF-8, language, viewport, the stylesheet, a skip link, the language
 * switch. `root` is the path of the public base URL (`/sdp` for https://example.eu/sdp; '' at the
 * root) before every internal link. `refresh`: the page reloads `refresh.url` by itself (a page
 * that waits for an outcome).
 */
export function layout(t: CommonTexts, title: string, main: SafeHtml, root = '', switcher?: LanguageSwitch, refresh?: PageRefresh): string {
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
${refresh ? html`<meta http-equiv="refresh" content="${`${refresh.seconds}; url=${refresh.url}`}">\n` : ''}<title>${title} — ${t.product}</title>
<link rel="stylesheet" href="${root}/style.css">
</head>
<body>
<a class="skip" href="#main">${t.skipToContent}</a>
<header class="site"><p><span class="site-name"><a href="${root}/">${t.product}</a><span class="site-sep"> · </span><span class="product-line">${t.productLine}</span></span>${switchControl(t, switcher)}</p></header>
<main id="main" tabindex="-1">
${main}
</main>
<footer><p>${t.footer}</p></footer>
</body>
</html>
`.value;
}

/** A page of a title and paragraphs (text or markup), and optional markup after them. */
export function messagePage(t: CommonTexts, title: string, paragraphs: Interpolation[], extra?: SafeHtml, root = '', switcher?: LanguageSwitch): string {
  return layout(t, title, html`<h1>${title}</h1>${paragraphs.filter((p) => p !== undefined && p !== '').map((p) => html`<p>${p}</p>`)}${extra}`, root, switcher);
}
