/**
 * The click benchmark (`npm run bench`, issue 15): each path a person's click or a page takes in
 * sdp-review, measured side by side with the bare Temporal SDK on the same Temporal dev server.
 *
 * 1. Processes: `npm start` (run/start.ts in a fresh data folder) against the dev server plus a bare
 *    worker (bench/clicks/bare-start.ts): time to ready, resident memory once idle, and after a load
 *    run (contribution clicks and dashboard pages against the product; Updates and Queries against
 *    the bare worker).
 * 2. Clicks: the embedded stack in this process (dev server, SMTP capture, worker, web server, as
 *    run/stack.ts brings it up), and on its dev server the bare baseline (bench/clicks/bare.ts: its
 *    own task queue and worker, in this process too). Links come from the captured mails; each click
 *    GETs the form (CSRF cookie and token), then POSTs it. Product and floor samples alternate, so
 *    load from elsewhere on the machine weighs on both.
 *
 * 3. Renders (./clicks/renders.ts): on the same stack, contributions while a 15-area draft renders, a
 *    director's approval just after a render started, and 20 approvals at once each starting a render.
 * 4. Cycles at once (./cycles-at-once.ts, a process each): 5, 20 and 50 whole cycles side by side,
 *    whether all complete, and the process's peak memory.
 *
 * Prints one Markdown table: per path the product's median and p95, n, the floor's, and the ratio of
 * the medians (with the goal where it sets one), then the cycles-at-once table. `--json`: the
 * figures as JSON on stdout. `--quick`: fewer samples and cycles (for development; cycles at once: 5
 * only). `--render-in-thread`: reports render on the stack's main thread, as before the render threads
 * (the "before" of the render paths). `--skip=processes,cycles,renders`: leave those parts out
 * (development). Progress on stderr.
 * Figures, not a test: nothing here fails on a slow figure; it fails when a click fails.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { getCycleState, getLinkView, startCycle, submitContribution, updateCycle } from '../client/cycles';
import { readCycleArchive } from '../activities/archive';
import { cancelCycleUpdate } from '../domain/messages';
import type { Actor, AreaOfCooperation } from '../domain/schemas';
import { loadConfig, openStore } from '../infra/config';
import { loadSampleInput, loadSeeds, type Seeds } from '../seeds';
import { startStack } from '../run/stack';
import { freeTemporalPorts, HttpSession, smallSeeds } from '../test/helpers/stack';
import { startWebServer } from '../web';
import { BareCalls, createBareWorker } from './clicks/bare';
import { claimsOf, openForm, press } from './clicks/browser';
import { bareClient, launchBare, launchProduct, outboxLinks, rssMb } from './clicks/processes';
import { renderPaths } from './clicks/renders';
import { markdownTable, summarize, timed, type PathResult } from './clicks/stats';

const argv = process.argv.slice(2);
const JSON_OUT = argv.includes('--json');
const QUICK = argv.includes('--quick');
const RENDER_IN_THREAD = argv.includes('--render-in-thread');
const SKIP = new Set(argv.find((a) => a.startsWith('--skip='))?.slice('--skip='.length).split(',') ?? []);
const N = QUICK
  ? { one: 15, rounds: 2, client: 15, query: 30, finished: 20, page: 20, list: 5, starts: 1, fillers: 3, loadRounds: 3, renders: 2, approvals: 3, approvalsAtOnce: 5, cyclesAtOnce: [5] }
  : { one: 60, rounds: 5, client: 60, query: 100, finished: 60, page: 60, list: 20, starts: 3, fillers: 19, loadRounds: 7, renders: 4, approvals: 10, approvalsAtOnce: 20, cyclesAtOnce: [5, 20, 50] };
const AT_ONCE = 20;

const log = (line: string) => process.stderr.write(`${line}\n`);
/** What to stop when the run is interrupted (Ctrl-C): the stack and the launched processes. */
const cleanups = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping…`);
    void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
  });
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What the table does not hold: failures and sizes, for the notes under it. */
const notes: string[] = [];
const failures: Record<string, number[]> = {};
function failed(path: string, status: number) {
  (failures[path] ??= []).push(status);
}

// ---------------------------------------------------------------------------------------------
// 1. Processes: npm start against dev server + bare worker

async function processes(seeds: Seeds): Promise<PathResult[]> {
  const start: number[] = [];
  const startFloor: number[] = [];
  const mem = { idle: [] as number[], after: [] as number[], peak: [] as number[] };
  const memFloor = { idle: [] as number[], after: [] as number[], peak: [] as number[] };
  const peak = async (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  for (let i = 0; i < N.starts; i++) {
    log(`processes ${i + 1}/${N.starts}: dev server + bare worker…`);
    const bare = await launchBare();
    cleanups.add(bare.stop);
    startFloor.push(bare.readyMs);
    try {
      await sleep(15_000);
      memFloor.idle.push(await rssMb(bare.pid));
      const { calls, close } = await bareClient(bare.temporalAddress);
      try {
        const ids = await calls.start('load', 15);
        for (let r = 0; r < N.loadRounds; r++) await Promise.all(ids.map((id) => calls.update(id).then(() => calls.query(id))));
        await calls.stop(ids);
      } finally {
        await close();
      }
      await sleep(10_000);
      memFloor.after.push(await rssMb(bare.pid));
      memFloor.peak.push(Math.round(await peak(bare.pid)));
    } finally {
      await bare.stop();
      cleanups.delete(bare.stop);
    }

    log(`processes ${i + 1}/${N.starts}: npm start…`);
    const product = await launchProduct();
    cleanups.add(product.stop);
    start.push(product.readyMs);
    try {
      await sleep(15_000);
      mem.idle.push(await rssMb(product.pid));
      // The load run: the year's cycle's contribution links from the outbox, clicked 15 at once
      // per round, and the dashboard's pages; 32 requests a round, under the web server's limit
      // of 300 a minute from one address (7 rounds at most).
      const prefix = `${product.webUrl}/contribute/`;
      let links: string[] = [];
      for (let w = 0; w < 60 && new Set(links.map((l) => claimsOf(l).areaId)).size < seeds.areas.length; w++) {
        await sleep(500);
        links = await outboxLinks(product.dataDir, prefix);
      }
      const byArea = new Map(links.map((l) => [claimsOf(l).areaId!, l]));
      const areas = seeds.areas.filter((a) => byArea.has(a.id));
      for (let r = 0; r < N.loadRounds; r++) {
        const forms = await Promise.all(areas.map((a) => openForm(byArea.get(a.id)!, a, `load ${r}`)));
        for (const res of await Promise.all(forms.map(press))) if (res.status !== 200) failed('load run (npm start)', res.status);
        const session = new HttpSession();
        await Promise.all([session.request('GET', `${product.webUrl}/cycles`), session.request('GET', `${product.webUrl}/cycles/${new Date().getFullYear()}`)]);
      }
      await sleep(10_000);
      mem.after.push(await rssMb(product.pid));
      mem.peak.push(Math.round(await peak(product.pid)));
    } finally {
      await product.stop();
      cleanups.delete(product.stop);
    }
  }
  return [
    { path: '`npm start` → ready', floor: 'dev server + bare worker', product: start, floorSamples: startFloor, goal: 1.3 },
    { path: 'idle memory of the process', floor: 'bare worker', product: mem.idle, floorSamples: memFloor.idle, goal: 1.3, note: 'RSS MB, 15 s after ready' },
    { path: 'memory after a load run', floor: 'bare worker after its load', product: mem.after, floorSamples: memFloor.after, note: 'RSS MB, 10 s after the run' },
    { path: 'peak memory (start and load run)', floor: 'bare worker', product: mem.peak, floorSamples: memFloor.peak, note: 'VmHWM MB' },
  ];
}

// ---------------------------------------------------------------------------------------------
// 2. Clicks on the embedded stack, against the bare SDK on the same dev server

async function clicks(seeds: Seeds): Promise<PathResult[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sdp-bench-'));
  delete process.env.TEMPORAL_ADDRESS;
  const config = loadConfig({ SDP_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  log('clicks: starting the embedded stack…');
  // One address clicks for many people here: the per-address rate limit would answer 429.
  const stack = await startStack({
    config,
    embeddedTemporal: true,
    ...(await freeTemporalPorts()),
    ...(RENDER_IN_THREAD ? { reportThreads: 0 } : {}),
    web: (parts) => startWebServer(parts, { logger: pino({ level: 'silent' }), env: {}, rateLimit: { perMinute: 1_000_000 } }),
  });
  cleanups.add(stack.stop);
  const store = openStore(config);
  const webUrl = stack.webUrl!;
  const bareNative = await NativeConnection.connect({ address: stack.temporal.address });
  const bareWorker = await createBareWorker(bareNative, stack.temporal.namespace);
  const bareDone = bareWorker.run();
  const bareConnection = await Connection.connect({ address: stack.temporal.address });
  const bare = new BareCalls(new Client({ connection: bareConnection, namespace: stack.temporal.namespace }));
  const bareIds: string[] = [];
  try {
    bareIds.push(...(await bare.start('bare', AT_ONCE)));
    const year = new Date().getFullYear();
    const running = [year, year + 1];
    const c = seeds.participants.coordinator;
    const coordinator: Actor = { email: c.email, name: c.name, role: 'coordinator', channel: 'system' };
    for (const y of running) await startCycle(stack.client, { year: y, seeds, startedBy: coordinator });

    // A finished cycle with every input in, then cancelled: its final archive is written at once.
    // (Not the whole demo: it would wait on report rendering, which is not what is measured here.)
    log('clicks: a cycle with its 15 inputs, then cancelled, to read it finished…');
    const finishedYear = year - 1;
    await startCycle(stack.client, { year: finishedYear, seeds, startedBy: coordinator });
    await Promise.all(
      seeds.areas.map((area) => {
        const owner = seeds.participants.areaOwners[area.id]!.eu;
        const send = () => submitContribution(stack.client, { year: finishedYear, areaId: area.id, contribution: loadSampleInput(area), actor: { email: owner.email, name: owner.name, role: 'area-owner', channel: 'cli' }, store, area });
        // Right after the start the area's workflow may not exist yet (the client waits a little).
        return send().catch(async () => (await sleep(2_000), send()));
      }),
    );
    await updateCycle(stack.client, finishedYear, cancelCycleUpdate, { reason: 'benchmark: a finished cycle', actor: { ...coordinator, channel: 'cli' } });
    for (let w = 0; w < 120 && !(await readCycleArchive(store, finishedYear).catch(() => undefined))?.final; w++) await sleep(250);
    log(`clicks: ${N.fillers} more cycles, started and cancelled, for the list…`);
    const filler = smallSeeds(1, seeds);
    for (let i = 0; i < N.fillers; i++) {
      // The workflow takes years from 2024 on: the fillers are later years.
      const y = year + 2 + i;
      await startCycle(stack.client, { year: y, seeds: filler, startedBy: coordinator });
      await updateCycle(stack.client, y, cancelCycleUpdate, { reason: 'benchmark filler', actor: { ...coordinator, channel: 'cli' } });
    }
    const cycleCount = running.length + 1 + N.fillers;

    log('clicks: reading the contribution links from the mails…');
    const links = new Map<string, string>();
    for (let w = 0; w < 120 && links.size < running.length * seeds.areas.length; w++) {
      for (const mail of await stack.smtp.capture!.list()) {
        const url = mail.text.match(/https?:\/\/[^\s<>"]+/g)?.find((u) => u.startsWith(`${webUrl}/contribute/`));
        if (!url) continue;
        const claims = claimsOf(url);
        const key = `${claims.cycle}/${claims.areaId}`;
        if (!links.has(key)) links.set(key, url);
      }
      if (links.size < running.length * seeds.areas.length) await sleep(500);
    }
    const areaById = new Map(seeds.areas.map((a) => [a.id, a]));
    const clickable = [...links].map(([key, url]) => ({ key, url, area: areaById.get(key.split('/').pop()!)! }));
    const ofYear = (y: number) => clickable.filter((l) => claimsOf(l.url).cycle.endsWith(String(y)));
    const first = ofYear(year);
    if (first.length === 0) throw new Error('no contribution links in the outbox');

    // Warm both sides (JIT, connections, sticky caches) before anything is timed.
    for (const l of first.slice(0, 3)) await press(await openForm(l.url, l.area, 'warm-up'));
    for (const id of bareIds.slice(0, 3)) await bare.update(id).then(() => bare.query(id));

    log(`clicks: ${N.one} contributions one at a time…`);
    const one: PathResult = { path: 'contribution: POST → result page, one at a time', floor: '`executeUpdate`', product: [], floorSamples: [], goal: 1.5 };
    const get: PathResult = { path: 'contribution link page: GET (reads the link view)', floor: 'bare query', product: [], floorSamples: [], goal: 1.5 };
    for (let i = 0; i < N.one; i++) {
      const l = first[i % first.length]!;
      const opened = await openForm(l.url, l.area, `one ${i}`);
      get.product.push(opened.getMs);
      const r = await press(opened);
      if (r.status !== 200) failed(one.path, r.status);
      one.product.push(r.ms);
      one.floorSamples.push((await timed(() => bare.update(bareIds[i % bareIds.length]!))).ms);
      get.floorSamples.push((await timed(() => bare.query(bareIds[i % bareIds.length]!))).ms);
    }

    log(`clicks: ${N.rounds} rounds of ${AT_ONCE} contributions at once…`);
    const many: PathResult = { path: `contribution, ${AT_ONCE} at once`, floor: `${AT_ONCE} × \`executeUpdate\` at once`, product: [], floorSamples: [], goal: 2 };
    const pool = [...first, ...ofYear(year + 1)];
    for (let r = 0; r < N.rounds; r++) {
      const targets = Array.from({ length: AT_ONCE }, (_, i) => pool[(r * AT_ONCE + i) % pool.length]!);
      const forms = await Promise.all(targets.map((l) => openForm(l.url, l.area, `many ${r}`)));
      for (const res of await Promise.all(forms.map(press))) {
        if (res.status !== 200) failed(many.path, res.status);
        many.product.push(res.ms);
      }
      const floor = await Promise.all(bareIds.map((id) => timed(() => bare.update(id))));
      many.floorSamples.push(...floor.map((f) => f.ms));
    }

    log(`clicks: ${N.client} contributions through the product's client…`);
    const viaClient: PathResult = { path: 'the same update through the product\'s client, no web', floor: '`executeUpdate`', product: [], floorSamples: [], goal: 1.5 };
    const second = ofYear(year + 1);
    for (let i = 0; i < N.client; i++) {
      const area: AreaOfCooperation = second[i % second.length]!.area;
      const owner = seeds.participants.areaOwners[area.id]!.eu;
      const contribution = { ...loadSampleInput(area), narrative: `${loadSampleInput(area).narrative}\n\nclient ${i}` };
      viaClient.product.push(
        (await timed(() => submitContribution(stack.client, { year: year + 1, areaId: area.id, contribution, actor: { email: owner.email, name: owner.name, role: 'area-owner', channel: 'cli' }, store, area }))).ms,
      );
      viaClient.floorSamples.push((await timed(() => bare.update(bareIds[i % bareIds.length]!))).ms);
    }

    log(`clicks: ${N.query} state queries and ${N.query} link views…`);
    const query: PathResult = { path: 'state query (running cycle)', floor: 'bare query', product: [], floorSamples: [], goal: 1.5 };
    let stateBytes = 0;
    for (let i = 0; i < N.query; i++) {
      const { ms, value } = await timed(() => getCycleState(stack.client, year));
      stateBytes = Buffer.byteLength(JSON.stringify(value));
      query.product.push(ms);
      query.floorSamples.push((await timed(() => bare.query(bareIds[i % bareIds.length]!))).ms);
    }
    query.note = `${Math.round(stateBytes / 1024)} KB`;
    const view: PathResult = { path: 'link view query (what an area\'s link page reads)', floor: 'bare query', product: [], floorSamples: [], goal: 1.5 };
    let viewBytes = 0;
    for (let i = 0; i < N.query; i++) {
      const areaId = first[i % first.length]!.area.id;
      const { ms, value } = await timed(() => getLinkView(stack.client, year, { areaId }));
      viewBytes = Buffer.byteLength(JSON.stringify(value));
      view.product.push(ms);
      view.floorSamples.push((await timed(() => bare.query(bareIds[i % bareIds.length]!))).ms);
    }
    view.note = `${Math.round(viewBytes / 1024)} KB`;

    log(`clicks: a finished cycle, ${N.finished} reads and ${N.page} page loads…`);
    const finished: PathResult = { path: 'a finished cycle\'s state, as its page reads it (archive, uncached)', floor: 'bare query', product: [], floorSamples: [], goal: 2 };
    for (let i = 0; i < N.finished; i++) {
      finished.product.push((await timed(() => getCycleState(stack.client, finishedYear, { archive: store }))).ms);
      finished.floorSamples.push((await timed(() => bare.query(bareIds[i % bareIds.length]!))).ms);
    }
    const finishedPage: PathResult = { path: `a finished cycle's page, GET /cycles/${finishedYear}`, floor: 'bare query', product: [], floorSamples: [], goal: 2, note: 'HTTP, rendering included; the state cached while unchanged' };
    const session = new HttpSession();
    for (let i = 0; i < N.page; i++) {
      const { ms, value } = await timed(() => session.request('GET', `${webUrl}/cycles/${finishedYear}`));
      if (value.status !== 200) failed(finishedPage.path, value.status);
      finishedPage.product.push(ms);
      finishedPage.floorSamples.push((await timed(() => bare.query(bareIds[i % bareIds.length]!))).ms);
    }

    log(`clicks: ${N.list} loads of /cycles (${cycleCount} cycles), each after the page's 1.5 s cache…`);
    const list: PathResult = { path: `\`/cycles\` with ${cycleCount} cycles`, floor: `visibility list (${bareIds.length} workflows)`, product: [], floorSamples: [], goal: 2 };
    for (let i = 0; i < N.list; i++) {
      await sleep(1_600);
      const { ms, value } = await timed(() => session.request('GET', `${webUrl}/cycles`));
      if (value.status !== 200) failed(list.path, value.status);
      list.product.push(ms);
      list.floorSamples.push((await timed(() => bare.list())).ms);
    }
    const rows = [one, many, viaClient, get, view, query, finished, finishedPage, list];
    if (!SKIP.has('renders')) {
      const renders = await renderPaths({
        client: stack.client,
        config,
        seeds,
        bare,
        bareIds,
        renderYear: year,
        clickable: second,
        // After the fillers (year + 2 …).
        firstFreeYear: year + 3 + N.fillers,
        n: { renders: N.renders, approvals: N.approvals, atOnce: N.approvalsAtOnce },
        log,
        failed,
      });
      rows.push(...renders.rows);
      notes.push(...renders.notes);
    }
    return rows;
  } finally {
    await bare.stop(bareIds);
    bareWorker.shutdown();
    await bareDone.catch(() => undefined);
    await bareConnection.close();
    await bareNative.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Whole cycles at once, each count in a process of its own (./cycles-at-once.ts)

/** What one run of bench/cycles-at-once.ts printed. */
interface CyclesAtOnce {
  cycles: number;
  completed: number;
  failures: string[];
  seconds: number;
  peakMb: number;
  rssDoneMb: number;
  rssAfter10sMb: number;
}

async function cyclesAtOnce(): Promise<CyclesAtOnce[]> {
  const runs: CyclesAtOnce[] = [];
  for (const n of N.cyclesAtOnce) {
    log(`cycles at once: ${n}…`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cycles-at-once.ts', String(n), ...(RENDER_IN_THREAD ? ['--render-in-thread'] : [])], {
      cwd: ROOT,
      // Without the PDF: 2 × n renders through Chromium would take most of the run's time on 2 cores; bench:report measures it.
      env: { ...process.env, SDP_REPORT_PDF: 'off', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.add(async () => void child.kill('SIGTERM'));
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = out.trim().split('\n').pop() ?? '';
    if (code !== 0 || !line.startsWith('{')) {
      notes.push(`${n} cycles at once: the run failed (exit ${code})`);
      failed(`${n} cycles at once`, 0);
      continue;
    }
    const run = JSON.parse(line) as CyclesAtOnce;
    if (run.completed < run.cycles) failed(`${n} cycles at once`, 0);
    for (const f of run.failures) notes.push(`${n} cycles at once: ${f}`);
    runs.push(run);
  }
  return runs;
}

/** The cycles-at-once runs as Markdown. */
function cyclesTable(runs: CyclesAtOnce[]): string {
  const lines = ['| cycles at once | completed | time (s) | peak memory (VmHWM MB) | RSS when done (MB) | RSS 10 s later (MB) |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of runs) lines.push(`| ${r.cycles} | ${r.completed} of ${r.cycles}${r.completed === r.cycles ? ' (goal met)' : ' **(goal not met)**'} | ${r.seconds} | ${r.peakMb} | ${r.rssDoneMb} | ${r.rssAfter10sMb} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const seeds = loadSeeds();
  const t0 = Date.now();
  const results = await clicks(seeds);
  if (!SKIP.has('processes')) {
    try {
      results.push(...(await processes(seeds)));
    } catch (err) {
      // The click figures stand on their own: print them, and say what failed.
      notes.push(`processes: ${(err as Error).message.split('\n')[0]}`);
      failed('processes', 0);
    }
  }
  const cycles = SKIP.has('cycles') ? [] : await cyclesAtOnce();
  const rows = results.map(summarize);
  const failureCount = Object.values(failures).reduce((n, xs) => n + xs.length, 0);
  for (const [path, statuses] of Object.entries(failures)) notes.push(`${path}: ${statuses.length} not 200 (${[...new Set(statuses)].join(', ')})`);
  const meta = { quick: QUICK, renderInThread: RENDER_IN_THREAD, node: process.version, cpus: cpus().length, seconds: Math.round((Date.now() - t0) / 1000) };
  if (JSON_OUT) {
    console.log(JSON.stringify({ ...meta, rows, cycles, failures, notes }, null, 2));
  } else {
    console.log(markdownTable(rows));
    console.log('');
    if (cycles.length) console.log(`${cyclesTable(cycles)}\n`);
    console.log(`Node ${meta.node}, ${meta.cpus} CPUs${QUICK ? ', --quick' : ''}${RENDER_IN_THREAD ? ', reports rendered on the main thread (--render-in-thread)' : ''}, ${meta.seconds} s. Times in ms, memory in MB; ratio = product median / floor median.`);
    for (const n of notes) console.log(`- ${n}`);
    if (failureCount === 0) console.log('- every click answered 200 (recorded)');
  }
  if (failureCount) process.exitCode = 1;
}

main().then(
  () => process.exit(),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
