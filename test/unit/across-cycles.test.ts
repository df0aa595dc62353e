/**
 * Across the years (issue 14), unit tier: the follow-up field of an input (schema, Markdown file,
 * the web form's fields), the progress table builder, and the report's follow-up section and
 * progress annex rendered from an archive of the year before in a folder store.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCycleArchive } from '../../activities/archive';
import { renderReport } from '../../activities/report';
import { CyclesOnRecord } from '../../activities/report/across-cycles/record';
import { parseContributionMarkdown } from '../../client/contribution-file';
import { storedContributionProblems, summariseContribution } from '../../domain/contribution-ref';
import { progressTable, statusesOfCycle, type CycleStatuses } from '../../domain/progress-across-cycles';
import type { ReportInput } from '../../domain/report';
import { contributionSchemaFor } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import { fieldErrors } from '../../domain/validation';
import { FolderStore } from '../../infra/storage';
import { contributionFrom, postedValues, valuesOf } from '../../web/contribution/form';
import { buildReportInput } from '../fixtures/report/build-input';
import { paragraphs, readDocx, tables } from '../fixtures/report/read-docx';
import { sampleFor, seeds } from '../helpers/cycle';

const area = seeds.areas.find((a) => a.id === 'cyber-issues')!;
const COMMENT = 'Ushtrimi në Durrës u mbajt; trajnimi në Tiranë u shty — Çështja e buxhetit.\n\nE dyta: ë Ë ç Ç';

describe('the follow-up field of an input', () => {
  const schema = contributionSchemaFor(area);

  it('is optional: an input without it is valid and has none', () => {
    const parsed = schema.parse(sampleFor(area.id));
    expect(parsed.followUp).toBeUndefined();
  });

  it('keeps the outcome and the comment exactly (Albanian letters, paragraphs)', () => {
    const parsed = schema.parse({ ...sampleFor(area.id), followUp: { outcome: 'partly', comment: COMMENT } });
    expect(parsed.followUp).toEqual({ outcome: 'partly', comment: COMMENT });
    // The summary the workflows carry is unchanged, so area-collection's validator accepts the stored input.
    const summary = summariseContribution(parsed);
    expect(Object.keys(summary).sort()).toEqual(['commitments', 'deliverables', 'narrativeChars']);
    const stored = { key: `2027/inputs/${area.id}/${'a'.repeat(64)}.json`, sha256: 'a'.repeat(64), bytes: 100, summary };
    expect(storedContributionProblems(stored, area, 2027)).toEqual([]);
  });

  it('names each bad field: an unknown outcome, a comment too long, a key not in the shape', () => {
    const bad = schema.safeParse({ ...sampleFor(area.id), followUp: { outcome: 'maybe', comment: 'x'.repeat(20_001) } });
    expect(bad.success).toBe(false);
    const paths = fieldErrors(bad.error!).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['followUp.outcome', 'followUp.comment']));
    const extra = schema.safeParse({ ...sampleFor(area.id), followUp: { outcome: 'done', comment: '', when: 'now' } });
    expect(fieldErrors(extra.error!).map((e) => e.path)).toEqual(['followUp']);
    const none = schema.safeParse({ ...sampleFor(area.id), followUp: { comment: 'no outcome' } });
    expect(fieldErrors(none.error!).map((e) => e.path)).toEqual(['followUp.outcome']);
  });

  it('is read from a Markdown input file: `## Follow-up`, an outcome line, the comment as written', () => {
    const md = `## Commitments\n- ${area.commitments.map((c) => `${c.id}: ongoing — ok`).join(`\n- `)}\n## Narrative\nNë Tiranë.\n## Follow-up\nOutcome: Partly done\n${COMMENT}\n`;
    const input = parseContributionMarkdown(md, area.id);
    expect(input.followUp).toEqual({ outcome: 'partly', comment: COMMENT });
    expect(schema.parse(input).followUp).toEqual({ outcome: 'partly', comment: COMMENT });
    expect(parseContributionMarkdown(md.replace('Partly done', 'not done'), area.id).followUp?.outcome).toBe('not-done');
    // Without the outcome line nothing is lost: the text is the comment, and the schema names the missing outcome.
    const noOutcome = parseContributionMarkdown(md.replace('Outcome: Partly done\n', ''), area.id);
    expect(noOutcome.followUp?.comment).toBe(COMMENT);
    expect(fieldErrors(schema.safeParse(noOutcome).error!).map((e) => e.path)).toEqual(['followUp.outcome']);
    // A file without the section has no follow-up.
    expect(parseContributionMarkdown(md.replace(/## Follow-up[\s\S]*$/, ''), area.id).followUp).toBeUndefined();
  });

  it('goes through the web form: values of an input on record, and back to an input', () => {
    const input = schema.parse({ ...sampleFor(area.id), followUp: { outcome: 'not-done', comment: COMMENT } });
    const values = valuesOf(area, input);
    expect(values['followUp.outcome']).toBe('not-done');
    expect(values['followUp.comment']).toBe(COMMENT);
    const posted = postedValues(area, values);
    expect(contributionFrom(area, posted.values, posted.rows).input.followUp).toEqual({ outcome: 'not-done', comment: COMMENT });
    // A first cycle's form has no follow-up fields: the input has no follow-up.
    const first = valuesOf(area, schema.parse(sampleFor(area.id)));
    delete first['followUp.outcome'];
    delete first['followUp.comment'];
    const again = postedValues(area, first);
    expect('followUp' in contributionFrom(area, again.values, again.rows).input).toBe(false);
  });
});

describe('the progress table builder', () => {
  const cycle = (year: number, areas: CycleStatuses['areas']): CycleStatuses => ({ year, stage: 'submitted', areas });
  const c = (id: string, paragraph: number, wording: string) => ({ id, paragraph, wording });

  it('gives each commitment its status per year, in the latest cycle’s order, waived and missing areas and new commitments included', () => {
    const table = progressTable([
      cycle(2027, [
        { id: 'a', title: 'Area A (2027)', commitments: [c('a-1', 13, 'One'), c('a-2', 13, 'Two'), c('a-3', 14, 'Three, new')], status: 'submitted', statuses: { 'a-1': 'achieved', 'a-2': 'ongoing', 'a-3': 'not-started' } },
        { id: 'b', title: 'Area B', commitments: [c('b-1', 20, 'Bë')], status: 'waived' },
      ]),
      cycle(2026, [
        { id: 'b', title: 'Area B', commitments: [c('b-1', 20, 'Bë')], status: 'missing' },
        { id: 'a', title: 'Area A', commitments: [c('a-1', 13, 'One'), c('a-2', 13, 'Two')], status: 'submitted', statuses: { 'a-1': 'in-progress', 'a-2': 'not-started' } },
        { id: 'old', title: 'Gone', commitments: [c('old-1', 30, 'Old')], status: 'submitted', statuses: { 'old-1': 'achieved' } },
      ]),
    ]);
    expect(table.years).toEqual([2026, 2027]);
    expect(table.groups.map((g) => [g.areaId, g.title])).toEqual([['a', 'Area A (2027)'], ['b', 'Area B'], ['old', 'Gone']]);
    const cells = Object.fromEntries(table.groups.flatMap((g) => g.rows.map((r) => [r.commitmentId, r.cells])));
    expect(cells).toEqual({
      'a-1': ['in-progress', 'achieved'],
      'a-2': ['not-started', 'ongoing'],
      'a-3': [undefined, 'not-started'],
      'b-1': ['not-reported', 'waived'],
      'old-1': ['achieved', undefined],
    });
  });

  it('reads a cycle’s statuses from its inputs inline or the summaries of its stored inputs', () => {
    const s = statusesOfCycle({
      year: 2026,
      stage: 'submitted',
      areas: [
        { id: 'x', title: 'X', commitments: [c('x-1', 1, 'x')], status: 'submitted', input: { key: `2026/inputs/x/${'b'.repeat(64)}.json`, sha256: 'b'.repeat(64), bytes: 2, summary: { commitments: [{ commitmentId: 'x-1', status: 'ongoing' }], deliverables: 0, narrativeChars: 1 } } },
        { id: 'y', title: 'Y', commitments: [c('y-1', 2, 'y')], status: 'submitted', contribution: { commitments: [{ commitmentId: 'y-1', status: 'achieved', comment: '' }] } },
        { id: 'z', title: 'Z', commitments: [c('z-1', 3, 'z')], status: 'awaiting-input' },
      ],
    });
    expect(s.areas.map((a) => a.statuses)).toEqual([{ 'x-1': 'ongoing' }, { 'y-1': 'achieved' }, undefined]);
  });
});

describe('the report across cycles', () => {
  let dir: string;
  let store: FolderStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sdp-across-'));
    store = new FolderStore(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The state of a finished cycle of `year` with the areas of `input`, as the archive holds it. */
  function finishedState(input: ReportInput, year: number): ReviewCycleState {
    return {
      workflowId: `review-cycle-${year}`, year, stage: 'submitted', timeZone: input.timeZone, kickoffAt: `${year}-03-02T08:00:00.000Z`,
      inputsDueAt: `${year}-03-30T21:59:59.999Z`, submissionDueAt: `${year}-06-30T21:59:59.999Z`, coordinator: input.coordinator, directors: input.directors,
      saCouncilSecretariat: input.saCouncilSecretariat, areas: input.areas, drafts: [], decisions: [], events: [],
    };
  }

  it('a first cycle has neither the follow-up nor the annex', async () => {
    const input = { ...buildReportInput({ pasteControlCharacters: false }), year: 2030 };
    const r = await renderReport({ store }, input);
    const md = await readFile(join(dir, r.files.find((f) => f.format === 'md')!.key), 'utf8');
    expect(md).not.toContain('Follow-up of last year’s next steps');
    expect(md).not.toContain('Progress across cycles');
  });

  it('a second cycle has the follow-up of last year’s next steps and the progress annex with both years, in .docx, HTML and Markdown', async () => {
    const before = buildReportInput({ pasteControlCharacters: false });
    const lastYear = before.year;
    await writeCycleArchive(store, finishedState(before, lastYear), true);
    const cyber = before.areas.find((a) => a.id === 'cyber-issues')!;
    const input: ReportInput = {
      ...before,
      year: lastYear + 1,
      workflowId: `review-cycle-${lastYear + 1}`,
      areas: before.areas.map((a) =>
        a.id === 'cyber-issues' && a.contribution
          ? { ...a, contribution: { ...a.contribution, commitments: a.contribution.commitments.map((p) => ({ ...p, status: 'achieved' as const })), followUp: { outcome: 'partly' as const, comment: COMMENT } } }
          : a,
      ),
    };
    const r = await renderReport({ store }, input);
    const path = (format: string) => join(dir, r.files.find((f) => f.format === format)!.key);

    const docx = await readDocx(path('docx'));
    const texts = paragraphs(docx.document).map((p) => p.text);
    expect(texts).toContain('Follow-up of last year’s next steps');
    expect(texts).toContain(`Next steps reported in ${lastYear}`);
    expect(texts).toContain('Outcome: Partly done.');
    expect(texts.join('\n')).toContain('Ushtrimi në Durrës u mbajt; trajnimi në Tiranë u shty — Çështja e buxhetit.');
    expect(texts.join('\n')).toContain(cyber.contribution!.nextSteps.split('\n')[0]!);
    expect(texts).toContain('Annex A: Progress across cycles');
    const annex = tables(docx.document).map((t) => t.rows).find((rows) => rows[0]?.includes(String(lastYear + 1)))!;
    expect(annex[0]).toEqual(['§', 'Commitment', String(lastYear), String(lastYear + 1)]);
    const firstCyber = cyber.commitments[0]!;
    const before1 = cyber.contribution!.commitments.find((p) => p.commitmentId === firstCyber.id)!.status;
    const label = { achieved: 'Achieved', ongoing: 'Ongoing', 'in-progress': 'In progress', 'not-started': 'Not started' }[before1];
    expect(annex).toContainEqual([String(firstCyber.paragraph), firstCyber.wording, label, 'Achieved']);

    const html = await readFile(path('html'), 'utf8');
    expect(html).toContain('<a href="#follow-up">Follow-up of last year’s next steps</a>');
    expect(html).toContain('<h1 id="annex-progress" class="part">Annex A: Progress across cycles</h1>');
    expect(html).toContain('Ushtrimi në Durrës');
    const md = await readFile(path('md'), 'utf8');
    expect(md).toContain('## Follow-up of last year’s next steps');
    expect(md).toContain(`| § | Commitment | ${lastYear} | ${lastYear + 1} |`);
    expect(md).toContain('Ushtrimi në Durrës');
  });

  it('reads an area’s last cycle by reference once, and keeps a finished archive', async () => {
    const records = new CyclesOnRecord(store);
    const last = await records.lastCycleOfArea(buildReportInput().year + 1, 'cyber-issues');
    expect(last?.year).toBe(buildReportInput().year);
    expect(last?.commitments.every((c) => c.status)).toBe(true);
    expect(await records.lastCycleOfArea(1999, 'cyber-issues')).toBeUndefined();
  });
});
