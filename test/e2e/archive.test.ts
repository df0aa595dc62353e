/**
 * The durable audit archive and the data folder's rights. A cycle runs to its submission on the
 * Temporal dev server; the workflow writes `archive/<year>/` at each stage change and at the end;
 * then the workflow is deleted from Temporal (as the namespace's retention would) and the audit,
 * the state and the list still answer from the archive. Every file the product writes is the
 * owner's only (0600 in 0700 folders), even under a permissive umask.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCycleArchive } from '../../activities/archive';
import type { FolderStore } from '../../infra/storage';
import { getCycleState, listCycles, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { approveDraftUpdate, closeCollectionUpdate, reviewCycleId, signOffUpdate } from '../../domain/messages';
import { cli } from '../helpers/cli';
import { actorOf, alDirector, coordinator, euDirector, sampleFor } from '../helpers/cycle';
import { smallSeeds, startTestStack, type TestStack, HttpSession, linkIn } from '../helpers/stack';
import { startWorkerHarness, type WorkerHarness } from '../helpers/temporal';
import { waitForState } from '../../client/demo';

/**
 * Every folder and file under `dir`, with its permission bits. An entry gone between the listing
 * and its stat (a running stack's SQLite journal, a mail or record being written atomically
 * through a temporary file) is not there to be checked, and is left out.
 */
function modesUnder(dir: string): { path: string; dir: boolean; mode: number }[] {
  const gone = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if (gone(err)) return [];
    throw err;
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      if (gone(err)) return [];
      throw err;
    }
    const entry = { path, dir: st.isDirectory(), mode: st.mode & 0o777 };
    return st.isDirectory() ? [entry, ...modesUnder(path)] : [entry];
  });
}

const wideOpen = (entries: ReturnType<typeof modesUnder>) => entries.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600)).map((e) => `${e.path} ${e.mode.toString(8)}`);

describe('the durable audit archive', () => {
  let h: WorkerHarness;
  const year = 2061;
  const seeds = smallSeeds(2);
  let umask: number;

  beforeAll(async () => {
    umask = process.umask(0o022);
    h = await startWorkerHarness();
    await startCycle(h.env.client, { year, seeds, startedBy: { ...coordinator, channel: 'system' } });
    for (const area of seeds.areas) {
      const owners = seeds.participants.areaOwners[area.id]!;
      await submitContribution(h.env.client, { year, areaId: area.id, contribution: sampleFor(area.id), actor: actorOf(owners.al, 'area-owner') });
    }
    await waitForState(h.env.client, year, (s) => s.areas.every((a) => a.status === 'submitted'), 'inputs');
    await updateCycle(h.env.client, year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(h.env.client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
    await updateCycle(h.env.client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    await waitForState(h.env.client, year, (s) => s.stage === 'sign-off', 'sign-off');
    await updateCycle(h.env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: euDirector });
    await updateCycle(h.env.client, year, signOffUpdate, { version: 1, director: 'al', decision: 'approve', comment: 'Miratuar — Tiranë.', actor: alDirector });
    await h.env.client.workflow.getHandle(reviewCycleId(year)).result();
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
    process.umask(umask);
  });

  it('holds the final state, the audit as CSV and JSON, readable by the owner only', async () => {
    const store = h.testDeps.deps.store as FolderStore;
    const artifactsDir = store.root;
    const archived = await readCycleArchive(store, year);
    expect(archived).toMatchObject({ final: true, state: { year, stage: 'submitted', submission: { signedVersion: 1 } } });
    const actions = archived!.state.events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['cycle-started', 'collection-closed', 'draft-approved-by-director', 'report-submitted']));
    // The final archive was written last: it holds every event the workflow recorded.
    const live = await getCycleState(h.env.client, year);
    expect(archived!.state.events).toEqual(live.events);
    const csv = readFileSync(join(artifactsDir, 'archive', String(year), `audit-${year}.csv`), 'utf8');
    expect(csv.split('\r\n').length).toBeGreaterThan(actions.length);
    expect(csv).toContain('Miratuar — Tiranë.');
    const json = JSON.parse(readFileSync(join(artifactsDir, 'archive', String(year), `audit-${year}.json`), 'utf8'));
    expect(json).toHaveLength(actions.length);
    // The store holds the reports, the inputs, the mail ledger and the archive.
    const stored = modesUnder(artifactsDir).map((e) => e.path.slice(artifactsDir.length + 1));
    expect(stored.some((p) => p.startsWith('mail-ledger/'))).toBe(true);
    expect(stored.some((p) => p.startsWith(`${year}/draft-v1/`))).toBe(true);
    expect(wideOpen(modesUnder(artifactsDir))).toEqual([]);
  });

  it('answers the audit, the state and the list after Temporal has deleted the workflow', async () => {
    const client = h.env.client;
    const workflowId = reviewCycleId(year);
    await client.workflowService.deleteWorkflowExecution({ namespace: client.options.namespace, workflowExecution: { workflowId } });
    // Deletion is asynchronous on the server: wait until Temporal no longer knows the cycle.
    await expect.poll(async () => client.workflow.getHandle(workflowId).describe().then((d) => `there ${d.status.name}`, (e: Error) => `gone ${e.name}`), { timeout: 60_000, interval: 500 }).toMatch(/^gone/);
    await expect(getCycleState(client, year)).rejects.toMatchObject({ kind: 'not-found' } satisfies Partial<CycleError>);

    const archive = h.testDeps.deps.store;
    const archiveDir = (archive as FolderStore).root;
    const state = await getCycleState(client, year, { archive });
    expect(state).toMatchObject({ year, stage: 'submitted' });
    // Visibility drops its record of the deleted workflow a moment after the workflow itself
    // (eventually consistent): until then the live row stands in for the archived one.
    await expect
      .poll(() => listCycles(client, { year }, { archive }), { timeout: 30_000, interval: 500 })
      .toEqual([expect.objectContaining({ year, stage: 'submitted', status: 'COMPLETED', archived: true })]);

    const saved = { address: process.env.TEMPORAL_ADDRESS, artifacts: process.env.SDP_ARTIFACTS_DIR };
    process.env.TEMPORAL_ADDRESS = h.env.address;
    process.env.SDP_ARTIFACTS_DIR = archiveDir;
    try {
      const audit = await cli('audit', '--year', String(year), '--format', 'json');
      expect(audit.code).toBe(0);
      const rows = JSON.parse(audit.out) as { action: string; detail?: string }[];
      expect(rows.map((r) => r.action)).toEqual(state.events.map((e) => e.action));
      expect(rows.find((r) => r.action === 'draft-approved-by-director' && r.detail)?.detail).toBe('Miratuar — Tiranë.');
    } finally {
      for (const [k, v] of [['TEMPORAL_ADDRESS', saved.address], ['SDP_ARTIFACTS_DIR', saved.artifacts]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe('the data folder of the embedded stack', () => {
  let t: TestStack;
  let umask: number;

  beforeAll(async () => {
    umask = process.umask(0o022);
    t = await startTestStack({ areas: 1, year: 2062, prefix: 'sdp-rights-' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    process.umask(umask);
  });

  it('keeps the outbox, the database, the ledger, the secret and the audit logs to the owner', async () => {
    const owner = t.seeds.participants.areaOwners[t.seeds.areas[0]!.id]!.eu;
    const mail = await t.capture.waitFor((m) => m.envelope.to.includes(owner.email), 30_000);
    // A visit writes the link audit log.
    const page = await new HttpSession().request('GET', linkIn(mail, `${t.webUrl}/`));
    expect(page.status).toBe(200);
    await expect.poll(() => modesUnder(t.dataDir).some((e) => e.path.endsWith('.jsonl')), { timeout: 30_000 }).toBe(true);
    // The mailer records a mail in its ledger after the server's 250, a moment after the capture has it.
    await expect.poll(() => modesUnder(t.dataDir).some((e) => e.path.startsWith(join(t.dataDir, 'artifacts', 'mail-ledger', '/'))), { timeout: 30_000 }).toBe(true);
    const entries = modesUnder(t.dataDir);
    const names = entries.map((e) => e.path.slice(t.dataDir.length + 1));
    expect(names).toEqual(expect.arrayContaining(['temporal.sqlite', 'link-secret', 'outbox']));
    expect(names.some((n) => n.startsWith('artifacts/mail-ledger/'))).toBe(true);
    expect(statSync(t.dataDir).mode & 0o777).toBe(0o700);
    expect(wideOpen(entries)).toEqual([]);
  });
});
