/**
 * The report renderer against real files in a temporary folder: the .docx is read back (jszip +
 * fast-xml-parser) and checked for what a reader of the report relies on; HTML, Markdown, the
 * changes page and the final package are checked too. Throughout, case C7: control characters
 * pasted into a contribution leave the .docx well-formed, and ë, Ç, tabs and line breaks are kept.
 * The suite renders without the PDF (vitest.config.ts); test/web/report-pdf.test.ts reads the PDF back.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderStore } from '../../infra/storage';
import type { ReportInput } from '../../domain/report';
import type { AreaState } from '../../domain/state';
import { PreviousDraftMissingError, renderReport, type FinalManifest, type RenderedReport } from '../../activities/report';
import { buildReportModel, deriveRating } from '../../activities/report/model';
import { COMMITMENT_STATUS_LABEL, PARTNERSHIP_TITLE } from '../../activities/report/texts';
import {
  buildReportInput,
  C7_AREA,
  C7_AUTHOR,
  C7_CLEAN,
  C7_RAW,
  LATE_AREA,
  MISSING_AREA,
  OVERRIDE_AREA,
  WAIVED_AREA,
} from '../fixtures/report/build-input';
import { fieldInstructions, paragraphs, readDocx, tables, wellFormed, XML_FORBIDDEN, type DocxParts } from '../fixtures/report/read-docx';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdp-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fileOf = (r: RenderedReport, format: string) => {
  const f = r.files.find((x) => x.format === format);
  if (!f) throw new Error(`no ${format} file in ${JSON.stringify(r.files.map((x) => x.key))}`);
  return join(dir, f.key);
};

/**
 * The rows the status table must show, worked out from the input independently of the renderer:
 * per area a title row (one cell), then its commitments (§, wording, status).
 */
function expectedStatusRows(input: ReportInput): string[][] {
  return input.areas.flatMap((a) => [
    [a.title],
    ...a.commitments.map((c) => {
      const reported = a.status !== 'waived' ? a.contribution?.commitments.find((p) => p.commitmentId === c.id) : undefined;
      const label = a.status === 'waived' ? 'Waived' : reported ? COMMITMENT_STATUS_LABEL[reported.status] : 'Not reported';
      return [String(c.paragraph), c.wording, label];
    }),
  ]);
}

describe('draft v1', () => {
  let input: ReportInput;
  let rendered: RenderedReport;
  let docx: DocxParts;

  beforeAll(async () => {
    input = buildReportInput({ version: 1 });
    rendered = await renderReport({ store: new FolderStore(dir) }, input);
    docx = await readDocx(fileOf(rendered, 'docx'));
  });

  it('writes the draft files under <year>/draft-v1 with safe names, and reports no changes', async () => {
    expect(rendered.files.map((f) => [f.format, f.key])).toEqual([
      ['docx', '2026/draft-v1/sdp-review-2026-draft-v1.docx'],
      ['html', '2026/draft-v1/sdp-review-2026-draft-v1.html'],
      ['md', '2026/draft-v1/sdp-review-2026-draft-v1.md'],
      ['summary-docx', '2026/draft-v1/sdp-review-2026-draft-v1-summary-sq.docx'],
      ['summary-html', '2026/draft-v1/sdp-review-2026-draft-v1-summary-sq.html'],
      ['json', '2026/draft-v1/report-input.json'],
    ]);
    expect(rendered.changedAreas).toEqual([]);
    for (const f of rendered.files) {
      expect(f.key).toMatch(/^\d{4}\/(draft-v\d+|final)\/[a-z0-9][a-z0-9.-]*$/);
      const bytes = await readFile(join(dir, f.key));
      expect(f.bytes).toBe(bytes.byteLength);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect((await readdir(join(dir, '2026/draft-v1'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('is well-formed XML with no forbidden character, though control characters were pasted (C7)', () => {
    const raw = input.areas.find((a) => a.id === C7_AREA)!.contribution!;
    expect(raw.narrative).toContain(C7_RAW);
    for (const [name, xml] of Object.entries(docx.xml)) {
      expect(wellFormed(xml), name).toBe(true);
      expect(XML_FORBIDDEN.test(xml), name).toBe(false);
    }
  });

  it('keeps Albanian letters, tabs and line breaks of the narrative and of a table cell (C7)', () => {
    const texts = paragraphs(docx.document).map((p) => p.text);
    expect(texts).toContain(`${C7_CLEAN}.`);
    expect(texts).toContain('Përmbledhje:\tdy takime\nBrussels and Tiranë');
    const deliverables = tables(docx.document).filter((t) => t.rows[0]?.[0] === 'Deliverable');
    expect(deliverables.some((t) => t.rows.some((r) => r[3] === C7_CLEAN))).toBe(true);
    expect(docx.document).toContain('<w:tab/>');
    expect(docx.document).toContain('<w:br/>');
  });

  it('has a Heading 2 for each of the 15 areas, in order, and the main parts as Heading 1', () => {
    const ps = paragraphs(docx.document);
    expect(input.areas).toHaveLength(15);
    expect(ps.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(input.areas.map((a) => a.title));
    expect(ps.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([
      'Reporting period and purpose',
      'Executive summary',
      'Points proposed for the SA Council’s attention',
      'Status of commitments',
      'Progress by area of cooperation',
      'Waived areas and missing or late inputs',
    ]);
  });

  it('has a table of contents field that Word fills on opening', () => {
    expect(fieldInstructions(docx.document)).toContain('TOC \\h \\o "1-2"');
    expect(docx.document).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    expect(docx.xml['word/settings.xml']).toContain('<w:updateFields/>');
  });

  it('has the running header (title, year, version, date) and page numbers in the footer', () => {
    const headerTexts = docx.headers.flatMap((h) => paragraphs(h).map((p) => p.text));
    expect(headerTexts).toContain(`${PARTNERSHIP_TITLE} · Progress report 2026 · Draft v1 · 18 December 2026`);
    const footerFields = docx.footers.flatMap(fieldInstructions);
    expect(footerFields).toEqual(expect.arrayContaining(['PAGE', 'NUMPAGES']));
  });

  it('has the cover page: title, year, the Dialogue and the SA Council', () => {
    const first = paragraphs(docx.document).slice(0, 8).map((p) => p.text);
    expect(first[0]).toBe(PARTNERSHIP_TITLE);
    expect(first[1]).toBe('Annual progress report 2026');
    expect(first.join(' ')).toMatch(/Security and Defence Dialogue.*Stabilisation and Association Council/);
  });

  it('has the status table: grouped by area, one row per commitment, fixed layout, explicit widths', () => {
    const status = tables(docx.document).find((t) => t.rows[0]?.join('|') === '§|Commitment|Status');
    expect(status).toBeDefined();
    expect(status!.rows.slice(1)).toEqual(expectedStatusRows(input));
    expect(status!.layout).toBe('fixed');
    expect(status!.grid.reduce((a, b) => a + b, 0)).toBe(9_026);
    // A title row's one cell spans the whole grid; the other rows have the grid's widths.
    for (const widths of status!.cellWidths) expect(widths.length === 1 ? [widths[0]] : widths).toEqual(widths.length === 1 ? [9_026] : status!.grid);
    for (const t of tables(docx.document)) expect(t.layout).toBe('fixed');
  });

  it('rates each area in the executive summary, with the override and its reason', () => {
    const summary = tables(docx.document).find((t) => t.rows[0]?.join('|') === 'Area of cooperation|Rating|Basis')!;
    const row = (id: string) => summary.rows.find((r) => r[0] === input.areas.find((a) => a.id === id)!.title)!;
    expect(summary.rows).toHaveLength(16);
    expect(row(OVERRIDE_AREA)[1]).toBe('Green');
    expect(row(OVERRIDE_AREA)[2]).toContain(input.ratingOverrides[OVERRIDE_AREA]!.reason);
    expect(row(MISSING_AREA)[1]).toBe('Red');
    expect(row(WAIVED_AREA)[1]).toBe('Waived');
  });

  it('lists waived, missing and late inputs with their reasons, and labels the SA Council points as proposed', () => {
    const gaps = tables(docx.document).find((t) => t.rows[0]?.join('|') === 'Area of cooperation|Situation|Reason or detail')!;
    const title = (id: string) => input.areas.find((a) => a.id === id)!.title;
    expect(gaps.rows).toEqual(
      expect.arrayContaining([
        [title(WAIVED_AREA), 'Waived', input.areas.find((a) => a.id === WAIVED_AREA)!.waiver!.reason],
        [title(MISSING_AREA), 'Missing', 'No input received by 14 December 2026.'],
        [title(LATE_AREA), 'Late', 'Received on 17 December 2026; due on 14 December 2026.'],
      ]),
    );
    const text = paragraphs(docx.document).map((p) => p.text).join('\n');
    expect(text).toContain('proposed by the Partnership Secretariat');
    expect(text).not.toContain('Annex A');
  });

  it('HTML: every area heading, Albanian letters, no control characters, a print stylesheet', async () => {
    const html = await readFile(fileOf(rendered, 'html'), 'utf8');
    for (const a of input.areas) expect(html).toContain(`<h2>${escapeHtml(a.title)}</h2>`);
    expect(html).toContain(C7_CLEAN);
    expect(html).toContain('Përmbledhje:<span class="tab">\t</span>dy takime<br>');
    expect(XML_FORBIDDEN.test(html)).toBe(false);
    expect(html).toContain('@media print');
    expect(html).toContain('Draft v1 · 18 December 2026');
  });

  it('Markdown: the status table has a title row per area and one row per commitment', async () => {
    const md = await readFile(fileOf(rendered, 'md'), 'utf8');
    const section = md.split('\n## Status of commitments\n')[1]!.split('\n## ')[0]!;
    const rows = section.split('\n').filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(2 + expectedStatusRows(input).length);
    expect(md).toContain(C7_CLEAN);
    expect(XML_FORBIDDEN.test(md)).toBe(false);
  });
});

describe('draft v2', () => {
  it('names the changed area and shows an inserted word on the changes page', async () => {
    const artifactsDir = join(dir, 'changes');
    await renderReport({ store: new FolderStore(artifactsDir) }, buildReportInput({ version: 1 }));
    const v2 = buildReportInput({ version: 2 });
    const late = v2.areas.find((a) => a.id === LATE_AREA)!;
    const [first, ...rest] = late.contribution!.narrative.split(' ');
    late.contribution!.narrative = [first, 'jointly', ...rest].join(' ');

    const rendered = await renderReport({ store: new FolderStore(artifactsDir) }, v2);
    expect(rendered.changedAreas).toEqual([LATE_AREA]);
    const changes = rendered.files.find((f) => f.format === 'changes-html')!;
    expect(changes.key).toBe('2026/draft-v2/changes-v1-to-v2.html');
    const page = await readFile(join(artifactsDir, changes.key), 'utf8');
    expect(page).toContain(`<h2>${escapeHtml(late.title)}</h2>`);
    expect(page).toMatch(/<ins>\s*jointly\s*<\/ins>/);
    expect(page).not.toContain('<del>');
    const unchanged = page.split('Areas not changed')[1]!;
    expect(unchanged).toContain(escapeHtml(v2.areas.find((a) => a.id === C7_AREA)!.title));
  });

  it('counts a status change and a waiver as changes', async () => {
    const artifactsDir = join(dir, 'changes-2');
    await renderReport({ store: new FolderStore(artifactsDir) }, buildReportInput({ version: 1 }));
    const v2 = buildReportInput({ version: 2 });
    const cyber = v2.areas.find((a) => a.id === C7_AREA)!;
    cyber.contribution!.commitments[0]!.status = 'achieved';
    const training = v2.areas.find((a) => a.id === 'training-education')!;
    training.status = 'waived';
    training.waiver = { reason: 'Merged into the CSDP area.', by: v2.areas[0]!.submittedBy!, at: '2026-12-20T10:00:00.000Z' };
    const rendered = await renderReport({ store: new FolderStore(artifactsDir) }, v2);
    expect(rendered.changedAreas.sort()).toEqual([C7_AREA, 'training-education'].sort());
  });

  it('fails clearly when the previous draft’s input is missing', async () => {
    await expect(renderReport({ store: new FolderStore(join(dir, 'empty')) }, buildReportInput({ version: 2 }))).rejects.toBeInstanceOf(PreviousDraftMissingError);
  });
});

describe('final', () => {
  let input: ReportInput;
  let rendered: RenderedReport;
  let draftDocxSha: string;
  const artifactsDir = () => join(dir, 'final-case');

  beforeAll(async () => {
    const draft = await renderReport({ store: new FolderStore(artifactsDir()) }, buildReportInput({ version: 1 }));
    draftDocxSha = draft.files.find((f) => f.format === 'docx')!.sha256;
    input = buildReportInput({ version: 1, kind: 'final', signedDraftSha256: draftDocxSha });
    rendered = await renderReport({ store: new FolderStore(artifactsDir()) }, input);
  });

  it('writes the four files of the package; the manifest’s SHA-256 values match the files on disk', async () => {
    expect(rendered.files.map((f) => [f.format, f.key])).toEqual([
      ['docx', '2026/final/sdp-review-2026-final.docx'],
      ['html', '2026/final/sdp-review-2026-final.html'],
      ['md', '2026/final/sdp-review-2026-final.md'],
      ['json', '2026/final/sdp-review-2026-final-signed-content.json'],
      ['json', '2026/final/sdp-review-2026-final-manifest.json'],
    ]);
    const manifestBytes = await readFile(join(artifactsDir(), rendered.files[4]!.key));
    expect(createHash('sha256').update(manifestBytes).digest('hex')).toBe(rendered.files[4]!.sha256);
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as FinalManifest;
    expect(manifest.files.map((f) => f.name)).toEqual([
      'sdp-review-2026-final.docx',
      'sdp-review-2026-final.html',
      'sdp-review-2026-final.md',
      'sdp-review-2026-final-signed-content.json',
    ]);
    for (const f of manifest.files) {
      const bytes = await readFile(join(artifactsDir(), f.key));
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(f.bytes).toBe(bytes.byteLength);
    }
    expect(manifest.signOff.signedVersion).toBe(1);
    expect(manifest.signOff.signedDraftSha256).toBe(draftDocxSha);
    expect(manifest.signOff.decisions.map((d) => [d.directorName, d.decision])).toEqual([
      [input.directors.eu.name, 'approve'],
      [input.directors.al.name, 'approve'],
    ]);
    expect(manifest.signOff.decisions[1]!.date).toBe('22 December 2026');
    expect(rendered.changedAreas).toEqual([]);
  });

  it('has the sign-off annex and the contributors annex in the .docx, and "Final" in the header', async () => {
    const docx = await readDocx(join(artifactsDir(), rendered.files[0]!.key));
    for (const xml of Object.values(docx.xml)) expect(wellFormed(xml)).toBe(true);
    const ps = paragraphs(docx.document);
    const h1 = ps.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(h1).toEqual(expect.arrayContaining(['Annex A: Sign-off record', 'Annex B: Contributors by area']));
    expect(ps.map((p) => p.text)).toEqual(expect.arrayContaining(['Signed version: draft v1', draftDocxSha]));
    const signOff = tables(docx.document).find((t) => t.rows[0]?.join('|') === 'Director|Decision|Date|Comment')!;
    expect(signOff.rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      [`${input.directors.eu.name} (EU)`, 'Approved', '21 December 2026, 10:30 CET'],
      [`${input.directors.al.name} (Albania)`, 'Approved', '22 December 2026, 10:30 CET'],
    ]);
    expect(signOff.rows[2]![3]).toBe('Miratuar. Faleminderit për punën e përbashkët.');
    const contributors = tables(docx.document).find((t) => t.rows[0]?.[0] === 'Area of cooperation' && t.rows[0]?.[3] === 'Input submitted by')!;
    expect(contributors.rows).toHaveLength(16);
    expect(contributors.rows.find((r) => r[0] === input.areas.find((a) => a.id === C7_AREA)!.title)![3]).toBe(C7_AUTHOR);
    const headerTexts = docx.headers.flatMap((h) => paragraphs(h).map((p) => p.text));
    expect(headerTexts).toContain(`${PARTNERSHIP_TITLE} · Progress report 2026 · Final · 23 December 2026`);
  });

  it('refuses a final without the signed draft’s SHA-256', async () => {
    const bad = { ...buildReportInput({ version: 1, kind: 'final' }), signedDraftSha256: undefined };
    await expect(renderReport({ store: new FolderStore(artifactsDir()) }, bad)).rejects.toThrow(/signedDraftSha256/);
  });
});

describe('rendering again', () => {
  it('overwrites the same files atomically, leaving no temporary file', async () => {
    const artifactsDir = join(dir, 'again');
    const input = buildReportInput({ version: 1 });
    const a = await renderReport({ store: new FolderStore(artifactsDir) }, input);
    const b = await renderReport({ store: new FolderStore(artifactsDir) }, input);
    expect(b.files.map((f) => f.key)).toEqual(a.files.map((f) => f.key));
    expect(b.files.find((f) => f.format === 'html')!.sha256).toBe(a.files.find((f) => f.format === 'html')!.sha256);
    expect((await readdir(join(artifactsDir, '2026/draft-v1'))).sort()).toEqual(
      [
        'report-input.json',
        'sdp-review-2026-draft-v1-summary-sq.docx',
        'sdp-review-2026-draft-v1-summary-sq.html',
        'sdp-review-2026-draft-v1.docx',
        'sdp-review-2026-draft-v1.html',
        'sdp-review-2026-draft-v1.md',
      ],
    );
  });
});

describe('contributor text that looks like markup', () => {
  it('stays text in HTML and Markdown', async () => {
    const artifactsDir = join(dir, 'markup');
    const input = buildReportInput({ version: 1 });
    const cyber = input.areas.find((a) => a.id === C7_AREA)!;
    cyber.contribution!.narrative = '<script>alert(1)</script> | # not a heading\n- not a list\n\n1. not a list either';
    cyber.contribution!.deliverables[0]!.title = 'Cell | with pipe';
    const rendered = await renderReport({ store: new FolderStore(artifactsDir) }, input);
    const html = await readFile(join(artifactsDir, rendered.files.find((f) => f.format === 'html')!.key), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const md = await readFile(join(artifactsDir, rendered.files.find((f) => f.format === 'md')!.key), 'utf8');
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\| # not a heading\\\n\\- not a list\n\n1\\. not a list either');
    expect(md).toContain('| Cell \\| with pipe |');
  });
});

describe('ratings', () => {
  const area = (statuses: AreaState['status'] | string[], status: AreaState['status'] = 'submitted'): Pick<AreaState, 'status' | 'commitments' | 'contribution'> => {
    const list = Array.isArray(statuses) ? statuses : [];
    const commitments = list.map((_, i) => ({ id: `a-${i + 1}`, paragraph: 13, wording: 'w', quote: 'q' }));
    return {
      status: Array.isArray(statuses) ? status : statuses,
      commitments,
      contribution: Array.isArray(statuses)
        ? { areaId: 'a', narrative: 'n', nextSteps: '', deliverables: [], commitments: list.map((s, i) => ({ commitmentId: `a-${i + 1}`, status: s as 'achieved', comment: '' })) }
        : undefined,
    };
  };

  it('derives green, amber, red and waived as documented', () => {
    expect(deriveRating(area(['achieved', 'ongoing', 'ongoing']))).toBe('green');
    expect(deriveRating(area(['achieved', 'in-progress', 'not-started']))).toBe('amber');
    expect(deriveRating(area(['not-started', 'achieved']))).toBe('red');
    expect(deriveRating(area(['not-started', 'not-started', 'achieved']))).toBe('red');
    expect(deriveRating(area('missing'))).toBe('red');
    expect(deriveRating(area(['achieved'], 'waived'))).toBe('waived');
  });

  it('lets the coordinator’s override win, with its reason', () => {
    const model = buildReportModel(buildReportInput());
    const overridden = model.areas.find((a) => a.id === OVERRIDE_AREA)!;
    expect(overridden.rating).toBe('green');
    expect(overridden.derivedRating).not.toBe('green');
    expect(overridden.ratingBasis).toContain('Hybrid Risk Survey');
  });
});
