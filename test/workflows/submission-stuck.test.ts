/**
 * The SA Council secretariat's mail server refuses the final report (SMTP 550: a mistyped or
 * closed mailbox). No retry fixes that, and before this behaviour the workflow failed for good
 * after the directors had signed. Now the cycle says it is stuck on its submission, and sends the
 * report once the address is fixed on the mail side and the coordinator resumes it.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { approveDraftUpdate, closeCollectionUpdate, resumeCycleUpdate, signOffUpdate, type ReviewCycleResult } from '../../domain/messages';
import { NO_LINKS } from '../../activities/mail/links';
import { createMailer } from '../../activities/mail/send';
import { FolderStore } from '../../infra/storage';
import { createWorker } from '../../run/create-worker';
import { actorOf, alDirector, coordinator, euDirector, sampleFor } from '../helpers/cycle';
import { smallSeeds } from '../helpers/stack';
import { createLocalEnv, workflowBundle } from '../helpers/temporal';

const year = 2071;
const seeds = smallSeeds(1);
const secretariat = seeds.participants.saCouncilSecretariat.email;

let env: TestWorkflowEnvironment;
let server: SMTPServer;
let worker: Worker;
let running: Promise<void>;
let mailer: ReturnType<typeof createMailer>;
let refuseSecretariat = true;
const delivered: string[][] = [];

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuseSecretariat && address.address === secretariat) return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        delivered.push(session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const store = new FolderStore(join(mkdtempSync(join(tmpdir(), 'sdp-review-submission-')), 'artifacts'));
  mailer = createMailer({
    smtpUrl: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    from: { name: 'EU–Albania SDP Secretariat', address: 'noreply@sdp-review.example.eu' },
    ledger: store,
    messageIdDomain: 'sdp-review.test',
  });
  env = await createLocalEnv();
  worker = await createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', deps: { store, mailer, links: NO_LINKS }, workflowBundle: await workflowBundle() });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  await env?.teardown();
  mailer?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('a submission the SA Council secretariat\'s mail server refuses', () => {
  it('leaves the cycle stuck on its submission, not failed, and submits once resumed', async () => {
    const client = env.client;
    await startCycle(client, { year, seeds, startedBy: coordinator });
    const area = seeds.areas[0]!;
    await submitContribution(client, { year, areaId: area.id, contribution: sampleFor(area.id), actor: actorOf(seeds.participants.areaOwners[area.id]!.eu, 'area-owner') });
    await waitForState(client, year, (s) => s.areas.every((a) => a.status === 'submitted'), 'the input');
    await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(client, year, (s) => s.drafts.length === 1, 'draft v1');
    await updateCycle(client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    await waitForState(client, year, (s) => s.stage === 'sign-off', 'sign-off');
    await updateCycle(client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', actor: euDirector });
    await updateCycle(client, year, signOffUpdate, { version: 1, director: 'al', decision: 'approve', actor: alDirector });

    const stuck = await waitForState(client, year, (s) => !!s.stuck, 'the cycle to say it is stuck', { timeoutMs: 30_000 });
    expect(stuck.stage).toBe('submission');
    expect(stuck.stuck).toMatchObject({ step: 'submission', version: 1, reason: expect.stringContaining(secretariat) });
    expect(stuck.stuck!.reason).toContain('550');
    // Mails of the sign-off may be recorded after it; the stuck event is there, once, for v1.
    expect(stuck.events.filter((e) => e.action === 'cycle-stuck')).toEqual([expect.objectContaining({ version: 1 })]);
    const handle = client.workflow.getHandle(`review-cycle-${year}`);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(delivered.flat()).not.toContain(secretariat);

    // The mail side is fixed; the coordinator resumes the cycle.
    refuseSecretariat = false;
    const resumed = await updateCycle(client, year, resumeCycleUpdate, { actor: coordinator });
    expect(resumed).toMatchObject({ code: 'resume-requested', version: 1, step: 'submission' });
    const result = (await handle.result()) as ReviewCycleResult;
    expect(result.outcome).toBe('submitted');
    const done = await waitForState(client, year, (s) => s.stage === 'submitted', 'submitted');
    expect(done.stuck).toBeUndefined();
    expect(done.events.some((e) => e.action === 'cycle-resumed' && e.version === 1)).toBe(true);
    // The copies went with the refused attempt; the resumed one reached only the secretariat, once.
    const copies = [seeds.participants.coordinator.email, seeds.participants.directors.eu.email, seeds.participants.directors.al.email];
    expect(delivered.filter((rcpt) => rcpt.includes(secretariat))).toEqual([[secretariat]]);
    for (const copy of copies) expect(delivered.filter((rcpt) => rcpt.includes(copy) && rcpt.length === 3)).toHaveLength(1);
    expect(result.outcome === 'submitted' && [...result.submission.recipients].sort()).toEqual([secretariat, ...copies].sort());

    // The stuck-and-resumed path replays as it ran; SDP_RECORD_HISTORY=1 keeps it as a fixture.
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, handle.workflowId);
    if (process.env.SDP_RECORD_HISTORY === '1') {
      writeFileSync(join(import.meta.dirname, '..', 'fixtures', 'histories', 'review-cycle-v6-submission-stuck.json'), `${historyToJSON(history)}\n`);
    }
  }, 120_000);
});
