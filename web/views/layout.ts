/**
 * The frame of every page, rendered on the server from the `html` template (every value escaped).
 * No page has a script of its own (the dashboard's is a separate file) and none submits itself: an
 * action is always a button a person presses.
 */
import { html, type Interpolation, type SafeHtml } from './html';
import type { CommonTexts } from './texts';

/**
 * A whole page: doctype, UTF-8, language, viewport, the stylesheet, a skip link. `root` is the path
 * of the public base URL (`/sdp` for https://example.eu/sdp; '' at the root) before every internal link.
 */
export function layout(t: CommonTexts, title: string, main: SafeHtml, root = ''): string {
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${title} — ${t.product}</title>
<link rel="stylesheet" href="${root}/style.css">
</head>
<body>
<a class="skip" href="#main">${t.skipToContent}</a>
<header class="site"><p><a href="${root}/">${t.product}</a> · ${t.productLine}</p></header>
<main id="main" tabindex="-1">
${main}
</main>
<footer><p>${t.footer}</p></footer>
</body>
</html>
`.value;
}

/** A page of a title and paragraphs (text or markup), and optional markup after them. */
export function messagePage(t: CommonTexts, title: string, paragraphs: Interpolation[], extra?: SafeHtml, root = ''): string {
  return layout(t, title, html`<h1>${title}</h1>${paragraphs.filter((p) => p !== undefined && p !== '').map((p) => html`<p>${p}</p>`)}${extra}`, root);
}
