/**
 * Benchmark of the report renderer (`npm run bench:report`). Assembles a large report — the 15 areas
 * and their commitments from the seeds, at least 30 000 characters of narrative per area, 200
 * deliverables — and measures each format on its own (.docx, HTML, Markdown, PDF, from the same
 * model), then the whole draft as the activity writes it (`renderReport`: the four formats plus the
 * summary and the saved input), then draft v2 with its changes page.
 *
 * Each measurement runs in a fresh child process, so its peak memory is its own: the peak resident
 * set size (`process.resourceUsage().maxRSS`, which includes Node and the TypeScript loader) and the
 * resident set size just before rendering (the input already built). Chromium runs in processes of
 * its own, which maxRSS does not count: for every mode the peak of the proportional set size (PSS,
 * /proc/<pid>/smaps_rollup, shared pages split between the processes that share them) of this
 * process and all its descendants is sampled every 100 ms (`tree PSS`). Time is wall-clock of the
 * rendering alone, cold (first call in the process, as in a freshly started worker; the PDF
 * includes launching Chromium). Targets: the whole draft under 60 s (half the render activity's 2 minutes) and 1 GB (tree PSS); before the
 * PDF it was 2 s and 300 MB for the three other formats.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReport } from '../activities/report';
import { renderDocx } from '../activities/report/docx';
import { renderHtml } from '../activities/report/html';
import { renderMarkdown } from '../activities/report/markdown';
import { buildReportModel } from '../activities/report/model';
import { renderPdf } from '../activities/report/pdf';
import { reportSettingsFromEnv } from '../activities/report/settings';
import { buildReportInput } from '../test/fixtures/report/build-input';
import { FolderStore } from '../infra/storage';

const MODES = ['docx', 'html', 'md', 'pdf', 'draft (all formats)', 'draft v2 + changes'] as const;
type Mode = (typeof MODES)[number];
const TARGET = { ms: 60_000, mb: 1_024 };
/** 30 KiB of narrative in each of the 15 areas (all reported), 200 deliverables in all. */
const SIZE = { narrativeChars: 30 * 1024, deliverables: 200, allReported: true };

interface Measurement {
  mode: Mode;
  ms: number;
  rssBeforeMb: number;
  peakRssMb: number;
  /** Peak PSS of this process and its descendants (Chromium), MB. */
  treePssMb: number;
  pages?: number;
  outputBytes: number;
  areas: number;
  commitments: number;
  deliverables: number;
  narrativeBytes: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
/** maxRSS is in kilobytes (Node docs, process.resourceUsage). */
const peakRssMb = () => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

/** PSS (kB) of `pid` and its descendants, from /proc (Linux); 0 for a process that has gone. */
function treePssKb(pid: number): number {
  let kb: number;
  try {
    kb = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
  for (const task of safeReaddir(`/proc/${pid}/task`)) {
    let children: string[] = [];
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      /* the thread ended */
    }
    for (const child of children) kb += treePssKb(Number(child));
  }
  return kb;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Samples the tree's PSS every 25 ms until `stop()`, which returns the peak in MB. */
function sampleTreePss(): { stop(): number } {
  let peak = treePssKb(process.pid);
  const timer = setInterval(() => (peak = Math.max(peak, treePssKb(process.pid))), 100);
  return { stop: () => (clearInterval(timer), Math.round((Math.max(peak, treePssKb(process.pid)) / 1024) * 10) / 10) };
}

async function child(mode: Mode): Promise<Measurement> {
  const input = buildReportInput({ version: 1, ...SIZE });
  const sizes = {
    areas: input.areas.length,
    commitments: input.areas.reduce((n, a) => n + a.commitments.length, 0),
    deliverables: input.areas.reduce((n, a) => n + (a.contribution?.deliverables.length ?? 0), 0),
    narrativeBytes: input.areas.reduce((n, a) => n + Buffer.byteLength(a.contribution?.narrative ?? ''), 0),
  };
  const dir = await mkdtemp(join(tmpdir(), 'sdp-bench-'));
  try {
    let prepare: () => Promise<void> = async () => {};
    let run: () => Promise<number>;
    let pages: number | undefined;
    switch (mode) {
      case 'docx':
        run = async () => (await renderDocx(buildReportModel(input))).byteLength;
        break;
      case 'html':
        run = async () => Buffer.byteLength(renderHtml(buildReportModel(input)));
        break;
      case 'md':
        run = async () => Buffer.byteLength(renderMarkdown(buildReportModel(input)));
        break;
      case 'pdf': {
        const model = buildReportModel(input);
        const html = renderHtml(model);
        run = async () => {
          const pdf = await renderPdf(html, { title: model.identity.documentTitle, author: model.identity.author, subject: model.identity.subject, keywords: model.identity.keywords, language: 'en-GB', createdAt: new Date(input.generatedAt) }, { chromiumPath: reportSettingsFromEnv().chromiumPath, timeoutMs: 600_000 });
          pages = pdf.pages;
          return pdf.bytes.byteLength;
        };
        break;
      }
      case 'draft (all formats)':
        run = async () => (await renderReport({ store: new FolderStore(dir) }, input)).files.reduce((n, f) => n + f.bytes, 0);
        break;
      case 'draft v2 + changes': {
        const v2 = buildReportInput({ version: 2, ...SIZE });
        for (const a of v2.areas.slice(0, 5)) if (a.contribution) a.contribution.narrative = a.contribution.narrative.replace(/ the /g, ' the agreed ');
        prepare = async () => void (await renderReport({ store: new FolderStore(dir) }, input));
        run = async () => (await renderReport({ store: new FolderStore(dir) }, v2)).files.reduce((n, f) => n + f.bytes, 0);
        break;
      }
    }
    await prepare();
    const rssBeforeMb = mb(process.memoryUsage().rss);
    const sampler = sampleTreePss();
    const start = performance.now();
    const outputBytes = await run();
    const ms = Math.round(performance.now() - start);
    const treePssMb = sampler.stop();
    return { mode, ms, rssBeforeMb, peakRssMb: peakRssMb(), treePssMb, ...(pages ? { pages } : {}), outputBytes, ...sizes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parent(): void {
  const self = fileURLToPath(import.meta.url);
  const results: Measurement[] = [];
  for (const mode of MODES) {
    const out = spawnSync(process.execPath, [...process.execArgv, self, '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 900_000 });
    if (out.status !== 0) {
      process.stderr.write(out.stderr);
      throw new Error(`benchmark of ${mode} failed (exit ${out.status})`);
    }
    results.push(JSON.parse(out.stdout.trim().split('\n').pop()!) as Measurement);
  }
  const s = results[0]!;
  console.log(
    `Report: ${s.areas} areas, ${s.commitments} commitments, ${s.deliverables} deliverables, ${Math.round(s.narrativeBytes / 1024)} KiB of narrative (${Math.round(s.narrativeBytes / s.areas / 1024)} KiB per area, UTF-8).`,
  );
  console.log('');
  console.log(`${'format'.padEnd(20)} ${'time'.padStart(9)} ${'peak RSS'.padStart(10)} ${'tree PSS'.padStart(10)} ${'RSS before'.padStart(11)} ${'output'.padStart(10)}`);
  for (const r of results) {
    console.log(
      `${r.mode.padEnd(20)} ${`${r.ms} ms`.padStart(9)} ${`${r.peakRssMb} MB`.padStart(10)} ${`${r.treePssMb} MB`.padStart(10)} ${`${r.rssBeforeMb} MB`.padStart(11)} ${`${Math.round(r.outputBytes / 1024)} KiB`.padStart(10)}` +
        (r.pages ? `  ${r.pages} pages` : ''),
    );
  }
  const all = results.find((r) => r.mode === 'draft (all formats)')!;
  const ok = all.ms < TARGET.ms && all.treePssMb < TARGET.mb;
  console.log('');
  console.log(`Target for the whole draft (PDF included): under ${TARGET.ms} ms and ${TARGET.mb} MB tree PSS: ${ok ? 'met' : 'NOT met'} (${all.ms} ms, ${all.treePssMb} MB).`);
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  const mode = process.argv[at + 1] as Mode;
  if (!MODES.includes(mode)) throw new Error(`unknown mode "${mode}"`);
  console.log(JSON.stringify(await child(mode)));
} else {
  parent();
}
