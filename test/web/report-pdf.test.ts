/**
 * The report's PDF, printed by Debian's chromium (the tier that runs Chromium) and read back with
 * poppler's pdftotext/pdfinfo/pdffonts, as a secretariat's reader would: the contents give each
 * area the page its heading is on, every page carries the marking and the reference, Albanian
 * letters survive, fonts are embedded and the document information is set; the final package's
 * signed content hashes to the value its annex states and the manifest lists every file. What makes
 * it PDF/A-2b (XMP metadata, an sRGB output intent, a file identifier) is read back with pdfinfo and
 * @cantoo/pdf-lib, and by veraPDF where one is installed (`VERAPDF` or `verapdf` on PATH); a PDF
 * that shows a missing glyph claims no conformance.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, type FinalManifest, type RenderedReport } from '../../activities/report';
import { renderPdf } from '../../activities/report/pdf';
import type { ReportSettings } from '../../activities/report/settings';
import { FolderStore } from '../../infra/storage';
import { buildReportInput, C7_CLEAN } from '../fixtures/report/build-input';

const CHROMIUM = '/usr/bin/chromium';
const SETTINGS: ReportSettings = {
  identity: { referencePattern: 'SDP-AL/{year}/{version:02}', marking: 'LIMITE', author: 'EU–Albania SDP Secretariat' },
  chromiumPath: CHROMIUM,
  pdf: true,
};

for (const tool of ['pdftotext', 'pdfinfo', 'pdffonts']) {
  try {
    execFileSync('which', [tool]);
  } catch {
    throw new Error(`${tool} is missing: apt-get install -y poppler-utils`);
  }
}
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);

/** The text of each page (pdftotext separates pages by form feeds), whitespace collapsed. */
function pagesOf(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1).map((p) => p.replace(/\s+/g, ' ').trim());
}

/** The text of one page with its lines kept. */
function pageLines(pdf: string, page: number): string[] {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).split('\n');
}

/**
 * The page number printed for `title` in the contents. A long title wraps: its number stands at the
 * end of its first line, before the words carried to the next one, so it may come between words.
 */
function contentsNumber(contents: string, title: string): number | undefined {
  const flat = contents.replace(/\s+/g, ' ');
  const words = title.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const m = new RegExp(`${words.join(' (?:(\\d+) )?')}(?: (\\d+)(?= |$))?`).exec(flat);
  const n = m?.slice(1).find((g) => g !== undefined);
  return n === undefined ? undefined : Number(n);
}

/** veraPDF's command, when this machine has one (it is not installed by the project: Java, and not on Debian). */
const VERAPDF = process.env.VERAPDF ?? (() => {
  try {
    return execFileSync('which', ['verapdf'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();

let dir: string;
let store: FolderStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdp-report-pdf-'));
  store = new FolderStore(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the PDF of the final', () => {
  let rendered: RenderedReport;
  let pdf: string;
  let pages: string[];
  const input = buildReportInput({ kind: 'final', version: 2 });

  beforeAll(async () => {
    rendered = await renderReport({ store, settings: SETTINGS }, input);
    pdf = join(dir, rendered.files.find((f) => f.format === 'pdf')!.key);
    pages = pagesOf(pdf);
  }, 120_000);

  it('lists every area in the contents with the page its heading is on', () => {
    const contentsAt = pages.findIndex((p) => p.includes('Contents') && p.includes('Progress by area of cooperation'));
    expect(contentsAt).toBeGreaterThan(0);
    const contents = pageLines(pdf, contentsAt + 1).join('\n');
    const areasStart = pages.findIndex((p, i) => i > contentsAt && p.includes('Progress by area of cooperation'));
    let previous = 0;
    for (const area of input.areas) {
      const printed = contentsNumber(contents, area.title);
      expect(printed, `contents number of ${area.title}`).toBeDefined();
      // The heading: the first page from the areas part on whose text the title appears.
      const flatTitle = area.title.replace(/\s+/g, ' ');
      const headingAt = pages.findIndex((p, i) => i >= areasStart && p.includes(flatTitle));
      expect(headingAt, `page of the heading ${area.title}`).toBeGreaterThanOrEqual(areasStart);
      expect(printed, area.title).toBe(headingAt + 1);
      expect(printed!).toBeGreaterThanOrEqual(previous);
      previous = printed!;
    }
    // The other parts too, e.g. the annexes of the final.
    const annexA = pages.findIndex((p, i) => i > contentsAt && p.startsWith('SDP-AL/2026/FINAL LIMITE') && p.includes('Annex A: Sign-off record Both Directors'));
    expect(contentsNumber(contents, 'Annex A: Sign-off record')).toBe(annexA + 1);
  });

  it('carries the marking, the reference and "Page n of m" on every page', () => {
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((text, i) => {
      expect(text.split('LIMITE').length - 1, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(text, `page ${i + 1}`).toContain('SDP-AL/2026/FINAL');
      if (i > 0) expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('keeps Albanian letters (ë, ç, Ë, Ç), embeds every font and sets the document information', () => {
    const all = pages.join('\n');
    expect(all).toContain(C7_CLEAN);
    expect(all).toContain('Gëzim Çobani');
    expect(all).toMatch(/Ë/);
    expect(all).toMatch(/Ç/);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line.split(/\s+/).at(-5), line).toBe('yes');
    const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', pdf], { encoding: 'utf8' });
    expect(info).toMatch(/^Title:\s+EU–Albania Security and Defence Partnership: Annual progress report 2026 \(Final\)$/m);
    expect(info).toMatch(/^Author:\s+EU–Albania SDP Secretariat$/m);
    expect(info).toMatch(/^Subject:\s+Annual review 2026 .*Security and Defence Dialogue/m);
    expect(info).toMatch(/^Keywords:\s+.*SDP-AL\/2026\/FINAL$/m);
    expect(info).toMatch(/^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)$/m);
  });

  it('is archival: XMP metadata that mirrors the document information and claims PDF/A-2b, an sRGB output intent, a file identifier', async () => {
    const xmp = execFileSync('pdfinfo', ['-meta', pdf], { encoding: 'utf8' });
    expect(xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">EU–Albania Security and Defence Partnership: Annual progress report 2026 (Final)</rdf:li>');
    expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>EU–Albania SDP Secretariat</rdf:li></rdf:Seq></dc:creator>');
    expect(xmp).toMatch(/<pdf:Producer>Chromium [\d.]+ \(Skia\/PDF\), Paged\.js, @cantoo\/pdf-lib<\/pdf:Producer>/);
    expect(xmp).toContain('<xmp:CreatorTool>sdp-review</xmp:CreatorTool>');
    expect(xmp).toContain(`<xmp:CreateDate>${input.generatedAt.replace(/\.\d+Z$/, 'Z')}</xmp:CreateDate>`);
    expect(xmp).toMatch(/<xmp:ModifyDate>2026-[\d-]+T[\d:]+Z<\/xmp:ModifyDate>/);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toMatch(/<xmpMM:DocumentID>uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/xmpMM:DocumentID>/);

    const doc = await PDFDocument.load(await readFile(pdf), { updateMetadata: false });
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect(intent.lookup(PDFName.of('OutputConditionIdentifier'), PDFString).decodeText()).toBe('sRGB IEC61966-2.1');
    const profile = intent.lookup(PDFName.of('DestOutputProfile'));
    if (!(profile instanceof PDFRawStream)) throw new Error('DestOutputProfile is not a stream');
    expect(profile.dict.get(PDFName.of('N'))?.toString()).toBe('3');
    const icc = Buffer.from(decodePDFRawStream(profile).decode());
    // An ICC profile's header: 'acsp' at byte 36, an RGB data colour space at byte 16.
    expect(icc.toString('latin1', 36, 40)).toBe('acsp');
    expect(icc.toString('latin1', 16, 20)).toBe('RGB ');
    const metadata = doc.catalog.lookup(PDFName.of('Metadata'));
    if (!(metadata instanceof PDFRawStream)) throw new Error('the catalog has no Metadata stream');
    expect(metadata.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('XML'));
    // PDF/A: the XMP stream is not compressed, so any reader can find it.
    expect(metadata.dict.get(PDFName.of('Filter'))).toBeUndefined();
    const id = doc.context.lookup(doc.context.trailerInfo.ID, PDFArray);
    expect(id.size()).toBe(2);
    expect(id.lookup(0, PDFHexString).asString()).toMatch(/^[0-9A-F]{32}$/i);
  });

  it('ends no page on a heading or a table’s header row, and has no page of a sentence or two', async () => {
    // The report's HTML as printed (the fixture has no attachments, so the file is the same HTML).
    const html = await readFile(join(dir, rendered.files.find((f) => f.format === 'html')!.key), 'utf8');
    const laidOut = await renderPdf(html, { title: 'T', author: 'A', subject: 'S', keywords: [], language: 'en-GB', createdAt: new Date(input.generatedAt) }, { chromiumPath: CHROMIUM });
    expect(laidOut.pages).toBe(pages.length);
    expect(laidOut.strandedHeadings).toEqual([]);
    expect(laidOut.sparsePages).toEqual([]);
    // Each area's opening (title, rating, references, owners) is on the page of its first commitment.
    const areasStart = pages.findIndex((p, i) => i > 2 && p.includes('Progress by area of cooperation'));
    for (const area of input.areas) {
      const title = area.title.replace(/\s+/g, ' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const opening = new RegExp(`${title} .*Rating.* References in the Partnership .* Area owners: .* Progress per commitment .*\\(§\\d+\\) — `);
      expect(pages.some((p, i) => i >= areasStart && opening.test(p)), area.title).toBe(true);
    }
  }, 60_000);

  it.runIf(VERAPDF)('passes veraPDF’s PDF/A-2B profile', () => {
    const report = execFileSync(VERAPDF!, ['--flavour', '2b', pdf], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(report).toMatch(/<validationReport [^>]*isCompliant="true"/);
  }, 120_000);

  it('states the SHA-256 of the signed content shipped in the package, and the manifest lists every file with its hash', async () => {
    const signed = rendered.files.find((f) => f.key.endsWith('-signed-content.json'))!;
    const bytes = await readFile(join(dir, signed.key));
    const sha = createHash('sha256').update(bytes).digest('hex');
    // What `sha256sum` would print is the value in the annex of every format.
    expect(pages.join(' ')).toContain(sha);
    expect(await readFile(join(dir, rendered.files.find((f) => f.format === 'html')!.key), 'utf8')).toContain(sha);
    expect(pages.join(' ')).toContain(`sha256sum ${signed.key.split('/').pop()}`);
    const content = JSON.parse(bytes.toString('utf8')) as { signedReference: string; areas: unknown[] };
    expect(content.signedReference).toBe('SDP-AL/2026/02');
    expect(content.areas).toHaveLength(15);

    const manifestFile = rendered.files.find((f) => f.key.endsWith('-manifest.json'))!;
    const manifest = JSON.parse(await readFile(join(dir, manifestFile.key), 'utf8')) as FinalManifest;
    expect(manifest.reference).toBe('SDP-AL/2026/FINAL');
    expect(manifest.signOff.signedContentSha256).toBe(sha);
    expect(manifest.files.map((f) => f.key).sort()).toEqual(rendered.files.filter((f) => f !== manifestFile).map((f) => f.key).sort());
    for (const f of manifest.files) expect(createHash('sha256').update(await readFile(join(dir, f.key))).digest('hex'), f.name).toBe(f.sha256);
  });
});

describe('a PDF with a character no installed font has', () => {
  it('finds the missing glyph and claims no PDF/A conformance', async () => {
    const html =
      '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>T</title></head><body>' +
      '<nav class="toc"><ol><li><a href="#a">Section</a></li></ol></nav><h2 id="a">Section</h2>' +
      // U+E000 is a private use code point: no font here draws it, Chromium prints the missing glyph.
      '<p>Tiranë, Çelë \uE000</p></body></html>';
    const meta = { title: 'T', author: 'A', subject: 'S', keywords: ['K'], language: 'en-GB', createdAt: new Date('2026-12-30T09:30:00Z') };
    const odd = await renderPdf(html, meta, { chromiumPath: CHROMIUM });
    expect(odd.missingGlyphPages).toEqual([1]);
    expect(odd.pdfa).toBeUndefined();
    expect(Buffer.from(odd.bytes).toString('latin1')).not.toContain('pdfaid');
    const plain = await renderPdf(html.replace(' \uE000', ''), meta, { chromiumPath: CHROMIUM });
    expect(plain.missingGlyphPages).toEqual([]);
    expect(plain.pdfa).toBe('2B');
    // The same input gives the same file identifier; another text, another one.
    expect((await renderPdf(html.replace(' \uE000', ''), meta, { chromiumPath: CHROMIUM })).documentId).toBe(plain.documentId);
    expect(odd.documentId).not.toBe(plain.documentId);
  }, 60_000);
});

describe('the PDF of a draft', () => {
  it('has its own reference, and no marking when none is set', async () => {
    const rendered = await renderReport({ store, settings: { ...SETTINGS, identity: { ...SETTINGS.identity, marking: undefined } } }, buildReportInput({ version: 1 }));
    const pages = pagesOf(join(dir, rendered.files.find((f) => f.format === 'pdf')!.key));
    for (const text of pages) {
      expect(text).toContain('SDP-AL/2026/01');
      expect(text).not.toContain('LIMITE');
    }
  }, 120_000);
});
