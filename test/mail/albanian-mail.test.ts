/**
 * The product's own mails to Albanian readers, composed (activities/mail/texts) and sent through
 * the real SMTP capture on a loopback test port: the Albanian subject, the recipient's name and
 * the body decode back exactly from the raw message, every RFC 2047 encoded word holding whole
 * letters (C1, as test/mail/mail.test.ts checks it for a subject written by hand).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import libmime from 'libmime';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../../activities/mail/send';
import { composeMail } from '../../activities/mail/texts';
import type { Notification } from '../../domain/notifications';
import { startSmtpCapture, type SmtpCapture } from '../../infra/smtp-capture';
import { FolderStore } from '../../infra/storage';
import { SEEDS_DIR, loadSeeds } from '../../seeds';
import { seedAreaNames } from '../../seeds/area-names';

const seeds = loadSeeds();
const owner = seeds.participants.areaOwners['cyber-issues']!.al; // Albanian side: reads Albanian
const director = seeds.participants.directors.al;
const base = { cycleId: 'review-cycle-2026', year: 2026, timeZone: 'Europe/Brussels' };

let root: string;
let capture: SmtpCapture;
let mailer: Mailer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'albanian-mail-'));
  capture = await startSmtpCapture({ dir: join(root, 'outbox'), logger: pino({ level: 'silent' }) });
  mailer = createMailer({ smtpUrl: capture.url, from: { name: 'Drejtoria e Çështjeve të Sigurisë – Tiranë', address: 'noreply@example.al' }, ledger: new FolderStore(join(root, 'ledger')), messageIdDomain: 'sdp-review.example.eu' });
});
afterAll(async () => {
  mailer?.close();
  await capture?.close();
  await rm(root, { recursive: true, force: true });
});

/** The Subject and To fields of a raw message, unfolded (RFC 5322 §2.2.3); the header block must be ASCII. */
function rawHeader(raw: Buffer, name: string): string {
  const head = raw.subarray(0, raw.indexOf('\r\n\r\n'));
  expect(head.every((b) => b < 0x80)).toBe(true);
  const field = new RegExp(`\\r\\n${name}: ((?:[^\\r]|\\r\\n[ \\t])*)`, 'i').exec(`\r\n${head.toString('latin1')}`);
  return field![1]!.replace(/\r\n/g, '');
}

/** Each encoded word decoded on its own: a word that split a multi-byte letter is not valid UTF-8, and this throws. */
function wordsOf(value: string): string[] {
  return [...value.matchAll(/=\?utf-8\?([BbQq])\?([^?\s]*)\?=/gi)].map(([, encoding, payload]) => {
    const bytes = encoding!.toUpperCase() === 'B'
      ? Buffer.from(payload!, 'base64')
      : Buffer.from(payload!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  });
}

async function sendAndRead(n: Notification, purpose: string) {
  const composed = composeMail(n, { fileUrl: () => undefined, areaNames: seedAreaNames(SEEDS_DIR) });
  const sent = await mailer.send({ cycleId: n.cycleId, purpose, to: { name: n.to.name, email: n.to.email }, ...composed });
  const raw = await capture.raw((await capture.waitFor((m) => m.messageId === sent.messageId, 5_000)).id);
  return { composed, raw, parsed: await simpleParser(raw) };
}

describe('mails to Albanian readers, through SMTP', () => {
  it('a reminder: "Kujtesë: kontributi për fushën «Çështjet kibernetike» – afati 30 mars…" decodes back exactly, subject, name and body', async () => {
    const item = { kind: 'reminder', stage: 'collecting', key: 'area:cyber-issues', areaId: 'cyber-issues', title: 'Input for «Cyber issues»', label: '7 days before', dueAt: '2026-03-30T21:59:59.999Z' } as const;
    const { composed, raw, parsed } = await sendAndRead({ ...base, kind: 'reminder-digest', to: owner, localDate: '2026-03-23', items: [item] }, 'reminder-digest.2026-03-23');
    expect(composed.subject).toBe('Kujtesë: kontributi për fushën «Çështjet kibernetike» – afati 30 mars, rishikimi 2026');
    const subject = rawHeader(raw, 'Subject');
    expect(wordsOf(subject).join('')).toBe(composed.subject);
    expect(libmime.decodeWords(subject)).toBe(composed.subject);
    expect(libmime.decodeWords(rawHeader(raw, 'To').replace(` <${owner.email}>`, ''))).toBe(owner.name);
    expect(parsed.subject).toBe(composed.subject);
    expect(parsed.text?.trimEnd()).toBe(composed.text.trimEnd());
    expect(parsed.html).toBe(composed.html);
    expect(parsed.html).toContain('<html lang="sq">');
    expect(parsed.text).toContain(`Përshëndetje ${owner.name},`);
    expect(parsed.text).toContain('Kontributi për fushën «Çështjet kibernetike» — 7 ditë para afatit; afati 30 mars 2026 (e hënë), ora 23:59 (Europe/Brussels)');
  });

  it('a confirmation to the Albanian director names him in an Albanian subject, decoded exactly', async () => {
    const outcome = { code: 'director-decided', stage: 'drafting', version: 1, director: 'al', decision: 'request-changes', bothApproved: false, directorName: director.name, otherDirectorName: seeds.participants.directors.eu.name } as const;
    const { composed, raw } = await sendAndRead({ ...base, kind: 'action-confirmation', to: director, actionKey: 'signoff.v1.al', outcome }, 'confirmation.signoff.v1.al');
    expect(composed.subject).toBe('Regjistruar: Gëzim Çobani kërkoi ndryshime në draftin v1.');
    const subject = rawHeader(raw, 'Subject');
    expect(wordsOf(subject).join('')).toBe(composed.subject);
    expect(libmime.decodeWords(subject)).toBe(composed.subject);
  });
});
