/**
 * The report's PDF, printed by Debian's chromium (the tier that runs Chromium) and read back with
 * poppler's pdftotext/pdfinfo/pdffonts, as a secretariat's reader would: the contents give each
 * area the page its heading is on, every page carries the marking and the reference, Albanian
 * letters survive, fonts are embedded and the document information is set; the final package's
 * signed content hashes to the value its annex states and the manifest lists every file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, type FinalManifest, type RenderedReport } from '../../activities/report';
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
