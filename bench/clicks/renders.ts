/**
 * Clicks while reports render (issue 15: "rendering never blocks a click"), on the benchmark's
 * embedded stack, where the web server, the worker and (unless `--render-in-thread`) the report
 * threads share one process:
 *
 * - contribution POSTs made one at a time while the 15-area draft of another cycle is rendered again
 *   (the coordinator's synthesis re-renders draft v1: `setSynthesis`);
 * - a director's approval (the EU director's `signOff` through the product's client) made 0.2 s
 *   after such a render started;
 * - `AT_ONCE` approvals at once, each the second director's, so each starts the final's render.
 *
 * The floor is the bare `executeUpdate` with no render running (taken after each render ended),
 * as the issue states it. A render's end is seen in the store: `report-input.json`, written last,
 * gets a new modification time.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { approveDraftUpdate, closeCollectionUpdate, setSynthesisUpdate, signOffUpdate } from '../../domain/messages';
import type { Actor, AreaOfCooperation } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import type { AppConfig } from '../../infra/config';
import { loadSampleInput, type Seeds } from '../../seeds';
import { smallSeeds } from '../../test/helpers/stack';
import type { BareCalls } from './bare';
import { openForm, press } from './browser';
import { timed, type PathResult } from './stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the render paths need from the click benchmark's run. */
export interface RenderBench {
  client: Client;
  config: AppConfig;
  seeds: Seeds;
  bare: BareCalls;
  bareIds: string[];
  /** A cycle whose 15 areas are all in (its collection is closed here, and its draft rendered again and again). */
  renderYear: number;
  /** Contribution links of a cycle still collecting, to click while the draft renders. */
  clickable: { url: string; area: AreaOfCooperation }[];
  /** First year free for the approval cycles (`atOnce` of them). */
  firstFreeYear: number;
  n: { renders: number; approvals: number; atOnce: number };
  log(line: string): void;
  failed(path: string, status: number): void;
}

/** Polls the `state` of `year` until `done` holds (at most `ms`); returns that state. Throws on timeout. */
async function waitFor(client: Client, year: number, done: (s: ReviewCycleState) => boolean, what: string, ms = 180_000): Promise<ReviewCycleState> {
  const until = Date.now() + ms;
  for (;;) {
    const state = await getCycleState(client, year).catch(() => undefined);
    if (state && done(state)) return state;
    if (Date.now() > until) throw new Error(`cycle ${year}: ${what} not reached within ${ms / 1000} s (stage ${state?.stage ?? '?'})`);
    await sleep(500);
  }
}

/** Modification time (ms) of draft v1's `report-input.json` of `year`, 0 when absent: it is written last by a render. */
async function renderedAt(config: AppConfig, year: number): Promise<number> {
  return (await stat(join(config.artifactsDir, String(year), 'draft-v1', 'report-input.json')).catch(() => undefined))?.mtimeMs ?? 0;
}

/** Runs the render paths; returns their rows and notes (render times). */
export async function renderPaths(b: RenderBench): Promise<{ rows: PathResult[]; notes: string[] }> {
  const { client, config, seeds } = b;
  const c = seeds.participants.coordinator;
  const coordinator: Actor = { email: c.email, name: c.name, role: 'coordinator', channel: 'cli' };
  const notes: string[] = [];

  b.log(`renders: closing the ${b.renderYear} collection (draft v1 of ${seeds.areas.length} areas) and preparing ${b.n.atOnce} cycles in sign-off…`);
  const firstRender = await timed(async () => {
    await updateCycle(client, b.renderYear, closeCollectionUpdate, { actor: coordinator });
    return waitFor(client, b.renderYear, (s) => s.drafts.length >= 1, 'draft v1');
  });
  notes.push(`a ${seeds.areas.length}-area draft: ${(firstRender.ms / 1000).toFixed(1)} s from closing the collection to draft v1 in the state (PDF ${process.env.SDP_REPORT_PDF === 'off' ? 'off' : 'on'})`);

  // The approval cycles: one area each, so that their own drafts cost little to prepare.
  const one = smallSeeds(1, seeds);
  const area = one.areas[0]!;
  const owner = one.participants.areaOwners[area.id]!.eu;
  const years = Array.from({ length: b.n.atOnce }, (_, i) => b.firstFreeYear + i);
  await Promise.all(
    years.map(async (year) => {
      await startCycle(client, { year, seeds: one, startedBy: coordinator });
      const send = () => submitContribution(client, { year, areaId: area.id, contribution: loadSampleInput(area), actor: { email: owner.email, name: owner.name, role: 'area-owner', channel: 'cli' }, area });
      await send().catch(async () => (await sleep(2_000), send()));
      await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
      await waitFor(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
      await updateCycle(client, year, approveDraftUpdate, { version: 1, actor: coordinator });
      await waitFor(client, year, (s) => s.stage === 'sign-off', 'sign-off');
    }),
  );
  const directors = seeds.participants.directors;
  const director = (side: 'eu' | 'al'): Actor => ({ email: directors[side].email, name: directors[side].name, role: 'director', channel: 'cli' });

  /** Re-renders draft v1 of the render year; resolves when it has started (the synthesis recorded) with a wait for its end. */
  let synthesis = 0;
  const startRender = async () => {
    const before = await renderedAt(config, b.renderYear);
    await updateCycle(client, b.renderYear, setSynthesisUpdate, { version: 1, summary: `Benchmark synthesis ${++synthesis}.`, attention: '', actor: coordinator });
    const started = performance.now();
    return {
      started,
      ended: async () => {
        while ((await renderedAt(config, b.renderYear)) === before && performance.now() - started < 180_000) await sleep(50);
        return performance.now() - started;
      },
      isOver: async () => (await renderedAt(config, b.renderYear)) !== before,
    };
  };

  b.log(`renders: contributions one at a time while the ${seeds.areas.length}-area draft renders, ${b.n.renders} renders…`);
  const during: PathResult = { path: `contribution: POST → result page while a ${seeds.areas.length}-area report renders`, floor: '`executeUpdate`, no render', product: [], floorSamples: [], goal: 1.5 };
  const renderMs: number[] = [];
  let click = 0;
  // How late this process's event loop (web server, worker, bare worker) ran while the draft rendered.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  for (let r = 0; r < b.n.renders; r++) {
    loopDelay.enable();
    const render = await startRender();
    let samples = 0;
    while (!(await render.isOver()) && performance.now() - render.started < 180_000) {
      const l = b.clickable[click++ % b.clickable.length]!;
      const res = await press(await openForm(l.url, l.area, `during render ${r}`));
      if (res.status !== 200) b.failed(during.path, res.status);
      during.product.push(res.ms);
      samples++;
    }
    renderMs.push(await render.ended());
    loopDelay.disable();
    for (let i = 0; i < Math.max(1, samples); i++) during.floorSamples.push((await timed(() => b.bare.update(b.bareIds[i % b.bareIds.length]!))).ms);
  }
  notes.push(`event loop delay of the stack's process while the draft rendered: p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms`);
  notes.push(`re-renders of the ${seeds.areas.length}-area draft took ${renderMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s (from the synthesis to its report-input.json)`);

  b.log(`renders: ${b.n.approvals} approvals, each 0.2 s after a render started…`);
  const approval: PathResult = { path: "director's approval just after a report render started", floor: '`executeUpdate`, no render', product: [], floorSamples: [], goal: 1.5, note: 'through the product\'s client' };
  for (let i = 0; i < Math.min(b.n.approvals, years.length); i++) {
    const render = await startRender();
    await sleep(200);
    approval.product.push((await timed(() => updateCycle(client, years[i]!, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: director('eu') }))).ms);
    await render.ended();
    approval.floorSamples.push((await timed(() => b.bare.update(b.bareIds[i % b.bareIds.length]!))).ms);
  }
  // The rest of the first approvals, untimed: the next path needs every cycle at its last approval.
  for (const year of years.slice(b.n.approvals)) await updateCycle(client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: director('eu') });

  b.log(`renders: ${years.length} approvals at once, each starting the final's render…`);
  const many: PathResult = { path: `${years.length} approvals at once (each triggering a render)`, floor: `${years.length} × \`executeUpdate\` at once`, product: [], floorSamples: [], goal: 2, note: 'through the product\'s client' };
  const t0 = performance.now();
  const approvals = await Promise.all(years.map((year) => timed(() => updateCycle(client, year, signOffUpdate, { version: 1, director: 'al', decision: 'approve', comment: '', actor: director('al') }))));
  many.product.push(...approvals.map((a) => a.ms));
  const finals = await Promise.all(years.map((year) => client.workflow.getHandle(`review-cycle-${year}`).result().then(() => true, () => false)));
  notes.push(`${years.length} approvals at once: ${finals.filter(Boolean).length} of ${years.length} cycles submitted, the last ${((performance.now() - t0) / 1000).toFixed(1)} s after the clicks`);
  const floor = await Promise.all(b.bareIds.slice(0, years.length).map((id) => timed(() => b.bare.update(id))));
  many.floorSamples.push(...floor.map((f) => f.ms));
  return { rows: [during, approval, many], notes };
}
