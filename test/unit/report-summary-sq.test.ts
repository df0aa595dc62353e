/**
 * The Albanian summary of a draft (`…-summary-sq.docx` and `.html`), written beside the English
 * report by the same activity from the same model: Albanian headings and labels, the areas'
 * and commitments' Albanian wordings from the seeds, the ratings and statuses of the report, what
 * people typed kept as typed, no internal id, and the .docx well-formed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderStore } from '../../infra/storage';
import { renderReport, type RenderedReport } from '../../activities/report';
import type { ReportInput } from '../../domain/report';
import { buildReportInput, MISSING_AREA, OVERRIDE_AREA, WAIVED_AREA } from '../fixtures/report/build-input';
import { paragraphs, readDocx, tables, wellFormed } from '../fixtures/report/read-docx';

const STATUS_SQ: Record<string, string> = {
  achieved: 'I përmbushur',
  ongoing: 'I vazhdueshëm',
  'in-progress': 'Në proces',
  'not-started': 'Nuk ka filluar',
};

let dir: string;
let input: ReportInput;
let rendered: RenderedReport;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdp-summary-sq-'));
  input = buildReportInput({ version: 2 });
  // Draft v2 diffs against v1: write v1 first, as the cycle does.
  await renderReport({ store: new FolderStore(dir) }, buildReportInput({ version: 1 }));
  rendered = await renderReport({ store: new FolderStore(dir) }, input);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pathOf = (format: string) => join(dir, rendered.files.find((f) => f.format === format)!.key);

/** Each commitment's Albanian wording and status, worked out from the input independently of the renderer. */
function expectedStatusRows(): string[][] {
  return input.areas.flatMap((a) =>
    a.commitments.map((c) => {
      const reported = a.status !== 'waived' ? a.contribution?.commitments.find((p) => p.commitmentId === c.id) : undefined;
      const status = a.status === 'waived' ? 'Përjashtuar' : reported ? STATUS_SQ[reported.status]! : 'Pa raportuar';
      return [a.titleSq!, String(c.paragraph), c.wordingSq!, status];
    }),
  );
}

describe('the Albanian summary of a draft', () => {
  it('is listed in the draft’s files, after the report and before the input kept for the next comparison', () => {
    expect(rendered.files.map((f) => f.key)).toEqual([
      '2026/draft-v2/sdp-review-2026-draft-v2.docx',
      '2026/draft-v2/sdp-review-2026-draft-v2.html',
      '2026/draft-v2/sdp-review-2026-draft-v2.md',
      '2026/draft-v2/sdp-review-2026-draft-v2-summary-sq.docx',
      '2026/draft-v2/sdp-review-2026-draft-v2-summary-sq.html',
      '2026/draft-v2/changes-v1-to-v2.html',
      '2026/draft-v2/report-input.json',
    ]);
    expect(rendered.files.map((f) => f.format)).toEqual(['docx', 'html', 'md', 'summary-docx', 'summary-html', 'changes-html', 'json']);
  });

  it('the .docx: Albanian headings, every area by its Albanian title with its rating, and the status table in Albanian', async () => {
    const docx = await readDocx(pathOf('summary-docx'));
    for (const part of Object.values(docx.xml)) expect(wellFormed(part)).toBe(true);
    const texts = paragraphs(docx.document).map((p) => p.text);
    expect(texts).toContain('Partneriteti BE–Shqipëri për Sigurinë dhe Mbrojtjen');
    expect(texts).toContain('Raporti vjetor i progresit 2026: përmbledhje në shqip');
    expect(texts).toContain('Përmbledhja ekzekutive');
    expect(texts).toContain('Gjendja e angazhimeve');
    expect(texts.some((t) => t.includes('sdp-review-2026-draft-v2.docx'))).toBe(true);
    const total = input.areas.reduce((n, a) => n + a.commitments.length, 0);
    expect(texts).toContain(`Nga ${total} angazhimet e ndjekura në Partneritet këtë cikël:`);
    expect(docx.headers.join('')).toContain('Përmbledhje në shqip · Raporti i progresit 2026 · Drafti v2');

    const [ratings, status] = tables(docx.document);
    expect(ratings!.rows[0]).toEqual(['Fusha e bashkëpunimit', 'Vlerësimi', 'Baza']);
    expect(ratings!.rows.slice(1).map((r) => r[0])).toEqual(input.areas.map((a) => a.titleSq));
    const row = (id: string) => ratings!.rows[1 + input.areas.findIndex((a) => a.id === id)]!;
    expect(row('cyber-issues')[0]).toBe('Çështjet kibernetike');
    expect(row(WAIVED_AREA)[1]).toBe('Përjashtuar');
    expect(row(WAIVED_AREA)[2]).toContain(`Përjashtuar: ${input.areas.find((a) => a.id === WAIVED_AREA)!.waiver!.reason}`);
    expect(row(MISSING_AREA)).toEqual([expect.any(String), 'E kuqe', 'Nuk është marrë kontribut']);
    // The coordinator's reason stays as typed (English here); the rest of the line is Albanian.
    expect(row(OVERRIDE_AREA)[1]).toBe('E gjelbër');
    expect(row(OVERRIDE_AREA)[2]).toMatch(/^Caktuar nga koordinatori: .*Hybrid Risk Survey.* \(vlerësimi sipas rregullit: (E kuqe|Portokalli)\)$/);

    expect(status!.rows[0]).toEqual(['Fusha e bashkëpunimit', '§', 'Angazhimi', 'Gjendja']);
    expect(status!.rows.slice(1)).toEqual(expectedStatusRows());
  });

  it('the .html: lang="sq", the same content, escaped, with no English label and no internal id', async () => {
    const html = await readFile(pathOf('summary-html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="sq">/);
    expect(html).toContain('<h2 id="summary">Përmbledhja ekzekutive</h2>');
    for (const area of input.areas) expect(html).toContain(area.titleSq!);
    for (const english of ['Executive summary', 'Not started', 'Achieved', 'Area of cooperation', 'Page ']) expect(html).not.toContain(english);
    for (const area of input.areas) expect(html).not.toContain(`>${area.id}<`);
    expect(html).toContain('content: "Faqja " counter(page) " nga " counter(pages)');
  });

  it('a cycle started before areas had Albanian titles: the English titles and wordings, Albanian labels', async () => {
    const old = buildReportInput({ version: 1 });
    for (const a of old.areas) {
      delete a.titleSq;
      a.commitments = a.commitments.map(({ wordingSq: _sq, ...c }) => c);
    }
    const files = await renderReport({ store: new FolderStore(join(dir, 'old')) }, old);
    const html = await readFile(join(dir, 'old', files.files.find((f) => f.format === 'summary-html')!.key), 'utf8');
    expect(html).toContain(old.areas[0]!.title);
    expect(html).toContain(old.areas[0]!.commitments[0]!.wording);
    expect(html).toContain('Gjendja e angazhimeve');
  });
});
