/**
 * The coordinator's written synthesis in the report (issue 14): with `ReportInput.synthesis` set,
 * the .docx, the HTML and the Markdown open with "Executive summary" and "Points for the SA
 * Council's attention" as written, right after the contents and before the generated figures;
 * paragraphs and `- ` lists are kept, Albanian letters exact, control characters dropped as in a
 * narrative (case C7); a small line says who wrote it, when, on which draft. The Albanian summary
 * carries it too. Without a synthesis the report is as before. The CLI reads a synthesis file
 * exactly as UTF-8, or refuses it naming the option and the byte.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, type RenderedReport } from '../../activities/report';
import { readSynthesisFile } from '../../cli/commands/drafting';
import { buildReportModel } from '../../activities/report/model';
import { synthesisBlocks } from '../../domain/synthesis';
import type { ReportInput } from '../../domain/report';
import { FolderStore } from '../../infra/storage';
import { buildReportInput } from '../fixtures/report/build-input';
import { paragraphs, readDocx, wellFormed, XML_FORBIDDEN } from '../fixtures/report/read-docx';

/** What the coordinator typed: paragraphs, a list, Albanian letters and a pasted control character. */
const SUMMARY = [
  'Përparim i qëndrueshëm në shumicën e fushave; bashkëpunimi për sigurinë kibernetike u forcua.',
  '',
  '- Dy ushtrime të përbashkëta në Durrës\u0002 dhe Tiranë',
  '- Çështjet e FIMI-t: çdo institucion ka një pikë kontakti',
  '',
  'Paragrafi i fundit: ç, ë, Ç, Ë.',
].join('\r\n');
const ATTENTION = '- Ratify the agreement on the exchange of classified information (§6).\n- Mbështetje e vazhdueshme për Ukrainën';
const BY = 'Ëngjëll Çela';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdp-synthesis-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const withSynthesis = (input: ReportInput, synthesis: Partial<NonNullable<ReportInput['synthesis']>> = {}): ReportInput => ({
  ...input,
  synthesis: { summary: SUMMARY, attention: ATTENTION, version: 1, byName: BY, at: '2026-12-18T10:30:00.000Z', ...synthesis },
});

async function render(input: ReportInput, sub: string): Promise<{ r: RenderedReport; file: (format: string) => string }> {
  const root = join(dir, sub);
  const r = await renderReport({ store: new FolderStore(root) }, input);
  const file = (format: string) => join(root, r.files.find((f) => f.format === format)!.key);
  return { r, file };
}

describe('synthesisBlocks', () => {
  it('reads paragraphs from blank lines and lists from "- " lines, cleaning control characters', () => {
    expect(synthesisBlocks(SUMMARY)).toEqual([
      { kind: 'paragraph', text: 'Përparim i qëndrueshëm në shumicën e fushave; bashkëpunimi për sigurinë kibernetike u forcua.' },
      { kind: 'list', items: ['Dy ushtrime të përbashkëta në Durrës dhe Tiranë', 'Çështjet e FIMI-t: çdo institucion ka një pikë kontakti'] },
      { kind: 'paragraph', text: 'Paragrafi i fundit: ç, ë, Ç, Ë.' },
    ]);
    expect(synthesisBlocks('Intro:\n- a\n  still a\n- b\nAfter.')).toEqual([
      { kind: 'paragraph', text: 'Intro:' },
      { kind: 'list', items: ['a\nstill a', 'b'] },
      { kind: 'paragraph', text: 'After.' },
    ]);
    expect(synthesisBlocks(' \n\n')).toEqual([]);
  });
});

describe('a draft with the coordinator’s synthesis', () => {
  let input: ReportInput;
  let file: (format: string) => string;

  beforeAll(async () => {
    input = withSynthesis(buildReportInput({ version: 2 }));
    // v2 compares against v1's stored input: render v1 first, as the cycle does.
    await render(buildReportInput({ version: 1 }), 'with');
    ({ file } = await render(input, 'with'));
  });

  it('.docx: the synthesis first after the contents, lists as bullets, ë/ç exact, no control character', async () => {
    const docx = await readDocx(file('docx'));
    expect(wellFormed(docx.document)).toBe(true);
    expect(XML_FORBIDDEN.test(docx.document)).toBe(false);
    const ps = paragraphs(docx.document);
    const texts = ps.map((p) => p.text);
    const at = (text: string) => texts.indexOf(text);
    // The contents (a field) come before; the written parts, then the reporting period and the figures.
    expect(at('Contents')).toBeGreaterThanOrEqual(0);
    expect(at('Executive summary')).toBeGreaterThan(at('Contents'));
    expect(ps[at('Executive summary')]!.style).toBe('Heading1');
    expect(texts[at('Executive summary') + 1]).toBe('Written by Ëngjëll Çela on 18 December 2026 (draft v1).');
    expect(at('Points for the SA Council’s attention')).toBeGreaterThan(at('Executive summary'));
    expect(at('Reporting period and purpose')).toBeGreaterThan(at('Points for the SA Council’s attention'));
    expect(at('Summary in figures')).toBeGreaterThan(at('Reporting period and purpose'));
    expect(at('Points proposed from the inputs')).toBeGreaterThan(at('Summary in figures'));
    // The generated parts no longer take the written parts' names.
    expect(texts.filter((t) => t === 'Executive summary')).toHaveLength(1);
    expect(texts).not.toContain('Points proposed for the SA Council’s attention');

    const written = texts.slice(at('Executive summary'), at('Reporting period and purpose'));
    expect(written).toEqual([
      'Executive summary',
      'Written by Ëngjëll Çela on 18 December 2026 (draft v1).',
      'Përparim i qëndrueshëm në shumicën e fushave; bashkëpunimi për sigurinë kibernetike u forcua.',
      'Dy ushtrime të përbashkëta në Durrës dhe Tiranë',
      'Çështjet e FIMI-t: çdo institucion ka një pikë kontakti',
      'Paragrafi i fundit: ç, ë, Ç, Ë.',
      'Points for the SA Council’s attention',
      'Ratify the agreement on the exchange of classified information (§6).',
      'Mbështetje e vazhdueshme për Ukrainën',
    ]);
    // The list items are bulleted paragraphs (numbering), the paragraphs not.
    const xmlOf = (text: string) => docx.document.split('</w:p>').find((p) => p.includes(`>${text}<`))!;
    expect(xmlOf('Dy ushtrime të përbashkëta në Durrës dhe Tiranë')).toContain('<w:numPr>');
    expect(xmlOf('Paragrafi i fundit: ç, ë, Ç, Ë.')).not.toContain('<w:numPr>');
  });

  it('HTML: the synthesis first in the contents and the body, lists as <ul>, the byline small', async () => {
    const html = await readFile(file('html'), 'utf8');
    const toc = html.slice(html.indexOf('<nav class="toc"'), html.indexOf('</nav>'));
    expect(toc.indexOf('href="#synthesis-summary"')).toBeGreaterThan(0);
    expect(toc.indexOf('href="#synthesis-summary"')).toBeLessThan(toc.indexOf('href="#synthesis-attention"'));
    expect(toc.indexOf('href="#synthesis-attention"')).toBeLessThan(toc.indexOf('href="#period"'));
    expect(toc).toContain('>Summary in figures<');

    const main = html.slice(html.indexOf('<main>'));
    expect(main.indexOf('<h1 id="synthesis-summary" class="part">Executive summary</h1>')).toBe('<main>\n'.length);
    expect(main).toContain('<p class="byline">Written by Ëngjëll Çela on 18 December 2026 (draft v1).</p>');
    expect(main).toContain('<ul><li>Dy ushtrime të përbashkëta në Durrës dhe Tiranë</li>\n<li>Çështjet e FIMI-t: çdo institucion ka një pikë kontakti</li></ul>');
    expect(main).toContain('<p>Paragrafi i fundit: ç, ë, Ç, Ë.</p>');
    expect(main).toContain('<h1 id="synthesis-attention">Points for the SA Council’s attention</h1>');
    expect(main.indexOf('id="synthesis-attention"')).toBeLessThan(main.indexOf('id="period"'));
    expect(main.indexOf('id="period"')).toBeLessThan(main.indexOf('<h1 id="summary">Summary in figures</h1>'));
    expect(html).not.toContain('\u0002');
  });

  it('Markdown: the synthesis first after the contents, "- " lists, ë/ç exact', async () => {
    const md = await readFile(file('md'), 'utf8');
    expect(md).toContain('- [Executive summary](#executive-summary)\n- [Points for the SA Council’s attention](#points-for-the-sa-councils-attention)\n- [Reporting period and purpose]');
    const written = md.slice(md.indexOf('## Executive summary'), md.indexOf('## Reporting period and purpose'));
    expect(written).toBe(
      [
        '## Executive summary',
        '*Written by Ëngjëll Çela on 18 December 2026 (draft v1).*',
        'Përparim i qëndrueshëm në shumicën e fushave; bashkëpunimi për sigurinë kibernetike u forcua.',
        '- Dy ushtrime të përbashkëta në Durrës dhe Tiranë\n- Çështjet e FIMI-t: çdo institucion ka një pikë kontakti',
        'Paragrafi i fundit: ç, ë, Ç, Ë.',
        '## Points for the SA Council’s attention',
        '- Ratify the agreement on the exchange of classified information (§6).\n- Mbështetje e vazhdueshme për Ukrainën',
        '',
      ].join('\n\n'),
    );
    expect(md.indexOf('## Summary in figures')).toBeGreaterThan(md.indexOf('## Reporting period and purpose'));
  });

  it('the Albanian summary carries it, as written, under Albanian headings', async () => {
    const html = await readFile(file('summary-html'), 'utf8');
    expect(html).toContain('<h2>Sinteza e koordinatorit: përmbledhja ekzekutive</h2>');
    expect(html).toContain('<li>Çështjet e FIMI-t: çdo institucion ka një pikë kontakti</li>');
    expect(html.indexOf('Sinteza e koordinatorit')).toBeLessThan(html.indexOf('<h2 id="summary">'));
    const docx = await readDocx(file('summary-docx'));
    const texts = paragraphs(docx.document).map((p) => p.text);
    expect(texts).toContain('Sinteza e koordinatorit: pikat për vëmendjen e Këshillit të Stabilizim-Asociimit');
    expect(texts).toContain('Mbështetje e vazhdueshme për Ukrainën');
  });

  it('shows only the parts that have text', () => {
    const model = buildReportModel(withSynthesis(buildReportInput(), { summary: '', attention: 'Vetëm pikat.' }));
    expect(model.synthesis?.summary).toEqual([]);
    expect(model.synthesis?.attention).toEqual([{ kind: 'paragraph', text: 'Vetëm pikat.' }]);
    expect(model.partHeadings).toEqual({ summary: 'Summary in figures', attention: 'Points proposed from the inputs' });
  });
});

describe('a draft without a synthesis', () => {
  it('is as before: the generated executive summary and points keep their names, nothing written comes first', async () => {
    const input = buildReportInput({ version: 1 });
    expect(input.synthesis).toBeUndefined();
    const { file } = await render(input, 'without');
    const texts = paragraphs((await readDocx(file('docx'))).document).map((p) => p.text);
    expect(texts.indexOf('Reporting period and purpose')).toBeLessThan(texts.indexOf('Executive summary'));
    expect(texts).toContain('Points proposed for the SA Council’s attention');
    expect(texts).not.toContain('Summary in figures');
    expect(texts.some((t) => t.startsWith('Written by '))).toBe(false);
    const html = await readFile(file('html'), 'utf8');
    expect(html).not.toContain('synthesis-');
    expect(html).toContain('<h1 id="summary">Executive summary</h1>');
    const md = await readFile(file('md'), 'utf8');
    expect(md).toContain('- [Reporting period and purpose](#reporting-period-and-purpose)\n- [Executive summary](#executive-summary)');
    // An empty synthesis is none.
    expect(buildReportModel(withSynthesis(input, { summary: ' ', attention: '' })).synthesis).toBeUndefined();
  });
});

describe('sdp-review draft synthesis: the files', () => {
  it('reads a file exactly as UTF-8 (a byte-order mark dropped), and refuses one that is not, naming the option', async () => {
    const ok = join(dir, 'summary.txt');
    await writeFile(ok, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Përmbledhje\r\n\r\n- ç\n', 'utf8')]));
    expect(readSynthesisFile('--summary-file', ok)).toBe('Përmbledhje\r\n\r\n- ç\n');
    const latin1 = join(dir, 'attention.txt');
    await writeFile(latin1, Buffer.from('P\xebrmbledhje', 'latin1'));
    expect(() => readSynthesisFile('--attention-file', latin1)).toThrow(/^--attention-file .*attention\.txt: not valid UTF-8 at byte offset 1 \(line 1: 0xEB 0x72/);
    expect(() => readSynthesisFile('--summary-file', join(dir, 'missing.txt'))).toThrow(/^--summary-file .*missing\.txt: ENOENT/);
  });
});
