/**
 * The report as PDF: the report's own HTML (same content as the .docx and the HTML file) printed by
 * headless Chromium through playwright-core, after Paged.js (the W3C Paged Media polyfill) has laid
 * it out in A4 pages. Chromium prints the page margins by itself but cannot number the contents
 * (`target-counter()`); Paged.js does, and numbers "Page n of m" and the margin boxes (reference,
 * marking, running title) the same way. Chromium embeds the fonts it uses (subsets).
 *
 * The result is checked before it is returned: each line of the contents must carry the page number
 * of the page its heading is on (as Paged.js laid it out), and the PDF must have as many pages as
 * Paged.js made; otherwise the render fails rather than send a wrong contents page.
 *
 * The document information (title, author, subject, keywords, creator, language, dates) is written
 * with @cantoo/pdf-lib (a maintained fork of pdf-lib): Chromium only sets the title, from <title>.
 * Not PDF/A: Chromium writes no output intent or XMP metadata, so the file would not pass a PDF/A
 * validator; it is tagged (`tagged: true`) and has bookmarks from the headings (`outline: true`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { chromium, type Browser } from 'playwright-core';

/** What the PDF's document information says. */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47, e.g. `en-GB`. */
  language: string;
  /** The document's date: its creation and modification date in the PDF (so a render of the same input says the same). */
  createdAt: Date;
}

/** How to print. */
export interface PdfOptions {
  /** The Chromium executable (setting `SDP_CHROMIUM_PATH`). */
  chromiumPath: string;
  /** Deadline of the whole print, ms (default 90 000: within the render activity's 2 minutes). */
  timeoutMs?: number;
}

/** A printed PDF. */
export interface RenderedPdf {
  bytes: Uint8Array;
  /** Number of A4 pages. */
  pages: number;
  /** Each contents entry (its target id) and the page number printed for it. */
  contents: { target: string; page: number }[];
}

/** The Chromium of `SDP_CHROMIUM_PATH` is not there: a deployment problem, not a document one. */
export class ChromiumMissingError extends Error {
  override readonly name = 'ChromiumMissingError';
  constructor(readonly path: string) {
    super(`no Chromium at ${path} to print the report to PDF: install Debian's chromium package (apt-get install chromium) or set SDP_CHROMIUM_PATH`);
  }
}

/** Paged.js laid the report out in a way the PDF cannot trust (a contents number that is not its heading's page, a page count that differs). */
export class PdfLayoutError extends Error {
  override readonly name = 'PdfLayoutError';
}

let polyfill: string | undefined;

/** The Paged.js polyfill script (pagedjs/dist/paged.polyfill.js, which the package's exports map does not name as a subpath). */
function pagedPolyfill(): string {
  if (polyfill) return polyfill;
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths('pagedjs') ?? []) {
    const file = join(dir, 'pagedjs', 'dist', 'paged.polyfill.js');
    if (existsSync(file)) return (polyfill = readFileSync(file, 'utf8'));
  }
  throw new Error('pagedjs is not installed (npm install): its dist/paged.polyfill.js lays the PDF out');
}

/**
 * Print-only rules added to the report's HTML for Paged.js: the contents' page numbers after dot
 * leaders. `target-counter()` is Paged Media (Paged.js implements it; Chromium alone does not).
 */
const PDF_STYLE = `
nav.toc li { margin: .15rem 0; }
nav.toc a { display: flex; align-items: baseline; gap: .3rem; }
nav.toc a .toc-title { flex: 0 1 auto; }
nav.toc a .toc-leader { flex: 1 1 2rem; border-bottom: 1px dotted #8c8c8c; transform: translateY(-.25em); }
nav.toc a::after { content: target-counter(attr(href url), page); flex: none; min-width: 1.6rem; text-align: right; }
`;

/** Wraps each contents entry's text so the leader and the number can follow it. */
function withContentsLayout(html: string): string {
  const toc = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html);
  if (!toc) throw new PdfLayoutError('the report HTML has no contents (nav.toc)');
  const laidOut = toc[0].replace(/(<a href="#[^"]+">)([\s\S]*?)(<\/a>)/g, '$1<span class="toc-title">$2</span><span class="toc-leader"></span>$3');
  return html.replace(toc[0], laidOut).replace('</head>', `<style>${PDF_STYLE}</style>\n</head>`);
}

/** What the page reports once Paged.js has laid it out. */
interface Layout {
  total: number;
  /** Per contents entry: its target id, the number Paged.js printed after it, the page its heading is on. */
  contents: { target: string; printed: string; headingPage: string }[];
}

/**
 * Runs in the page (a string: this project's TypeScript has no DOM types): lays the report out with
 * Paged.js, then reads back each contents entry's printed number and its heading's page.
 */
const LAYOUT_SCRIPT = `(async () => {
  // A table continued on a new page gets its column widths and header row again: Paged.js rebuilds
  // only the ancestors of the first row it carries over (the table and tbody, not the colgroup or
  // thead). Added as the first row is placed, so the page's overflow check counts the header row.
  class RepeatTableHead extends window.Paged.Handler {
    renderNode(clone, node) {
      if (!clone || clone.nodeType !== 1 || !node || node.nodeType !== 1) return;
      const table = clone.closest('table[data-split-from]');
      if (!table || table.dataset.headRepeated) return;
      table.dataset.headRepeated = 'yes';
      const source = node.closest('table');
      if (!source) return;
      for (const tag of ['thead', 'colgroup']) {
        const part = source.querySelector(':scope > ' + tag);
        if (!part || table.querySelector(':scope > ' + tag)) continue;
        const copy = part.cloneNode(true);
        // Without refs: Paged.js finds rendered nodes by data-ref, and these are not in its walk.
        for (const el of [copy, ...copy.querySelectorAll('[data-ref]')]) el.removeAttribute('data-ref');
        table.insertBefore(copy, table.firstChild);
      }
    }
  }
  window.Paged.registerHandlers(RepeatTableHead);
  await document.fonts.ready;
  const flow = await window.PagedPolyfill.preview();
  const contents = [...document.querySelectorAll('nav.toc a[href^="#"]')].map((a) => {
    const target = decodeURIComponent(a.getAttribute('href').slice(1));
    const heading = document.getElementById(target);
    const page = heading ? heading.closest('.pagedjs_page') : null;
    // Paged.js prints the number as a counter it resets on the entry's ::after (its target-counter handler).
    const reset = /(-?\\d+)\\s*$/.exec(getComputedStyle(a, '::after').counterReset || '');
    const printed = reset ? reset[1] : '';
    return { target, printed, headingPage: page ? page.dataset.pageNumber : '' };
  });
  return { total: flow.total, contents };
})()`;

/**
 * Prints `html` (a complete report page from `renderHtml`) to an A4 PDF with contents page numbers,
 * and writes `meta` into it. Launches its own headless Chromium (no sandbox: it runs as the worker's
 * unprivileged user in a container without user namespaces) and closes it before returning; the
 * page is offline (every request is refused: the HTML is self-contained).
 *
 * Errors: ChromiumMissingError when `options.chromiumPath` does not exist; PdfLayoutError when the
 * contents numbers or the page count cannot be trusted; playwright's TimeoutError past `timeoutMs`.
 */
export async function renderPdf(html: string, meta: PdfMetadata, options: PdfOptions): Promise<RenderedPdf> {
  if (!existsSync(options.chromiumPath)) throw new ChromiumMissingError(options.chromiumPath);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  const left = () => Math.max(1_000, deadline - Date.now());
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: options.chromiumPath,
      // --disable-dev-shm-usage: containers give /dev/shm 64 MB, too little for a long document.
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none'],
      timeout: left(),
    });
    const context = await browser.newContext({ javaScriptEnabled: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // Paged.js lays out with the print rules (break-before, font size) in force.
    await page.emulateMedia({ media: 'print' });
    await page.setContent(withContentsLayout(html), { waitUntil: 'load', timeout: left() });
    await page.addScriptTag({ content: 'window.PagedConfig = { auto: false };' });
    await page.addScriptTag({ content: pagedPolyfill() });
    page.setDefaultTimeout(left());
    const layout = (await page.evaluate(LAYOUT_SCRIPT)) as Layout;
    if (errors.length) throw new PdfLayoutError(`Paged.js failed: ${errors.join('; ')}`);
    const wrong = layout.contents.filter((c) => !/^\d+$/.test(c.printed) || c.printed !== c.headingPage);
    if (wrong.length) {
      throw new PdfLayoutError(`contents numbers that are not their heading's page: ${wrong.map((c) => `#${c.target} printed "${c.printed}", heading on ${c.headingPage || 'no page'}`).join('; ')}`);
    }
    const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    const doc = await PDFDocument.load(printed, { updateMetadata: false });
    if (doc.getPageCount() !== layout.total) throw new PdfLayoutError(`Paged.js made ${layout.total} pages, the PDF has ${doc.getPageCount()}`);
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    doc.setAuthor(meta.author);
    doc.setSubject(meta.subject);
    // pdf-lib joins keywords with spaces; keywords of several words need a separator of their own.
    doc.setKeywords([meta.keywords.join('; ')]);
    doc.setCreator('sdp-review');
    doc.setProducer(`Chromium ${browser.version()} (Skia/PDF), Paged.js, @cantoo/pdf-lib`);
    doc.setLanguage(meta.language);
    doc.setCreationDate(meta.createdAt);
    doc.setModificationDate(meta.createdAt);
    const bytes = await doc.save({ useObjectStreams: false });
    return { bytes, pages: layout.total, contents: layout.contents.map((c) => ({ target: c.target, page: Number(c.printed) })) };
  } finally {
    await browser?.close();
  }
}
