/**
 * Deadlines as calendar invitations (activities/mail/calendar.ts): the mail activity
 * (`sendNotification`, in an activity context) sends the requests with a due date through the
 * real SMTP capture on a loopback port, with links signed by the web server's issuer; the .ics is
 * read back from the captured message and its lines checked: METHOD:REQUEST, an all-day event on
 * the due date taken in the cycle's time zone (not the UTC date, for a zone west of UTC), the
 * title naming the area or the draft with its Albanian letters exact, the action link in the
 * description, and a UID that stays the same for one deadline and person across two sends (the
 * kick-off's request and the reopening's; draft v1's review and v2's) with a growing SEQUENCE.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { createMailer, type Mailer, type SentMail } from '../../activities/mail/send';
import { endOfLocalDay } from '../../domain/calendar';
import type { ContributionRequest, DraftReady, Notification, SignOffRequest } from '../../domain/notifications';
import { startSmtpCapture, type SmtpCapture } from '../../infra/smtp-capture';
import { FolderStore } from '../../infra/storage';
import { createLinkIssuer } from '../../links';
import { loadSeeds } from '../../seeds';
import { parseIcs } from '../helpers/ics';

const SECRET = 'calendar-test-secret-0123456789-abcdefghijklmn';
const BASE_URL = 'https://sdp-review.example.eu';
const links = createLinkIssuer(new TextEncoder().encode(SECRET), () => BASE_URL);
const seeds = loadSeeds();
const cyberOwners = seeds.participants.areaOwners['cyber-issues']!;
const FROM = { name: 'Sekretariati i SDP – Tiranë', address: 'sdp@example.eu' };

const dir = mkdtempSync(join(tmpdir(), 'sdp-review-calendar-'));
let capture: SmtpCapture;
let mailer: Mailer;

beforeAll(async () => {
  capture = await startSmtpCapture({ dir: join(dir, 'outbox'), logger: pino({ level: 'silent' }) });
  mailer = createMailer({ smtpUrl: capture.url, from: FROM, ledger: new FolderStore(join(dir, 'ledger')), messageIdDomain: 'sdp-review.test' });
});
afterAll(async () => {
  mailer?.close();
  await capture?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends `n` as the worker does (the activity, in an activity context), and returns the captured mail's .ics as text. */
async function sendAndReadInvitation(n: Notification): Promise<{ ics: string; contentType: string; filename: string; text: string }> {
  const activities = createActivities({ store: new FolderStore(join(dir, 'artifacts')), mailer, links, readCycleState: () => Promise.reject(new Error('not used')) });
  const env = new MockActivityEnvironment({ activityType: 'sendNotification', workflowExecution: { workflowId: n.cycleId, runId: 'run-1' } }, { logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
  const sent = (await env.run(activities.sendNotification, n)) as SentMail;
  const mail = await capture.waitFor((m) => m.messageId === sent.messageId, 5_000);
  const index = mail.attachments.findIndex((a) => a.filename.endsWith('.ics'));
  expect(index, `an .ics attachment in "${mail.subject}"`).toBeGreaterThanOrEqual(0);
  const file = (await capture.attachment(mail.id, index))!;
  // Calendar clients offer to update the event only for a part that says it is a request.
  const raw = (await capture.raw(mail.id)).toString('latin1');
  expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
  // Strict UTF-8: a letter split by line folding, or a wrong charset, would throw here.
  return { ics: new TextDecoder('utf-8', { fatal: true }).decode(file.content), contentType: file.contentType, filename: file.filename, text: mail.text };
}

const base = { cycleId: 'review-cycle-2026', year: 2026, timeZone: 'Europe/Tirane' } as const;

describe('deadlines as calendar invitations, sent by the mail activity through SMTP', () => {
  it('an Albanian owner\'s input request: an all-day event on the local due date, «Çështjet kibernetike» in the title, the link in the description; the reopening\'s request moves the same event (same UID, higher SEQUENCE)', async () => {
    const kickoff: ContributionRequest = {
      ...base, kind: 'contribution-request', to: cyberOwners.al, side: 'al',
      area: { id: 'cyber-issues', title: 'Cyber issues', paragraphs: [22] }, dueAt: endOfLocalDay('2026-03-30', base.timeZone),
    };
    const first = await sendAndReadInvitation(kickoff);
    expect(first.contentType).toMatch(/^text\/calendar/);
    expect(first.filename).toBe('sdp-review-2026-input-cyber-issues.ics');
    const a = parseIcs(first.ics);
    expect(a.calendar.get('METHOD')).toBe('REQUEST');
    expect(a.event.get('DTSTART')).toBe('20260330');
    expect(a.raw.get('DTSTART')).toBe('DTSTART;VALUE=DATE');
    expect(a.event.get('DTEND')).toBe('20260331');
    expect(a.event.get('SEQUENCE')).toBe('0');
    expect(a.event.get('SUMMARY')).toBe('Afati i kontributit: «Çështjet kibernetike» — rishikimi 2026 i Partneritetit për Sigurinë dhe Mbrojtjen');
    expect(a.event.get('DESCRIPTION')).toContain('Afati: 30 mars 2026 (e hënë), ora 23:59 (Europe/Tirane).');
    // The action link of the mail, exactly: the same personal link as in the mail's text.
    const link = /https:\/\/sdp-review\.example\.eu\/contribute\/\S+/.exec(first.text)![0];
    expect(a.event.get('DESCRIPTION')).toContain(`Hapni faqen tuaj: ${link}`);
    expect(a.event.get('URL')).toBe(link);
    expect(a.event.get('ORGANIZER')).toBe(`mailto:${FROM.address}`);
    expect(a.raw.get('ORGANIZER')).toBe('ORGANIZER;CN="Sekretariati i SDP – Tiranë"');
    expect(a.event.get('ATTENDEE')!.toLowerCase()).toBe(`mailto:${cyberOwners.al.email.toLowerCase()}`);
    expect(a.raw.get('ATTENDEE')).toContain('RSVP=FALSE');
    expect(a.event.get('UID')).toMatch(/^[0-9a-f]{32}@example\.eu$/);

    // The coordinator reopens the area after draft v1, with a later due date: a second mail, the same event.
    const second = parseIcs((await sendAndReadInvitation({ ...kickoff, dueAt: endOfLocalDay('2026-06-15', base.timeZone), reopened: { comment: 'Shtoni datat.', afterVersion: 1 } })).ics);
    expect(second.event.get('UID')).toBe(a.event.get('UID'));
    expect(second.event.get('SEQUENCE')).toBe('1');
    expect(second.event.get('DTSTART')).toBe('20260615');

    // The other owner of the same area has an event of their own, in English.
    const eu = parseIcs((await sendAndReadInvitation({ ...kickoff, to: cyberOwners.eu, side: 'eu' })).ics);
    expect(eu.event.get('UID')).not.toBe(a.event.get('UID'));
    expect(eu.event.get('SUMMARY')).toBe('Input due: «Cyber issues» — 2026 review of the Security and Defence Partnership');
  });

  it('the coordinator\'s review: draft v2\'s invitation replaces v1\'s (same UID, SEQUENCE 0 then 1), its title naming the draft', async () => {
    const ready = (version: number, date: string): DraftReady => ({
      ...base, kind: 'draft-ready', to: seeds.participants.coordinator, version, files: [], changedAreas: [], dueAt: endOfLocalDay(date, base.timeZone),
    });
    const v1 = parseIcs((await sendAndReadInvitation(ready(1, '2026-04-10'))).ics);
    const v2 = parseIcs((await sendAndReadInvitation(ready(2, '2026-05-08'))).ics);
    expect(v2.event.get('UID')).toBe(v1.event.get('UID'));
    expect([v1.event.get('SEQUENCE'), v2.event.get('SEQUENCE')]).toEqual(['0', '1']);
    expect(v2.event.get('DTSTART')).toBe('20260508');
    expect(v2.event.get('SUMMARY')).toMatch(/draft v2|drafti v2/);
    expect(v2.event.get('DESCRIPTION')).toContain(`${BASE_URL}/review/`);
  });

  it('a director\'s sign-off in a cycle west of UTC: DTSTART is the local due date, not the UTC one', async () => {
    const timeZone = 'America/New_York';
    const dueAt = endOfLocalDay('2026-05-04', timeZone);
    expect(dueAt.slice(0, 10)).toBe('2026-05-05'); // the UTC date is the next day
    const request: SignOffRequest = {
      ...base, timeZone, kind: 'sign-off-request', to: seeds.participants.directors.al, version: 2, director: 'al', files: [], dueAt,
    };
    const { event } = parseIcs((await sendAndReadInvitation(request)).ics);
    expect(event.get('DTSTART')).toBe('20260504');
    expect(event.get('SUMMARY')).toBe('Afati i miratimit: drafti v2 i raportit të progresit 2026');
    expect(event.get('DESCRIPTION')).toContain('(America/New_York)');
    expect(event.get('DESCRIPTION')).toContain(`${BASE_URL}/sign-off/`);
  });

  it('mails that ask nothing by a date carry no invitation', async () => {
    const activities = createActivities({ store: new FolderStore(join(dir, 'artifacts')), mailer, links, readCycleState: () => Promise.reject(new Error('not used')) });
    const env = new MockActivityEnvironment({ activityType: 'sendNotification', workflowExecution: { workflowId: base.cycleId, runId: 'run-1' } }, { logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } });
    const cancelled: Notification = { ...base, kind: 'cycle-cancelled', to: seeds.participants.coordinator, reason: 'test', byName: 'Someone' };
    const sent = (await env.run(activities.sendNotification, cancelled)) as SentMail;
    const mail = await capture.waitFor((m) => m.messageId === sent.messageId, 5_000);
    expect(mail.attachments).toEqual([]);
  });
});
