/**
 * What the mail activity tells operators (activities/telemetry.ts): one log line and one counter
 * per outcome — sent, already sent, failed (retryable or not) — run in an activity context against
 * real SMTP servers, with links signed by the web server's issuer; and none of those lines holds a
 * link, a token, the link secret, the mail's text or the recipient's address.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogLevel, LogMetadata } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderStore } from '../../infra/storage';
import { createActivities } from '../../activities';
import { createMailer, type SentMail } from '../../activities/mail/send';
import { recipientHash } from '../../activities/telemetry';
import type { DraftReady } from '../../domain/notifications';
import { startSmtpCapture, type SmtpCapture } from '../../infra/smtp-capture';
import { createLinkIssuer } from '../../links';
import { recordingMeter } from '../helpers/metrics';

const SECRET = 'telemetry-test-secret-0123456789-abcdefghij';
const links = createLinkIssuer(new TextEncoder().encode(SECRET), () => 'https://sdp-review.example.eu');
const dir = mkdtempSync(join(tmpdir(), 'sdp-review-mail-telemetry-'));
let capture: SmtpCapture;
let refusing: SMTPServer;
let refusingPort: number;

beforeAll(async () => {
  capture = await startSmtpCapture({ dir: join(dir, 'outbox'), logger: pino({ level: 'silent' }) });
  // Refuses every recipient for good (550), as a server does for an unknown mailbox.
  refusing = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onRcptTo: (_a, _s, cb) => cb(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 })) });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  refusingPort = (refusing.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await capture?.close();
  await new Promise<void>((resolve) => (refusing ? refusing.close(() => resolve()) : resolve()));
});

const notification: DraftReady = {
  kind: 'draft-ready',
  cycleId: 'review-cycle-2030',
  year: 2030,
  timeZone: 'Europe/Brussels',
  to: { name: 'Marta Coordinator', email: 'Marta.Coordinator@example.eu' },
  version: 2,
  files: [{ format: 'docx', key: '2030/draft-v2/sdp-review-2030-draft-v2.docx', sha256: 'a'.repeat(64), bytes: 1234 }],
  changedAreas: ['cyber-issues'],
  dueAt: '2030-05-01T21:59:59.999Z',
};

/** Runs `sendNotification` in an activity context whose log lines and metrics are kept. */
async function send(smtpUrl: string, n = notification) {
  const lines: { level: LogLevel; message: string; meta?: LogMetadata }[] = [];
  const write = (level: LogLevel) => (message: string, meta?: LogMetadata) => void lines.push({ level, message, meta });
  const logger = { log: (level: LogLevel, message: string, meta?: LogMetadata) => void lines.push({ level, message, meta }), trace: write('TRACE'), debug: write('DEBUG'), info: write('INFO'), warn: write('WARN'), error: write('ERROR') };
  const meter = recordingMeter();
  const mailer = createMailer({ smtpUrl, from: { name: 'SDP', address: 'noreply@sdp-review.example.eu' }, ledger: new FolderStore(join(dir, 'ledger')), messageIdDomain: 'sdp-review.test', socketTimeoutMs: 5_000 });
  const activities = createActivities({ store: new FolderStore(join(dir, 'artifacts')), mailer, links, readCycleState: () => Promise.reject(new Error('not used')) });
  const env = new MockActivityEnvironment({ activityType: 'sendNotification', workflowExecution: { workflowId: n.cycleId, runId: 'run-1' } }, { logger, metricMeter: meter });
  try {
    let sent: SentMail | undefined;
    let error: unknown;
    try {
      sent = await env.run(activities.sendNotification, n);
    } catch (err) {
      error = err;
    }
    return { sent, error, lines, emitted: meter.emitted };
  } finally {
    mailer.close();
  }
}

describe('the mail activity’s log lines and metrics', () => {
  it('logs and counts a mail sent, and a retry that finds it sent already, without links, text or address', async () => {
    const first = await send(capture.url);
    const second = await send(capture.url);
    expect(first.sent).toMatchObject({ alreadySent: false });
    expect(second.sent).toMatchObject({ alreadySent: true });

    const sent = first.lines.find((l) => l.message === 'mail sent')!;
    expect(sent.level).toBe('INFO');
    expect(sent.meta).toMatchObject({
      event: 'mail', outcome: 'sent', cycleYear: 2030, kind: 'draft-ready', purpose: 'draft-ready.v2',
      recipientRole: 'coordinator', recipientHash: recipientHash('marta.coordinator@example.eu'), recipients: 1, durationMs: expect.any(Number),
    });
    expect(second.lines.find((l) => l.message === 'mail already sent')?.meta).toMatchObject({ outcome: 'already-sent', messageId: first.sent!.messageId });
    expect(first.emitted).toEqual([expect.objectContaining({ name: 'sdp_review_mails_sent_total', kind: 'counter', value: 1, tags: expect.objectContaining({ kind: 'draft-ready', activityType: 'sendNotification' }) })]);
    expect(second.emitted).toEqual([]);

    // The mail did carry a signed action link and a signed file link: none of it is in a log line.
    const mail = await capture.waitFor((m) => m.messageId === first.sent!.messageId, 5_000);
    const urls = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0].replace(/[).,>]+$/, ''));
    expect(urls.some((u) => /\/review\/[\w-]+\.[\w-]+\.[\w-]+$/.test(u))).toBe(true);
    expect(urls.some((u) => /\/files\/.*[?&]sig=/.test(u))).toBe(true);
    const logged = JSON.stringify([...first.lines, ...second.lines]);
    for (const u of urls) expect(logged).not.toContain(u);
    expect(logged).not.toMatch(/eyJ[\w-]+\.[\w-]+|sig=|token=|\/l\/|\/review\//);
    expect(logged).not.toContain(SECRET);
    expect(logged.toLowerCase()).not.toContain('marta.coordinator@example.eu');
    expect(logged).not.toContain(mail.subject);
  });

  it('logs and counts a failed attempt, retryable or not, naming the error type, not its words', async () => {
    const n = { ...notification, version: 3 };
    const down = await send('smtp://127.0.0.1:1', n);
    expect(down.error).toBeDefined();
    const line = down.lines.find((l) => l.message === 'mail failed')!;
    expect(line.level).toBe('WARN');
    expect(line.meta).toMatchObject({ event: 'mail', outcome: 'failed', kind: 'draft-ready', purpose: 'draft-ready.v3', retryable: true, errorType: 'ESOCKET', attempt: expect.any(Number) });
    expect(down.emitted).toEqual([expect.objectContaining({ name: 'sdp_review_mails_failed_total', value: 1, tags: expect.objectContaining({ kind: 'draft-ready', retryable: 'true' }) })]);

    const refused = await send(`smtp://127.0.0.1:${refusingPort}`, { ...notification, version: 4 });
    expect(refused.error).toMatchObject({ nonRetryable: true });
    expect(refused.lines.find((l) => l.message === 'mail failed')?.meta).toMatchObject({ retryable: false, errorType: 'MailRecipientRejected' });
    expect(refused.emitted).toEqual([expect.objectContaining({ name: 'sdp_review_mails_failed_total', tags: expect.objectContaining({ kind: 'draft-ready', retryable: 'false' }) })]);
    // Ours, not the SDK's own `Activity failed` line, which carries the error (and the address it names) as Temporal records it.
    const ours = [...down.lines, ...refused.lines].filter((l) => l.message === 'mail failed');
    expect(JSON.stringify(ours).toLowerCase()).not.toContain('marta.coordinator@example.eu');
  });
});
