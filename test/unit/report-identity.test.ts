/**
 * The report's identity and its status table, without Chromium: the reference pattern and the
 * marking (domain/report-identity.ts), the settings that carry them, the canonical JSON of the
 * signed content, and the .docx and HTML built from a model (core properties, company, marking in
 * the header and footer, the status table grouped by area with status by colour and word).
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from 'commander';
import { parseMarking } from '../../cli/options';
import { cycleInputFromSeeds } from '../../client/cycles';
import { checkMarking, checkReferencePattern, CycleMarking, documentReference, markingFor, ReportIdentityError } from '../../domain/report-identity';
import { createWorker } from '../../run/create-worker';
import { canonicalJson } from '../../domain/report-signed-content';
import { renderDocx } from '../../activities/report/docx';
import { renderHtml } from '../../activities/report/html';
import { renderMarkdown } from '../../activities/report/markdown';
import { buildReportModel, signedContentOf } from '../../activities/report/model';
import { reportSettingsFromEnv } from '../../activities/report/settings';
import { COMMITMENT_STATUS_FILL } from '../../activities/report/texts';
import { buildReportInput, WAIVED_AREA } from '../fixtures/report/build-input';
import { coordinator, seeds } from '../helpers/cycle';
import { findAll, paragraphs, parseXml, tables, textOf } from '../fixtures/report/read-docx';
import JSZip from 'jszip';
import escapeHtml from 'escape-html';

const IDENTITY = { referencePattern: 'SDP-AL/{year}/{version:02}', marking: 'LIMITE', author: 'EU–Albania SDP Secretariat' };

async function docxParts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml')) out[name] = await zip.file(name)!.async('string');
  return out;
}

/** Text of the element `tag` (e.g. `dc:title`) in a properties part, entities decoded, or undefined. */
function element(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`).exec(xml);
  return m?.[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

describe('the document reference', () => {
  it('is the pattern with the year and the padded version; the final has FINAL', () => {
    expect(documentReference('SDP-AL/{year}/{version:02}', 2026, 'draft', 2)).toBe('SDP-AL/2026/02');
    expect(documentReference('SDP-AL/{year}/{version:02}', 2026, 'draft', 12)).toBe('SDP-AL/2026/12');
    expect(documentReference('SDP-AL/{year}/{version:02}', 2026, 'final', 2)).toBe('SDP-AL/2026/FINAL');
    expect(documentReference('EEAS({year})v{version}', 2027, 'draft', 3)).toBe('EEAS(2027)v3');
  });

  it('is unique per cycle and version: a pattern without the year or the version is refused', () => {
    expect(() => checkReferencePattern('SDP-AL/{version}')).toThrow(ReportIdentityError);
    expect(() => checkReferencePattern('SDP-AL/{year}')).toThrow(/\{version\}/);
    expect(() => checkReferencePattern('SDP-AL/{year}/{versio}')).toThrow(/brace/);
    expect(() => checkReferencePattern('SDP-AL/{year}\n/{version}')).toThrow(/one line/);
    const refs = new Set([1, 2, 3].flatMap((v) => [2026, 2027].map((y) => documentReference('X/{year}/{version:02}', y, 'draft', v))));
    expect(refs.size).toBe(6);
  });

  it('comes with a marking of at most 60 printable characters, or none', () => {
    expect(checkMarking(undefined)).toBeUndefined();
    expect(checkMarking('  ')).toBeUndefined();
    expect(checkMarking(' LIMITE ')).toBe('LIMITE');
    expect(() => checkMarking('X'.repeat(61))).toThrow(ReportIdentityError);
    expect(() => checkMarking('LIMITE\u0007')).toThrow(ReportIdentityError);
  });

  it('is given per cycle at its start: trimmed, at most 60 letters, digits, spaces and common punctuation, "" for none', () => {
    expect(CycleMarking.parse('  LIMITE ')).toBe('LIMITE');
    expect(CycleMarking.parse('RESTRICTED EU/AL')).toBe('RESTRICTED EU/AL');
    expect(CycleMarking.parse('E KUFIZUAR – BE/Shqipëri (Ç)')).toBe('E KUFIZUAR – BE/Shqipëri (Ç)');
    expect(CycleMarking.parse('')).toBe('');
    expect(CycleMarking.parse(` ${'X'.repeat(60)} `)).toHaveLength(60);
    expect(CycleMarking.safeParse('X'.repeat(61)).error?.issues[0]?.message).toBe('the distribution marking must have at most 60 characters, got 61');
    for (const bad of ['LIMITE <b>', 'LIMITE\nEU', 'LIMITE\u200b', '"LIMITE"']) {
      expect(CycleMarking.safeParse(bad).error?.issues[0]?.message, JSON.stringify(bad)).toMatch(/^the distribution marking may hold only letters, digits, spaces and /);
    }
    // Letters that print as nothing, or marks piled on one letter: a marking that looks blank or like another.
    for (const invisible of ['\u3164', 'LIM\u034FITE', 'LIMITE\uFE0F', 'LIMITE\u180B', 'LIMITE\u{E0100}', '\u115F\u1160', `L${'\u0301'.repeat(59)}`]) {
      expect(CycleMarking.safeParse(invisible).success, JSON.stringify(invisible)).toBe(false);
    }
    // Accents as Albanian writes them, composed or not.
    expect(CycleMarking.parse('SHQIPËRI ç'.normalize('NFD'))).toBe('SHQIPËRI ç'.normalize('NFD'));
    // The settings obey the same rule, and `none` is none there as on the command line.
    expect(() => checkMarking('LIMITE <b>')).toThrow(ReportIdentityError);
    expect(() => checkMarking('LIMITE\uFE0F')).toThrow(ReportIdentityError);
    expect(checkMarking('none')).toBeUndefined();
    expect(checkMarking(' None ')).toBeUndefined();
  });

  it('is the cycle’s own when it was given one ("" for none), else the setting’s', () => {
    expect(markingFor('LIMITE', 'EU RESTRICTED')).toBe('LIMITE');
    expect(markingFor('', 'EU RESTRICTED')).toBeUndefined();
    expect(markingFor(undefined, 'EU RESTRICTED')).toBe('EU RESTRICTED');
    expect(markingFor(undefined, undefined)).toBeUndefined();
  });

  it('is refused at start naming the field: the CLI option and the workflow input', () => {
    expect(parseMarking(' LIMITE ')).toBe('LIMITE');
    expect(parseMarking('none')).toBe('');
    expect(parseMarking('NONE')).toBe('');
    expect(() => parseMarking('M'.repeat(61))).toThrow(InvalidArgumentError);
    const start = { year: 2026, kickoffAt: '2026-11-16T08:00:00.000Z', seeds, startedBy: coordinator };
    expect(cycleInputFromSeeds({ ...start, marking: ' LIMITE ' }).marking).toBe('LIMITE');
    expect(cycleInputFromSeeds(start)).not.toHaveProperty('marking');
    try {
      cycleInputFromSeeds({ ...start, marking: 'LIMITE <script>' });
      expect.unreachable('an unusable marking starts no cycle');
    } catch (err) {
      expect(err).toMatchObject({ kind: 'invalid', fieldErrors: [{ path: 'marking', message: expect.stringMatching(/^the distribution marking may hold only/) }] });
      expect((err as Error).message).toMatch(/^Cannot start the 2026 cycle: marking: the distribution marking may hold only/);
    }
  });

  it('is read from the settings, each bad value named by its variable', () => {
    expect(reportSettingsFromEnv({})).toEqual({
      identity: { referencePattern: 'SDP-AL/{year}/{version:02}', author: 'EU–Albania SDP Secretariat' },
      chromiumPath: '/usr/bin/chromium',
      pdf: true,
    });
    expect(reportSettingsFromEnv({ SDP_REPORT_PDF: 'off' }).pdf).toBe(false);
    expect(() => reportSettingsFromEnv({ SDP_REPORT_PDF: 'yes' })).toThrow(/^SDP_REPORT_PDF: must be on or off/);
    expect(reportSettingsFromEnv({ SDP_REPORT_MARKING: 'LIMITE', SDP_CHROMIUM_PATH: '/opt/chromium' })).toMatchObject({ identity: { marking: 'LIMITE' }, chromiumPath: '/opt/chromium' });
    expect(() => reportSettingsFromEnv({ SDP_REPORT_REFERENCE: 'SDP/{year}' })).toThrow(/^SDP_REPORT_REFERENCE: /);
    expect(() => reportSettingsFromEnv({ SDP_REPORT_MARKING: 'M'.repeat(70) })).toThrow(/^SDP_REPORT_MARKING: /);
    expect(() => reportSettingsFromEnv({ SDP_REPORT_AUTHOR: ' ' })).toThrow(/^SDP_REPORT_AUTHOR: /);
  });
});

describe('the signed content', () => {
  it('is canonical JSON: keys sorted by code unit, no whitespace, integers only', () => {
    expect(canonicalJson({ b: [2, { d: 'ë', c: null }], a: true, B: 'x' })).toBe('{"B":"x","a":true,"b":[2,{"c":null,"d":"ë"}]}');
    expect(() => canonicalJson({ a: 1.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
  });

  it('holds the signed draft’s reference and each area’s substance, and changes when a status does', () => {
    const input = buildReportInput({ kind: 'final', version: 2 });
    const content = signedContentOf(buildReportModel(input, IDENTITY), input.reportingPeriod);
    expect(content.signedReference).toBe('SDP-AL/2026/02');
    expect(content.areas).toHaveLength(15);
    expect(content.areas.find((a) => a.id === WAIVED_AREA)!.commitments.every((c) => c.status === 'waived')).toBe(true);
    const changed = buildReportInput({ kind: 'final', version: 2 });
    const area = changed.areas.find((a) => a.contribution && a.contribution.commitments.length > 0)!;
    area.contribution!.commitments[0]!.status = area.contribution!.commitments[0]!.status === 'achieved' ? 'not-started' : 'achieved';
    expect(canonicalJson(signedContentOf(buildReportModel(changed, IDENTITY), changed.reportingPeriod))).not.toBe(canonicalJson(content));
    expect(() => signedContentOf(buildReportModel(buildReportInput({ version: 2 }), IDENTITY), input.reportingPeriod)).toThrow(TypeError);
  });
});

describe('the .docx', () => {
  const input = buildReportInput({ version: 3 });
  const model = buildReportModel(input, IDENTITY);

  it('keeps each area’s opening with its first commitment, and puts no one-sentence section on a page of its own', async () => {
    const doc = (await docxParts(await renderDocx(model)))['word/document.xml']!;
    const paragraphsWith = (text: string) => [...doc.matchAll(/<w:p[ >](?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) => m[0]).filter((p) => p.includes(text));
    // Keep-with-next from the title through the rating, the references and the owners to the first commitment.
    const owners = paragraphsWith('Area owners:');
    expect(owners).toHaveLength(input.areas.length);
    for (const p of [...owners, ...paragraphsWith('Rating: ')]) expect(p).toContain('<w:keepNext/>');
    const gaps = paragraphsWith('Waived areas and missing or late inputs').filter((p) => p.includes('w:val="Heading1"'));
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).not.toContain('pageBreakBefore');

    const html = renderHtml(model);
    expect(html).toContain('<h1 id="gaps">');
    for (const area of input.areas) {
      // The opening and the first commitment are one block the PDF moves whole (activities/report/pdf.ts).
      const block = new RegExp(`<div class="keep">\\n<h2>${escapeHtml(area.title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</h2>[\\s\\S]*?</div>`).exec(html)?.[0];
      expect(block, area.title).toMatch(/Area owners:[\s\S]*<p class="commitment">[\s\S]*<p class="quote">/);
      expect(block!.match(/<p class="commitment">/g)).toHaveLength(1);
    }
  });

  it('has its core properties and the company set', async () => {
    const parts = await docxParts(await renderDocx(model));
    const core = parts['docProps/core.xml']!;
    expect(element(core, 'dc:title')).toBe('EU–Albania Security and Defence Partnership: Annual progress report 2026 (Draft v3)');
    expect(element(core, 'dc:subject')).toContain('Security and Defence Dialogue');
    expect(element(core, 'dc:creator')).toBe('EU–Albania SDP Secretariat');
    expect(element(core, 'cp:lastModifiedBy')).toBe('EU–Albania SDP Secretariat');
    expect(element(core, 'cp:keywords')).toContain('SDP-AL/2026/03');
    expect(element(core, 'cp:revision')).toBe('3');
    expect(element(parts['docProps/app.xml']!, 'Company')).toBe(input.coordinator.organisation);
    // Word fills the table of contents on opening after "update fields".
    expect(parts['word/settings.xml']).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
  });

  it('carries the marking in every header and footer (the cover’s too) and the reference in every footer', async () => {
    const parts = await docxParts(await renderDocx(model));
    const headers = Object.keys(parts).filter((k) => /^word\/header\d*\.xml$/.test(k));
    const footers = Object.keys(parts).filter((k) => /^word\/footer\d*\.xml$/.test(k));
    expect(headers.length).toBeGreaterThanOrEqual(2);
    expect(footers.length).toBeGreaterThanOrEqual(2);
    for (const k of headers) expect(paragraphs(parts[k]!).map((p) => p.text)).toContain('LIMITE');
    for (const k of footers) {
      const texts = paragraphs(parts[k]!).map((p) => p.text);
      expect(texts).toContain('LIMITE');
      expect(texts.some((t) => t.startsWith('SDP-AL/2026/03'))).toBe(true);
    }
    const unmarked = await docxParts(await renderDocx(buildReportModel(input, { ...IDENTITY, marking: undefined })));
    for (const k of Object.keys(unmarked).filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n))) expect(unmarked[k]).not.toContain('LIMITE');
  });

  it('has a cover with the reference, the Dialogue and the SA Council, and no "Generated on"', async () => {
    const doc = (await docxParts(await renderDocx(model)))['word/document.xml']!;
    const texts = paragraphs(doc).map((p) => p.text);
    expect(texts).toContain('Reference: SDP-AL/2026/03');
    expect(texts.some((t) => t.includes('Security and Defence Dialogue') && t.includes('Stabilisation and Association Council'))).toBe(true);
    expect(doc).not.toContain('Generated on');
  });

  it('has a status table with one title cell per area, spanning the table, then its commitments with status by colour and word', async () => {
    const doc = (await docxParts(await renderDocx(model)))['word/document.xml']!;
    const status = tables(doc).find((t) => t.rows[0]?.join('|') === '§|Commitment|Status')!;
    expect(status).toBeDefined();
    for (const area of model.areas) {
      const cells = status.rows.flat().filter((c) => c === area.title);
      expect(cells, area.title).toHaveLength(1);
      const at = status.rows.findIndex((r) => r.length === 1 && r[0] === area.title);
      expect(status.rows.slice(at + 1, at + 1 + area.commitments.length).map((r) => r[2])).toEqual(area.commitments.map((c) => c.statusLabel));
    }
    expect(status.rows.filter((r) => r.length === 1)).toHaveLength(15);
    // The title cell spans the three columns; each status cell is filled with its status's colour.
    const xmlTables = findAll(parseXml(doc), 'w:tbl');
    const statusXml = JSON.stringify(xmlTables.find((t) => textOf(t).startsWith('§CommitmentStatus')));
    expect((statusXml.match(/"w:gridSpan"/g) ?? []).length).toBe(15);
    for (const key of new Set(model.statusGroups.flatMap((g) => g.rows.map((r) => r.statusKey)))) expect(statusXml).toContain(COMMITMENT_STATUS_FILL[key]);
  });
});

describe('the HTML and Markdown status table', () => {
  const model = buildReportModel(buildReportInput({ version: 1 }), IDENTITY);

  it('HTML: a row group per area with its title once, each status coloured by class and written in words', () => {
    const html = renderHtml(model);
    const table = /<table class="fixed status">[\s\S]*?<\/table>/.exec(html)![0];
    expect(table.match(/<th scope="rowgroup" colspan="3">/g)).toHaveLength(15);
    for (const area of model.areas) expect(table.split(`>${area.title.replace(/&/g, '&amp;')}<`).length - 1, area.title).toBe(1);
    const cells = [...table.matchAll(/<td class="status-cell status-([a-z-]+)">([^<]+)<\/td>/g)];
    expect(cells).toHaveLength(model.totalCommitments);
    for (const [, key, label] of cells) expect(label).toBe(model.statusGroups.flatMap((g) => g.rows).find((r) => r.statusKey === key)!.statusLabel);
    expect(html).toContain('<p class="marking">LIMITE</p>');
    expect(html).toContain('SDP-AL/2026/01');
    expect(html).not.toContain('Generated on');
  });

  it('Markdown: the area’s title once in bold, its commitments beneath', () => {
    const md = renderMarkdown(model);
    const section = md.split('\n## Status of commitments\n')[1]!.split('\n## ')[0]!;
    for (const area of model.areas.filter((a) => !/[\\`*_[\]<>|~&]/.test(a.title))) expect(section.split(`| **${area.title}** |`).length - 1, area.title).toBe(1);
  });
});

describe('a worker with an unusable report setting', () => {
  it('does not start, and names the variable (not at the first draft weeks later)', async () => {
    const saved = process.env.SDP_REPORT_MARKING;
    process.env.SDP_REPORT_MARKING = 'LIMITE <b>';
    try {
      // Refused before the worker is created: no connection is needed to see it.
      await expect(createWorker({ connection: {} as never, namespace: 'default', deps: {} as never })).rejects.toThrow(/^SDP_REPORT_MARKING: the distribution marking may hold only/);
    } finally {
      if (saved === undefined) delete process.env.SDP_REPORT_MARKING;
      else process.env.SDP_REPORT_MARKING = saved;
    }
  });
});
