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
 * It is tagged (`tagged: true`) and has bookmarks from the headings (`outline: true`).
 *
 * Archival (PDF/A-2b, ISO 19005-2 level B): Chromium's file lacks exactly three things a PDF/A
 * validator asks for — a file identifier, an XMP metadata stream and an output intent for its
 * DeviceRGB colours (veraPDF 1.28, PDF/A-2B profile, on the 15-area report). pdf-lib's
 * `convertToPDFA` adds them: the `/ID` (ours, derived from the content, so a render of the same
 * input gives the same file), an OutputIntent `GTS_PDFA1` with the sRGB IEC61966-2.1 ICC profile
 * that @cantoo/pdf-lib ships (HP's v2 profile, freely redistributable), and an XMP packet that
 * mirrors the document information (dc:title, dc:creator, dc:description, pdf:Keywords,
 * pdf:Producer, xmp:CreatorTool, xmp:CreateDate/ModifyDate/MetadataDate) with
 * `pdfaid:part 2, conformance B`. The rest of PDF/A-2b (fonts embedded, no encryption, no
 * JavaScript, no external content) is what Chromium prints from the report's self-contained HTML;
 * veraPDF finds no failure on the demo's final or the benchmark report. One thing depends on the
 * text: a character that no installed font has (an emoji, a CJK ideograph on a server without CJK
 * fonts) prints as the font's missing glyph (.notdef), which PDF/A forbids. Each render looks for
 * it in the pages' text; a PDF that shows one keeps its /ID but claims nothing and gets no PDF/A
 * metadata (`RenderedPdf.pdfa` undefined, `missingGlyphPages` says where), rather than claim a
 * conformance it does not have.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, type PDFObject } from '@cantoo/pdf-lib';
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

/** The PDF/A part and conformance level the PDF declares in its XMP (`pdfaid`). */
export const PDFA_CONFORMANCE = '2B';

/** A printed PDF. */
export interface RenderedPdf {
  bytes: Uint8Array;
  /** Its file identifier (`/ID` of the trailer, both halves), 32 hex digits; also the XMP's `xmpMM:DocumentID` as a UUID. */
  documentId: string;
  /** The PDF/A conformance it declares (`PDFA_CONFORMANCE`), or undefined when a page shows a missing glyph. */
  pdfa?: typeof PDFA_CONFORMANCE;
  /** The pages (1-based) whose text shows a missing glyph (.notdef); [] normally. */
  missingGlyphPages: number[];
  /** Number of A4 pages. */
  pages: number;
  /** Each contents entry (its target id) and the page number printed for it. */
  contents: { target: string; page: number }[];
  /**
   * Layout faults a secretariat would send back, as Paged.js laid the pages out: a heading or a
   * table's header row that ends its page (`strandedHeadings`, with the page), a page after the
   * cover with under 200 characters (`sparsePages`). Reported, not refused: the content is right
   * and complete; the tests hold the report's own layout to none.
   */
  strandedHeadings: { page: number; text: string }[];
  sparsePages: number[];
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
 * leaders, on the last line of a title that wraps (`last baseline`), where a reader looks for it. `target-counter()` is Paged Media (Paged.js implements it; Chromium alone does not).
 */
const PDF_STYLE = `
nav.toc li { margin: .15rem 0; }
nav.toc a { display: flex; align-items: last baseline; gap: .3rem; }
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
  stranded: { page: number; text: string }[];
  sparse: number[];
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
  // Keeps what belongs together off a page break: Paged.js 0.4 honours break-after: avoid only
  // one element back and break-inside: avoid not at all for a block that straddles the page end.
  // When the page would end after a heading, after a table's header row, or inside a .keep block
  // (an area's opening, a commitment with its wording), the break moves to before the heading or
  // the block, unless that would leave the page empty (a block taller than a page still splits).
  class KeepTogether extends window.Paged.Handler {
    onOverflow(overflow, rendered) {
      if (!overflow) return;
      const container = overflow.startContainer;
      const node = container.nodeType === 1 ? container.childNodes[overflow.startOffset] || container : container;
      if (!node || !rendered.contains(node)) return;
      const el = (n) => (n.nodeType === 1 ? n : n.parentElement);
      const hasContent = (n) => !!(n && ((n.textContent || '').trim() || (n.nodeType === 1 && n.querySelector('table, img'))));
      const isFirst = (n) => { for (let p = n.previousSibling; p; p = p.previousSibling) if (hasContent(p)) return false; return true; };
      const startsPage = (n) => { for (let x = n; x && x !== rendered; x = x.parentNode) if (!isFirst(x)) return false; return true; };
      const keepOf = (n) => { const k = el(n) && el(n).closest('.keep'); return k && rendered.contains(k) ? k : undefined; };
      let target;
      if (container.nodeType === 3 && container.textContent.slice(0, overflow.startOffset).trim()) {
        // Inside a paragraph: only a .keep block around it moves.
        target = keepOf(node);
      } else {
        target = node;
        // A table whose body has no row on this page yet goes whole, its header row with it.
        const row = el(node).closest('tr');
        if (row && row.parentElement.tagName === 'TBODY' && row.closest('table').querySelector(':scope > tbody > tr') === row) target = row.closest('table');
        target = keepOf(target) || target;
        // The outermost box that starts at the break, then the headings just before it.
        while (target.parentNode && target.parentNode !== rendered && isFirst(target)) target = target.parentNode;
        for (let prev = target.previousElementSibling; prev && /^H[1-4]$/.test(prev.tagName); prev = target.previousElementSibling) target = prev;
        target = (target.parentElement && keepOf(target.parentElement)) || target;
      }
      if (!target || target === node || startsPage(target)) return;
      const range = document.createRange();
      range.setStartBefore(target);
      range.setEndAfter(rendered.lastChild);
      return range;
    }
  }
  window.Paged.registerHandlers(RepeatTableHead, KeepTogether);
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
  // What a reader would send back: a heading (or a table's header row) that ends its page, with
  // what it announces on the next; a page after the cover that holds next to nothing.
  const stranded = [];
  const sparse = [];
  for (const page of document.querySelectorAll('.pagedjs_page')) {
    const area = page.querySelector('.pagedjs_page_content');
    if (!area) continue;
    const blocks = [...area.querySelectorAll('h1, h2, h3, p, li, tr')].filter((el) => el.textContent.trim() && el.getClientRects().length && !el.closest('nav.toc'));
    const last = blocks[blocks.length - 1];
    const number = Number(page.dataset.pageNumber);
    if (last && (/^H[1-3]$/.test(last.tagName) || (last.tagName === 'TR' && last.parentElement.tagName === 'THEAD'))) {
      stranded.push({ page: number, text: last.textContent.replace(/\\s+/g, ' ').trim() });
    }
    if (number > 1 && !area.querySelector('nav.toc') && area.textContent.replace(/\\s+/g, ' ').trim().length < 200) sparse.push(number);
  }
  return { total: flow.total, contents, stranded, sparse };
})()`;

/**
 * The file identifier of the PDF of `html` with `meta`: the first 16 bytes of their SHA-256, as 32
 * hex digits. The same input gives the same identifier (a retried render writes the same file);
 * another version, another date or another text gives another one.
 */
function fileIdentifier(html: string, meta: PdfMetadata): string {
  return createHash('sha256').update(JSON.stringify({ ...meta, createdAt: meta.createdAt.toISOString() })).update('\n').update(html).digest('hex').slice(0, 32);
}

/** The XMP media management block: the document's identifier as a UUID URN (XMP's predefined `xmpMM` schema, allowed by PDF/A without an extension schema). */
function xmpMediaManagement(documentId: string): string {
  const uuid = `${documentId.slice(0, 8)}-${documentId.slice(8, 12)}-${documentId.slice(12, 16)}-${documentId.slice(16, 20)}-${documentId.slice(20)}`;
  return `<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"><xmpMM:DocumentID>uuid:${uuid}</xmpMM:DocumentID><xmpMM:InstanceID>uuid:${uuid}</xmpMM:InstanceID></rdf:Description>`;
}

/**
 * The pages (1-based) of `doc` whose text shows glyph 0, the font's .notdef (ISO 19005-2, 6.2.11.8).
 * Chromium (Skia) writes every run of text as a hex string of 2-byte glyph ids for an Identity-H
 * font, `<0036002700330010> Tj`, so glyph 0 is a `0000` group in such a string; the page's content
 * streams and the form XObjects they draw are read.
 */
export function pagesWithMissingGlyphs(doc: PDFDocument): number[] {
  const shows = (bytes: Uint8Array) =>
    [...Buffer.from(bytes).toString('latin1').matchAll(/(?<!<)<([0-9A-Fa-f\s]+)>(?!>)/g)].some((m) => /^(?:[0-9A-Fa-f]{4})*?0000/.test(m[1]!.replace(/\s+/g, '')));
  const seen = new Set<PDFObject>();
  const formsShow = (resources: PDFDict | undefined): boolean => {
    const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    return (xobjects?.values() ?? []).some((ref) => {
      const form = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
      if (!(form instanceof PDFRawStream) || seen.has(form) || form.dict.get(PDFName.of('Subtype')) !== PDFName.of('Form')) return false;
      seen.add(form);
      return shows(decodePDFRawStream(form).decode()) || formsShow(form.dict.lookupMaybe(PDFName.of('Resources'), PDFDict));
    });
  };
  const pages: number[] = [];
  doc.getPages().forEach((page, i) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const missing = streams.some((s) => s instanceof PDFRawStream && shows(decodePDFRawStream(s).decode())) || formsShow(page.node.Resources());
    if (missing) pages.push(i + 1);
  });
  return pages;
}

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
    const documentId = fileIdentifier(html, meta);
    // Set before convertToPDFA, which keeps an /ID it finds (and would otherwise draw a random one).
    const id = PDFHexString.of(documentId);
    doc.context.trailerInfo.ID = doc.context.obj([id, id]);
    const missingGlyphPages = pagesWithMissingGlyphs(doc);
    if (!missingGlyphPages.length) doc.convertToPDFA({ conformance: PDFA_CONFORMANCE, extensions: [xmpMediaManagement(documentId)] });
    const bytes = await doc.save({ useObjectStreams: false });
    return {
      bytes,
      documentId,
      ...(missingGlyphPages.length ? {} : { pdfa: PDFA_CONFORMANCE }),
      missingGlyphPages,
      strandedHeadings: layout.stranded,
      sparsePages: layout.sparse,
      pages: layout.total,
      contents: layout.contents.map((c) => ({ target: c.target, page: Number(c.printed) })),
    };
  } finally {
    await browser?.close();
  }
}
