/**
 * The one stylesheet of the pages, served at /style.css: system font, readable on a phone,
 * visible focus, high contrast, errors marked by text and colour (never by colour alone).
 */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #b1b4b6; --accent: #003399; --error: #b00020; --ok: #00703c; --bg-soft: #f3f4f6; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; font-size: 1.0625rem; line-height: 1.5; color: var(--ink); background: #fff; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: .5rem; top: .5rem; z-index: 10; }
header.site { background: var(--accent); color: #fff; padding: .75rem 1rem; }
header.site a { color: #fff; font-weight: 700; }
header.site p { margin: 0; max-width: 48rem; margin-inline: auto; }
/* The language switch stays whole at the end of the first line, the name and the product line
   wrapping beside it if they must: pushed to a line of its own (the Albanian product line is long),
   it looked like a second header. The product line is set smaller so that the header is one line
   from 1024 px in either language. */
header.site p:has(.lang-switch) { display: flex; align-items: baseline; column-gap: .75rem; }
.site-name { flex: 1 1 auto; min-width: 0; }
header.site .product-line { font-size: .9rem; }
.lang-switch { flex: none; margin-left: auto; white-space: nowrap; }
.lang-switch a, .lang-switch button.link { font: inherit; font-weight: 700; color: #fff; background: none; border: 1px solid #fff; border-radius: 3px; padding: .1rem .5rem; min-height: 1.75rem; cursor: pointer; text-decoration: none; display: inline-block; }
.lang-switch a:focus, .lang-switch button.link:focus { outline: 3px solid #ffdd00; outline-offset: 1px; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
footer { max-width: 48rem; margin: 2rem auto 1rem; padding: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
a { color: var(--accent); text-underline-offset: .15em; }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid #ffbf47; outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink);
}
p, ul, ol, table, fieldset, blockquote { margin: 0 0 1rem; }
.muted, .hint { color: var(--muted); }
.hint { display: block; font-size: .95rem; margin: .1rem 0 .35rem; }
label, legend { display: block; font-weight: 600; margin: 0 0 .25rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; padding: .75rem 1rem 1rem; min-width: 0; }
fieldset fieldset { border: 0; padding: 0; margin: .5rem 0 0; }
legend { padding: 0 .25rem; }
input[type=text], input[type=date], textarea, select { display: block; width: 100%; max-width: 100%; font: inherit; padding: .5rem; border: 2px solid var(--ink); border-radius: 0; background: #fff; color: var(--ink); }
textarea { min-height: 6rem; resize: vertical; }
textarea.long { min-height: 14rem; }
.field { margin: 0 0 1rem; }
.choices { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.choices label { display: flex; align-items: center; gap: .4rem; font-weight: 400; min-height: 2.75rem; margin: 0; }
.choices input { width: 1.4rem; height: 1.4rem; margin: 0; }
.checks label { display: flex; align-items: flex-start; gap: .5rem; font-weight: 400; margin: .4rem 0; }
.checks input { width: 1.4rem; height: 1.4rem; margin: .1rem 0 0; flex: none; }
button { font: inherit; font-weight: 600; padding: .65rem 1.1rem; min-height: 2.75rem; border: 2px solid transparent; border-radius: 4px; background: var(--ok); color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: var(--ink); border-color: var(--ink); }
button.warning { background: var(--error); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: 1.25rem 0; }
.error-message { color: var(--error); font-weight: 600; margin: .25rem 0; }
.has-error { border-left: 5px solid var(--error); padding-left: .75rem; }
.has-error input[type=text], .has-error textarea, .has-error select { border-color: var(--error); }
.summary-box { border: 4px solid var(--error); padding: 1rem; margin: 0 0 1.5rem; }
.summary-box h2 { margin-top: 0; }
.notice { border-left: 5px solid var(--accent); background: var(--bg-soft); padding: .75rem 1rem; }
.panel-ok { border: 4px solid var(--ok); padding: 1rem; margin-bottom: 1.5rem; }
.panel-ok > :first-child { margin-top: 0; }
blockquote { margin-left: 0; padding-left: 1rem; border-left: 4px solid var(--line); color: var(--muted); }
/* Comments as typed (web/views/round-comments.ts): line breaks kept, a long link wrapped at phone width. */
blockquote.comment { white-space: pre-wrap; overflow-wrap: anywhere; color: inherit; }
ol.comments { padding-left: 0; list-style: none; }
ol.comments li { border-top: 1px solid var(--line); padding-top: .5rem; }
ol.comments li.changes-requested { border-top: 3px solid var(--error); }
.notice.reopened h2 { margin-top: 0; font-size: 1.1rem; }
details { margin: .25rem 0 .5rem; }
summary { cursor: pointer; color: var(--accent); }
/* A table wider than its box scrolls inside it (never the page), and says so: shadows at an edge
   that hides columns (white covers scroll with the content and uncover them; Lea Verou's
   technique), and in .scroll boxes a hint, shown only while the box does scroll where the browser
   can tell (scroll-driven animations), else at phone widths. */
.table-wrap { overflow-x: auto; background:
  linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left center / 2.5rem 100% no-repeat local,
  linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right center / 2.5rem 100% no-repeat local,
  radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.28), rgba(0,0,0,0)) left center / .9rem 100% no-repeat scroll,
  radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.28), rgba(0,0,0,0)) right center / .9rem 100% no-repeat scroll; }
.table-wrap.scroll { border-inline: 1px solid var(--line); padding-inline: .25rem; }
.table-wrap.scroll:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.table-wrap.scroll th[scope=row] { min-width: 9rem; }
.scroll-hint { display: none; position: sticky; left: 0; margin: .25rem 0 .5rem; font-size: .9rem; color: var(--muted); }
@media (max-width: 40rem) { .scroll-hint { display: block; } }
@supports (animation-timeline: scroll()) {
  .scroll-hint { display: block; visibility: hidden; height: 0; margin: 0; animation: scroll-cue linear both; animation-timeline: scroll(nearest inline); }
}
@keyframes scroll-cue { from, to { visibility: visible; height: auto; margin: .25rem 0 .5rem; } }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .4rem .5rem .4rem 0; }
th { font-weight: 700; }
td.num, th.num { text-align: right; }
pre.mail { white-space: pre-wrap; overflow-wrap: anywhere; font-family: inherit; background: var(--bg-soft); padding: 1rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; overflow-wrap: anywhere; }
/* A file's name as its owner gave it may be one long word: it wraps rather than widen a phone's page. */
ul.attachments li { overflow-wrap: anywhere; }
/* dashboard */
main:has(.dashboard), body:has(.dashboard) header.site p, body:has(.dashboard) footer { max-width: 72rem; }
.small { font-size: .875rem; }
.bad { color: var(--error); }
.live-status { min-height: 1.5em; font-size: .9rem; }
.inline-links { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }
.dash-part { margin: 0 0 1.5rem; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; margin: 0 0 1rem; }
dl.figures .figure { border: 1px solid var(--line); border-top: 5px solid var(--accent); padding: .5rem .75rem; }
dl.figures .figure.bad { border-top-color: var(--error); }
dl.figures dt { font-weight: 600; color: var(--muted); font-size: .95rem; }
dl.figures dd { margin: 0; }
.big { font-size: 1.5rem; font-weight: 700; line-height: 1.3; }
.figure.bad .big { color: var(--error); }
ol.stages { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; counter-reset: stage; }
ol.stages li { counter-increment: stage; flex: 1 1 9rem; position: relative; border: 2px solid var(--line); border-radius: 4px; padding: .5rem .6rem .5rem 2.6rem; background: #fff; }
ol.stages li::before { content: counter(stage); position: absolute; left: .5rem; top: .5rem; width: 1.6rem; height: 1.6rem; border-radius: 50%; border: 2px solid var(--line); text-align: center; font-weight: 700; line-height: 1.35rem; }
ol.stages li.done { border-color: var(--ok); }
ol.stages li.done::before { content: "✓"; background: var(--ok); border-color: var(--ok); color: #fff; }
ol.stages li.current { border-color: var(--accent); border-width: 3px; background: var(--bg-soft); }
ol.stages li.current::before { background: var(--accent); border-color: var(--accent); color: #fff; }
ol.stages li.cancelled { border-color: var(--error); }
ol.stages li.cancelled::before { background: var(--error); border-color: var(--error); }
ol.stages li.upcoming { color: var(--muted); border-style: dashed; }
.stage-name { font-weight: 700; display: block; }
.stage-state, .stage-when { display: block; font-size: .875rem; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 3px; font-size: .875rem; font-weight: 700; color: #fff; background: var(--muted); white-space: nowrap; }
.st-submitted, .sw-submitted { background: #00703c; }
.st-awaiting-input, .sw-awaiting-input { background: #1d70b8; }
.st-overdue, .sw-overdue { background: #b00020; }
.st-reopened, .sw-reopened { background: #6f3c97; }
.st-waived, .sw-waived { background: #505a5f; }
.st-missing, .sw-missing { background: #8a4b00; }
tr.overdue { background: #fdecee; }
tr.overdue > th:first-child { box-shadow: inset 5px 0 0 var(--error); padding-left: .6rem; }
table.stack td, table.stack th { padding-right: .75rem; }
svg.chart { display: block; width: 100%; }
svg.chart-bar { border: 1px solid var(--ink); }
svg.chart-timeline { max-width: 60rem; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .5rem 0 1rem; font-size: .95rem; }
ul.legend li.zero { color: var(--muted); }
.swatch { display: inline-block; width: 1rem; height: 1rem; vertical-align: -.15rem; border: 1px solid var(--ink); }
.sw-planned { background: #b1b4b6; }
.sw-due { background: #fff; transform: rotate(45deg) scale(.8); border-width: 2px; }
.sw-actual { background: #003399; }
.sw-late { background: #b00020; }
.sw-input { background: #00703c; width: .3rem; }
.sw-event { background: #1b1b1b; border-radius: 50%; }
.sw-now { background: repeating-linear-gradient(to bottom, #b00020 0 3px, #fff 3px 6px); width: .25rem; border: 0; }
.draft { border-left: 4px solid var(--line); padding: .1rem 0 .1rem 1rem; margin: 0 0 1.25rem; }
.draft.final { border-left-color: var(--ok); }
.draft h3 { margin: .25rem 0 .5rem; font-size: 1.1rem; }
ul.downloads { margin-top: 0; }
.comment { white-space: pre-wrap; }
.detail { overflow-wrap: anywhere; color: var(--muted); }
/* A date in a table's cell on one line (web/dashboard/pages.ts), where it has room: in a phone's
   stacked cards, and from 64rem (1024 px) in the columns (the areas table, with three date columns,
   set a little tighter). In between, a date wraps rather than the table scroll sideways. */
@media (max-width: 40rem), (min-width: 64rem) {
  td .date { white-space: nowrap; }
}
@media (min-width: 64rem) {
  table.areas { font-size: .9rem; }
  table.areas td, table.areas th { padding-right: .5rem; }
}
@media (max-width: 40rem) {
  /* On a phone the product line goes under the name and the switch, across the header. */
  header.site p:has(.lang-switch) { flex-wrap: wrap; }
  header.site .site-name { display: contents; }
  header.site .site-sep { display: none; }
  header.site .product-line { display: block; order: 1; flex-basis: 100%; }
  table.stack thead { position: absolute; left: -9999px; }
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: 100%; }
  table.stack tr { border: 1px solid var(--line); border-radius: 4px; padding: .4rem .6rem; margin: 0 0 .6rem; }
  table.stack th, table.stack td { border: 0; padding: .15rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  table.stack td { overflow-wrap: anywhere; }
  tr.overdue { border-left: 6px solid var(--error) !important; }
  tr.overdue > th:first-child { box-shadow: none; padding-left: 0; }
}
@media (max-width: 30rem) {
  body { font-size: 1rem; }
  main { padding: .75rem; }
  h1 { font-size: 1.4rem; }
  .actions button { width: 100%; }
}
`;
