/**
 * The distribution marking given to a cycle at its start (`sdp-review start --marking`) reaches its
 * draft: the workflow carries it to the render activity as a short string, and the .docx (every
 * header and footer part) and the PDF (every page, read back with poppler's pdftotext) print it;
 * a cycle started without one gets the worker's setting (SDP_REPORT_MARKING). Real dev server,
 * real activities, Debian's chromium.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { closeCollectionUpdate } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import { paragraphs } from '../fixtures/report/read-docx';
import { coordinator, ownerOf, sampleFor, seeds } from '../helpers/cycle';
import { startWorkerHarness, type WorkerHarness } from '../helpers/temporal';

// The suite renders without PDF (vitest.config.ts); this file is about what the PDF prints. The
// renderer reads its settings on its first render, after these lines.
process.env.SDP_REPORT_PDF = 'on';
process.env.SDP_REPORT_MARKING = 'EU RESTRICTED';

let harness: WorkerHarness;
beforeAll(async () => {
  harness = await startWorkerHarness();
});
afterAll(() => harness?.stop());

/** Starts the cycle of `year`, takes one input and closes collection: draft v1. */
async function draftOf(year: number, marking?: string): Promise<ReviewCycleState> {
  const { client } = harness.env;
  await startCycle(client, { year, seeds, startedBy: coordinator, ...(marking === undefined ? {} : { marking }) });
  const areaId = seeds.areas[0]!.id;
  await submitContribution(client, { year, areaId, contribution: sampleFor(areaId), actor: ownerOf(areaId) });
  await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
  return waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 90_000 });
}

/** The text of each paragraph of every header and footer part of a .docx, by part. */
async function headersAndFooters(bytes: Uint8Array): Promise<Record<string, string[]>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(zip.files).filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n))) {
    out[name] = paragraphs(await zip.file(name)!.async('string')).map((p) => p.text);
  }
  return out;
}

/** Each page's text of a PDF (pdftotext separates pages by form feeds). */
function pdfPages(file: string): string[] {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

describe('a cycle started with a distribution marking', () => {
  it('gets it on every header and footer of its draft .docx and on every page of its PDF, over the setting', async () => {
    const year = 2061;
    const state = await draftOf(year, '  LIMITE ');
    const files = state.drafts[0]!.files;
    const store = harness.testDeps.deps.store;

    const parts = await headersAndFooters(await store.get(files.find((f) => f.format === 'docx')!.key));
    expect(Object.keys(parts).filter((k) => k.includes('header')).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(parts).filter((k) => k.includes('footer')).length).toBeGreaterThanOrEqual(2);
    for (const [part, texts] of Object.entries(parts)) {
      expect(texts, part).toContain('LIMITE');
      expect(texts.join(' '), part).not.toContain('EU RESTRICTED');
    }

    const pdf = files.find((f) => f.format === 'pdf');
    expect(pdf, 'the draft has a PDF').toBeDefined();
    const pages = pdfPages(join(harness.testDeps.dir, 'artifacts', pdf!.key));
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((text, i) => {
      // Header and footer: twice on every page, the cover's included.
      expect(text.split('LIMITE').length - 1, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(text, `page ${i + 1}`).not.toContain('EU RESTRICTED');
    });
  }, 150_000);

  it('without one, gets the worker’s setting', async () => {
    const state = await draftOf(2062);
    const parts = await headersAndFooters(await harness.testDeps.deps.store.get(state.drafts[0]!.files.find((f) => f.format === 'docx')!.key));
    for (const [part, texts] of Object.entries(parts)) expect(texts, part).toContain('EU RESTRICTED');
  }, 150_000);
});
