/**
 * Several hosts, one shared store: two stand-alone worker processes, each with a data folder of
 * its own (as on two machines), and a web server in a third process with a third folder, on one
 * Temporal namespace, with the documents in S3 (versitygw, started here). The worker that rendered
 * draft v1 is killed; the reopened area's revision is rendered as draft v2 by the other worker,
 * which reads v1 and the inputs from the store; the cycle submits; the web server serves every
 * download link of the mails; and every mail is delivered once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { approveDraftUpdate, closeCollectionUpdate, reopenAreasUpdate, reviewCycleId, signOffUpdate } from '../../domain/messages';
import { startSmtpCapture, type SmtpCapture } from '../../infra/smtp-capture';
import { openDocumentStore, type DocumentStore } from '../../infra/storage';
import { startVersitygw, type Versitygw } from '../../infra/storage/versitygw';
import { actorOf, alDirector, coordinator, euDirector, sampleFor } from '../helpers/cycle';
import { freePort, startInGroup, until, type GroupProcess } from '../helpers/process';
import { smallSeeds } from '../helpers/stack';
import { createLocalEnv } from '../helpers/temporal';

const year = 2063;
const seeds = smallSeeds(2);
const SECRET = 'multi-host-link-secret-0123456789-abcdefgh';
const root = mkdtempSync(join(tmpdir(), 'sdp-hosts-'));
let env: TestWorkflowEnvironment;
let gw: Versitygw;
let capture: SmtpCapture;
let store: DocumentStore;
let webUrl: string;
const workers: { name: string; proc: GroupProcess }[] = [];
let web: GroupProcess;

/** The settings every process of the deployment shares. */
function shared(): Record<string, string> {
  return { ...gw.env, TEMPORAL_ADDRESS: env.address, SMTP_URL: capture.url, PUBLIC_BASE_URL: webUrl, SDP_LINK_SECRET: SECRET, LOG_LEVEL: 'info' };
}

async function startWorker(name: string): Promise<GroupProcess> {
  const proc = startInGroup(['--import', 'tsx', 'run/worker.ts'], {
    ...shared(),
    SDP_DATA_DIR: join(root, name),
    METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
    WORKER_HEALTH_ADDRESS: `127.0.0.1:${await freePort()}`,
  });
  await proc.line(`${name} running`, (l) => l.msg === 'worker running', 60_000);
  return proc;
}

/** The pid of the worker that ran the latest attempt of `activityType`, from the cycle's history. */
async function pidThatRan(activityType: string, nth: number): Promise<number> {
  const history = await env.client.workflow.getHandle(reviewCycleId(year)).fetchHistory();
  const scheduled = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType).map((e) => Number(e.eventId));
  const started = (history.events ?? []).find((e) => Number(e.activityTaskStartedEventAttributes?.scheduledEventId ?? 0) === scheduled[nth]);
  const identity = started?.activityTaskStartedEventAttributes?.identity ?? '';
  return Number(identity.split('@')[0]);
}

beforeAll(async () => {
  env = await createLocalEnv();
  gw = await startVersitygw({ dir: join(root, 's3') });
  capture = await startSmtpCapture({ dir: join(root, 'outbox'), logger: pino({ level: 'silent' }) });
  store = openDocumentStore(gw.env.SDP_STORAGE_URL, '/unused', { ...gw.env });
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: gw.accessKeyId, AWS_SECRET_ACCESS_KEY: gw.secretAccessKey, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_S3: gw.endpoint });
  store = openDocumentStore(gw.env.SDP_STORAGE_URL, '/unused');
  const port = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  web = startInGroup(['--import', 'tsx', 'run/web.ts'], {
    ...shared(),
    SDP_DATA_DIR: join(root, 'web'),
    PORT: String(port),
    SDP_DASHBOARD_USER: 'secretariat',
    SDP_DASHBOARD_PASSWORD: 'a-long-enough-password',
  });
  const [a, b] = await Promise.all([startWorker('host-a'), startWorker('host-b')]);
  workers.push({ name: 'host-a', proc: a }, { name: 'host-b', proc: b });
  await until('the web server', () => fetch(`${webUrl}/readyz`).then((r) => (r.ok ? true : undefined)), 60_000);
}, 180_000);

afterAll(async () => {
  for (const w of workers) w.proc.kill();
  web?.kill();
  await capture?.close();
  await gw?.stop();
  await env?.teardown();
});

describe('a cycle across hosts that share only Temporal and the document store', () => {
  it('survives losing the worker that rendered the last draft, and serves every file from any web server', async () => {
    const client = env.client;
    await startCycle(client, { year, seeds, startedBy: { ...coordinator, channel: 'system' } });
    for (const area of seeds.areas) {
      const owner = actorOf(seeds.participants.areaOwners[area.id]!.eu, 'area-owner');
      await submitContribution(client, { year, areaId: area.id, contribution: sampleFor(area.id), actor: owner, store, area });
    }
    await waitForState(client, year, (s) => s.areas.every((a) => a.status === 'submitted'), 'inputs');
    const state1 = await getCycleState(client, year);
    // The workflows carry references, never the inputs: the key, the hash, the size, the summary.
    for (const a of state1.areas) {
      expect(a.contribution).toBeUndefined();
      expect(a.input).toMatchObject({ key: expect.stringMatching(new RegExp(`^${year}/inputs/${a.id}/[0-9a-f]{64}\\.json$`)), bytes: expect.any(Number) });
    }
    await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 60_000 });
    // The mails of the closure (to each owner, and the draft to the coordinator) are out before the
    // kill: a send cut between the server's 250 and its record is resent with the same Message-ID
    // (SMTP cannot be asked), which the "each mail once" check below does not allow for.
    const owners = new Set(seeds.areas.flatMap((a) => [seeds.participants.areaOwners[a.id]!.eu.email, seeds.participants.areaOwners[a.id]!.al.email])).size;
    const sent = (s: Awaited<ReturnType<typeof getCycleState>>, kind: string) => s.events.filter((e) => e.action === 'mail-sent' && e.mail?.kind === kind).length;
    await waitForState(client, year, (s) => sent(s, 'owners-update') === owners && sent(s, 'draft-ready') === 1, 'the closure\'s mails', { timeoutMs: 60_000 });

    // Kill the host that rendered draft v1, and its disk with it: only the store remains.
    const renderedV1 = await pidThatRan('renderReport', 0);
    const victim = workers.find((w) => w.proc.child.pid === renderedV1)!;
    expect(victim, `a worker with pid ${renderedV1}`).toBeDefined();
    const survivor = workers.find((w) => w !== victim)!;
    victim.proc.signalGroup('SIGKILL');
    await victim.proc.exited;

    const area = seeds.areas[0]!;
    await updateCycle(client, year, reopenAreasUpdate, { version: 1, areaIds: [area.id], comment: 'Shtoni datat e ushtrimeve në Durrës.', actor: coordinator });
    await waitForState(client, year, (s) => s.areas.find((a) => a.id === area.id)?.status === 'reopened', 'the reopening', { timeoutMs: 60_000 });
    const revised = { ...sampleFor(area.id), narrative: `${sampleFor(area.id).narrative}\n\nUshtrimi i përbashkët u zhvillua në Durrës më 14–15 tetor.` };
    const reopenedAt = Date.now();
    await submitContribution(client, { year, areaId: area.id, contribution: revised, actor: actorOf(seeds.participants.areaOwners[area.id]!.al, 'area-owner'), store, area });
    const drafted = await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 2, 'draft v2 on the other host', { timeoutMs: 120_000 });
    const failoverSeconds = (Date.now() - reopenedAt) / 1000;
    expect(drafted.drafts[1]!.changedAreas).toEqual([area.id]);
    expect(await pidThatRan('renderReport', 1)).toBe(survivor.proc.child.pid);
    console.log(`multi-host: draft v2 rendered on the surviving worker ${failoverSeconds.toFixed(1)} s after the revision`);

    await updateCycle(client, year, approveDraftUpdate, { version: 2, actor: coordinator });
    await waitForState(client, year, (s) => s.stage === 'sign-off', 'sign-off', { timeoutMs: 60_000 });
    await updateCycle(client, year, signOffUpdate, { version: 2, director: 'eu', decision: 'approve', comment: '', actor: euDirector });
    await updateCycle(client, year, signOffUpdate, { version: 2, director: 'al', decision: 'approve', comment: 'Miratuar.', actor: alDirector });
    const result = await client.workflow.getHandle(reviewCycleId(year)).result();
    expect(result.outcome).toBe('submitted');

    // Every download link of every mail answers from the web server, which wrote none of the files.
    const mails = await capture.list();
    const links = [...new Set(mails.flatMap((m) => m.text.match(/https?:\/\/[^\s<>"]+\/files\/[^\s<>"]+/g) ?? []))];
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) {
      const res = await fetch(link);
      expect(res.status, link).toBe(200);
      expect((await res.arrayBuffer()).byteLength, link).toBeGreaterThan(0);
    }
    // The submission carries the final .docx, read from the store by whichever worker sent it.
    const submission = mails.find((m) => m.envelope.to.includes(seeds.participants.saCouncilSecretariat.email))!;
    expect(submission.attachments.map((a) => a.filename)).toEqual(expect.arrayContaining([`sdp-review-${year}-final.docx`]));
    // Each mail once: one message per Message-ID.
    const ids = mails.map((m) => m.messageId);
    const twice = mails.filter((m) => ids.indexOf(m.messageId) !== ids.lastIndexOf(m.messageId)).map((m) => `${m.subject} → ${m.envelope.to.join(', ')} (${m.receivedAt})`);
    expect(twice).toEqual([]);
  }, 300_000);
});
