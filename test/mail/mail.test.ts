/**
 * Sending mail through real SMTP servers on loopback test ports (the capture server, or a bare
 * smtp-server where a refusal is needed): C1, Albanian letters in headers decode back exactly;
 * C2, a 5,000-character HTML line keeps every raw line within 998 bytes; C3, a retried send after
 * a late `250` must not mail twice; attachments, the ledger, and the errors. Raw messages are checked byte by byte, not through nodemailer.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import libmime from 'libmime';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, stableMessageId, type MailDeps, type OutgoingMail } from '../../activities/mail/send';
import { startSmtpCapture } from '../../infra/smtp-capture';
import { FolderStore } from '../../infra/storage';

const silent = pino({ level: 'silent' });
const DOMAIN = 'sdp-review.example.eu';
const FROM = { name: 'Drejtoria e Çështjeve të Sigurisë – Tiranë', address: 'noreply@example.al' };
const SUBJECT = 'Kujtesë: kontributi për fushën «Çështjet kibernetike» – afati 30 mars';

let root: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mail-test-'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let seq = 0;
async function setup(opts: { replyDelayMs?: number; socketTimeoutMs?: number } = {}) {
  const dir = join(root, `case-${++seq}`);
  const capture = await startSmtpCapture({ dir: join(dir, 'outbox'), logger: silent, ...(opts.replyDelayMs ? { replyDelayMs: opts.replyDelayMs } : {}) });
  cleanups.push(() => capture.close());
  const deps: MailDeps = {
    smtpUrl: capture.url,
    from: FROM,
    ledger: new FolderStore(join(dir, 'ledger')),
    messageIdDomain: DOMAIN,
    ...(opts.socketTimeoutMs ? { socketTimeoutMs: opts.socketTimeoutMs } : {}),
  };
  const mailer = createMailer(deps);
  cleanups.push(() => mailer.close());
  return { dir, capture, deps, mailer };
}

function outgoing(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    cycleId: 'review-cycle-2026',
    purpose: 'contribution-request.cyber-issues',
    to: { name: 'Ëngjëll Çela', email: 'e.cela@example.al' },
    subject: SUBJECT,
    text: 'Ju lutemi dërgoni kontributin tuaj.',
    html: '<p>Ju lutemi dërgoni kontributin tuaj.</p>',
    ...overrides,
  };
}

/** The header block of a raw message: unfolded fields by lower-case name (RFC 5322 §2.2.3). */
function headersOf(raw: Buffer): Map<string, string[]> {
  const text = raw.toString('latin1'); // byte for byte: a header must be ASCII anyway
  const end = text.indexOf('\r\n\r\n');
  expect(end).toBeGreaterThan(0);
  const fields = new Map<string, string[]>();
  for (const field of text.slice(0, end).split(/\r\n(?![ \t])/)) {
    const colon = field.indexOf(':');
    const name = field.slice(0, colon).toLowerCase();
    // unfolding removes the CRLF only; the whitespace after it stays
    const value = field.slice(colon + 1).replace(/\r\n/g, '').replace(/^ /, '');
    fields.set(name, [...(fields.get(name) ?? []), value]);
  }
  return fields;
}

function only(fields: Map<string, string[]>, name: string): string {
  const values = fields.get(name) ?? [];
  expect(values, `exactly one ${name} header`).toHaveLength(1);
  return values[0]!;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * Each RFC 2047 encoded word of a header value, decoded on its own, at byte level (Q: "_" is a
 * space, =XX a byte; B: base64) and through libmime. A word that split a multi-byte letter would
 * not be valid UTF-8 on its own, so TextDecoder with fatal: true throws.
 */
function encodedWords(value: string): { word: string; text: string }[] {
  return [...value.matchAll(ENCODED_WORD)].map((m) => {
    const [word, charset, encoding, payload] = m as unknown as [string, string, string, string];
    expect(charset.toLowerCase()).toBe('utf-8');
    expect(word.length, `encoded word ${word} is at most 75 characters (RFC 2047 §2)`).toBeLessThanOrEqual(75);
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(payload, 'base64')
        : Buffer.from(
            payload.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          );
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(libmime.decodeWord(charset, encoding, payload)).toBe(text);
    return { word, text };
  });
}

/** The Error a promise rejects with; fails the test if it resolves. */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(Error);
  return outcome.error as Error;
}

function rawLines(raw: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = raw.indexOf('\r\n'); i >= 0; i = raw.indexOf('\r\n', start)) {
    lines.push(raw.subarray(start, i));
    start = i + 2;
  }
  lines.push(raw.subarray(start));
  return lines;
}

describe('stableMessageId', () => {
  it('is the same for the same (cycle, purpose, recipient), whatever the case of the address', () => {
    const id = stableMessageId('review-cycle-2026', 'draft-ready.v2', 'E.Cela@Example.AL', DOMAIN);
    expect(id).toMatch(/^<[0-9a-f]{32}@sdp-review\.example\.eu>$/);
    expect(stableMessageId('review-cycle-2026', 'draft-ready.v2', 'e.cela@example.al', DOMAIN)).toBe(id);
    expect(stableMessageId('review-cycle-2026', 'draft-ready.v3', 'e.cela@example.al', DOMAIN)).not.toBe(id);
    expect(stableMessageId('review-cycle-2027', 'draft-ready.v2', 'e.cela@example.al', DOMAIN)).not.toBe(id);
    expect(stableMessageId('review-cycle-2026', 'draft-ready.v2', 'other@example.al', DOMAIN)).not.toBe(id);
    // the parts cannot run into each other
    expect(stableMessageId('a|b', 'c', 'x@y', DOMAIN)).not.toBe(stableMessageId('a', 'b|c', 'x@y', DOMAIN));
    expect(() => stableMessageId('c', 'p', 'x@y', 'not a domain>')).toThrow(/messageIdDomain/);
  });
});

describe('createMailer', () => {
  it('C1: Albanian letters in From, To and Subject decode back exactly, whole letters per encoded word, the address outside', async () => {
    const { capture, mailer } = await setup();
    const sent = await mailer.send(outgoing());
    expect(sent).toMatchObject({ alreadySent: false, recipients: ['e.cela@example.al'] });
    expect(sent.messageId).toBe(stableMessageId('review-cycle-2026', 'contribution-request.cyber-issues', 'e.cela@example.al', DOMAIN));

    const mail = await capture.waitFor((m) => m.messageId === sent.messageId, 5_000);
    const raw = await capture.raw(mail.id);
    const headers = headersOf(raw);
    // every header byte is ASCII: the non-ASCII text travels only inside encoded words
    expect(raw.subarray(0, raw.indexOf('\r\n\r\n')).every((b) => b < 0x80)).toBe(true);

    const from = only(headers, 'from');
    expect(from.endsWith(' <noreply@example.al>'), from).toBe(true);
    const fromWords = encodedWords(from);
    expect(fromWords.length).toBeGreaterThan(0);
    // the address is literal, outside every encoded word, and no word holds any part of it
    expect(from.replace(ENCODED_WORD, '')).toContain('<noreply@example.al>');
    expect(fromWords.every((w) => !w.text.includes('@') && !w.text.includes('<'))).toBe(true);
    const displayName = from.slice(0, -' <noreply@example.al>'.length);
    expect(libmime.decodeWords(displayName)).toBe(FROM.name);
    expect(fromWords.map((w) => w.text).join('')).toBe(FROM.name);

    const subject = only(headers, 'subject');
    expect(libmime.decodeWords(subject)).toBe(SUBJECT);
    expect(encodedWords(subject).map((w) => w.text).join('')).toBe(SUBJECT);

    const to = only(headers, 'to');
    expect(to.endsWith(' <e.cela@example.al>'), to).toBe(true);
    expect(libmime.decodeWords(to.slice(0, -' <e.cela@example.al>'.length))).toBe('Ëngjëll Çela');

    expect(only(headers, 'message-id')).toBe(sent.messageId);

    // and as a mail reader sees it
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(SUBJECT);
    expect(parsed.from?.value).toEqual([{ name: FROM.name, address: FROM.address }]);
    expect(mail.from).toBe(`${FROM.name} <noreply@example.al>`);
    expect(mail.to).toEqual(['Ëngjëll Çela <e.cela@example.al>']);
    // text and HTML alternatives, always
    expect(parsed.text?.trim()).toBe('Ju lutemi dërgoni kontributin tuaj.');
    expect(parsed.html).toBe('<p>Ju lutemi dërgoni kontributin tuaj.</p>');
  });

  it('C1: no encoded word splits a letter wherever the 52-character split falls, and every name decodes exactly', async () => {
    const { capture, mailer } = await setup();
    // Shift the text by 0..39 ASCII characters so the split between encoded words lands on every
    // byte of the 2-byte (ë, Ç, «) and 3-byte (–) letters; one name also holds a comma and quotes.
    const names = Array.from({ length: 40 }, (_x, k) => `${'a'.repeat(k)}Çështjet «kibernetike» – ëËçÇ ${k}`);
    names.push('Çela, Ëngjëll "Geli"');
    const cc = names.map((name, k) => ({ name, email: `cc${k}@example.al` }));
    const sent = await mailer.send(outgoing({ purpose: 'split-sweep', cc }));
    const mail = await capture.waitFor((m) => m.messageId === sent.messageId, 5_000);
    const raw = await capture.raw(mail.id);
    const ccHeader = only(headersOf(raw), 'cc');
    const words = encodedWords(ccHeader); // each one valid UTF-8 on its own, or this throws
    expect(words.length).toBeGreaterThan(names.length);
    for (const { email } of cc) expect(ccHeader.replace(ENCODED_WORD, '')).toContain(`<${email}>`);
    const parsed = await simpleParser(raw);
    const parsedCc = (Array.isArray(parsed.cc) ? parsed.cc : [parsed.cc]).flatMap((a) => a?.value ?? []);
    expect(parsedCc).toEqual(cc.map(({ name, email }) => ({ name, address: email })));
  });

  it('C2: a 5,000-character HTML line keeps every raw line within 998 bytes and the link byte-identical', async () => {
    const { capture, mailer } = await setup();
    const link =
      'https://sdp-review.example.eu/sign-off/review-cycle-2026/draft-3?token=eyJhbGciOiJIUzI1NiJ9.eyJzdGVwIjoic2lnbi1vZmYifQ.Xy_9-Zk!&amp;lang=sq#vendim';
    const anchor = `<a href="${link}">Hap draftin</a>`;
    const head = `<table><tr><td>${'Çështjet kibernetike; '.repeat(43)}`.slice(0, 960);
    const tail = '</td></tr></table>';
    const filler = '<span>ë</span> '.repeat(400).slice(0, 5_000 - head.length - anchor.length - tail.length);
    const html = head + anchor + filler + tail;
    expect(html).toHaveLength(5_000);
    expect(html).not.toMatch(/[\r\n]/);
    const linkStart = html.indexOf(link);
    expect(linkStart).toBeLessThan(990);
    expect(linkStart + link.length).toBeGreaterThan(990);
    const text = `Hapeni këtu: ${link} ${'tekst '.repeat(200)}`; // one long text line too

    const sent = await mailer.send(outgoing({ purpose: 'draft-ready.v3', html, text }));
    const mail = await capture.waitFor((m) => m.messageId === sent.messageId, 5_000);
    const raw = await capture.raw(mail.id);

    const lines = rawLines(raw);
    const longest = Math.max(...lines.map((l) => l.length));
    expect(longest, 'RFC 5321 §4.5.3.1.6: at most 998 octets per line').toBeLessThanOrEqual(998);
    // every line ends in CRLF: no bare LF or CR anywhere
    expect(lines.some((l) => l.includes(0x0a) || l.includes(0x0d))).toBe(false);

    const parsed = await simpleParser(raw);
    expect(parsed.html).toBe(html);
    const hrefs = [...(parsed.html || '').matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([link]);
    expect(Buffer.from(hrefs[0]!).equals(Buffer.from(link))).toBe(true);
    expect(parsed.text?.trimEnd()).toBe(text.trimEnd());
    expect(mail.html).toBe(html);
  });

  it('C3: a late 250 fails the attempt; the retry resends with the same Message-ID; after the record, nothing more is sent', async () => {
    // The 250 comes 5 s late (closing the capture releases it): far beyond the 200 ms socket
    // timeout, however slow a loaded machine makes the exchange before it.
    const { dir, capture, deps, mailer } = await setup({ replyDelayMs: 5_000, socketTimeoutMs: 200 });
    const mail = outgoing({ purpose: 'contribution-request.cyber-issues.reminder-1' });
    const messageId = stableMessageId(mail.cycleId, mail.purpose, mail.to.email, DOMAIN);

    const started = Date.now();
    const first = await failureOf(mailer.send(mail));
    expect(first.message).toContain(messageId);
    expect(first.message).toMatch(/may have accepted it/);
    expect(Date.now() - started).toBeLessThan(5_000); // it gave up on the socket timeout, not on the 250
    // the server did receive the whole message (storing it may outlast the client's timeout), but
    // no record was written: nothing told us
    const received = await capture.waitFor((m) => m.messageId === messageId, 30_000);
    expect(received.subject).toBe(SUBJECT);
    expect(await deps.ledger.list('mail-ledger/')).toEqual([]);

    // the slow server finishes and comes back to normal (same port, same outbox)
    await capture.close();
    const restarted = await startSmtpCapture({ dir: join(dir, 'outbox'), port: capture.port, logger: silent });
    cleanups.push(() => restarted.close());

    const retry = await mailer.send(mail);
    expect(retry).toMatchObject({ messageId, alreadySent: false, recipients: ['e.cela@example.al'] });
    const copies = (await restarted.list()).filter((m) => m.messageId === messageId);
    expect(copies, 'two copies, recognisable as one by their Message-ID').toHaveLength(2);
    expect(await deps.ledger.list('mail-ledger/')).toHaveLength(1);

    // once recorded, nothing is sent: not even a connection (the server is gone)
    await restarted.close();
    const again = await mailer.send(mail);
    expect(again).toEqual({ ...retry, alreadySent: true });
    const later = createMailer(deps); // a new worker process reads the same ledger
    cleanups.push(() => later.close());
    expect(await later.send(mail)).toEqual({ ...retry, alreadySent: true });
  });

  it('sends an attachment: its bytes and its Albanian filename arrive exactly (RFC 2231)', async () => {
    const { capture, mailer } = await setup();
    const filename = 'Raporti-2026-Çështjet.docx';
    const bytes = randomBytes(50_000);
    const contentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

    const sent = await mailer.send(outgoing({ purpose: 'draft-ready.v1', attachments: [{ filename, content: bytes, contentType }] }));
    const mail = await capture.waitFor((m) => m.messageId === sent.messageId, 5_000);
    expect(mail.attachments).toEqual([{ filename, contentType, size: bytes.length }]);
    const got = await capture.attachment(mail.id, 0);
    expect(got?.filename).toBe(filename);
    expect(got?.content.equals(bytes)).toBe(true);
    expect(await capture.attachment(mail.id, 1)).toBeUndefined();

    const raw = (await capture.raw(mail.id)).toString('latin1');
    expect(raw).toMatch(/filename\*(?:0\*)?=utf-8''Raporti-2026-%C3%87%C3%ABshtjet\.docx/i);
    expect(Math.max(...rawLines(Buffer.from(raw, 'latin1')).map((l) => l.length))).toBeLessThanOrEqual(998);

  });

  it('sends concurrent calls for the same mail once', async () => {
    const { capture, mailer } = await setup();
    const mail = outgoing({ purpose: 'sign-off-request.eu' });
    const results = await Promise.all([mailer.send(mail), mailer.send(mail), mailer.send(mail)]);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect((await capture.list()).filter((m) => m.messageId === results[0]!.messageId)).toHaveLength(1);
  });

  it('verify() reaches the capture server', async () => {
    const { mailer } = await setup();
    await expect(mailer.verify()).resolves.toBeUndefined();
  });
});

describe('createMailer errors', () => {
  const deps = (smtpUrl: string): MailDeps => ({ smtpUrl, from: FROM, ledger: new FolderStore(join(root, 'unused')), messageIdDomain: DOMAIN });

  it('names SMTP_URL for a bad URL and never shows the password', () => {
    for (const bad of ['', 'not a url', 'http://mail.example.eu', 'smtp://', 'smtp://host/path', 'smtp://host:99999']) {
      expect(() => createMailer(deps(bad)), bad).toThrow(/SMTP_URL/);
    }
    expect(() => createMailer(deps('imap://user:s3cret@mail.example.eu'))).toThrow(/^(?!.*s3cret).*SMTP_URL/);
    // an unencoded "@" in the password: the user info runs to the last "@", all of it hidden
    expect(() => createMailer(deps('smtp://user:s3@cret@mail.example.eu/x'))).toThrow(/^(?!.*s3)(?!.*cret).*SMTP_URL/);
    expect(() => createMailer({ ...deps('smtp://127.0.0.1:2525'), messageIdDomain: '' })).toThrow(/messageIdDomain/);
  });

  it('fails fast, naming the server, when nothing listens', async () => {
    const probe = await startSmtpCapture({ dir: join(root, 'probe'), logger: silent });
    await probe.close(); // a port that was just free
    const mailer = createMailer({ ...deps(`smtps://user:s3cret@127.0.0.1:${probe.port}`), ledger: new FolderStore(join(root, 'refused-ledger')) });
    cleanups.push(() => mailer.close());
    const err = await failureOf(mailer.send(outgoing()));
    expect(err.message).toContain(`smtps://127.0.0.1:${probe.port}`);
    expect(err.message).not.toContain('s3cret');
    expect(err.message).not.toMatch(/may have accepted/); // it never got that far
    await expect(mailer.verify()).rejects.toThrow(/SMTP_URL/);
  });

  describe('with a server that refuses some recipients', () => {
    let server: SMTPServer;
    let port: number;
    let mailboxFixed = false;
    const received: string[][] = [];
    beforeAll(async () => {
      server = new SMTPServer({
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (address.address.startsWith('nobody@') || (address.address.startsWith('moved@') && !mailboxFixed)) return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
          if (address.address.startsWith('later@')) return callback(Object.assign(new Error('4.2.1 Mailbox busy, try later'), { responseCode: 450 }));
          callback();
        },
        onData(stream, session, callback) {
          stream.resume();
          stream.on('end', () => {
            received.push(session.envelope.rcptTo.map((r) => r.address));
            callback();
          });
        },
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await new Promise<void>((r) => server.close(() => r()));
    });

    it('a refused recipient gives a non-retryable failure that names the address', async () => {
      const mailer = createMailer({ ...deps(`smtp://127.0.0.1:${port}`), ledger: new FolderStore(join(root, 'refused-1')) });
      cleanups.push(() => mailer.close());
      const err = await failureOf(mailer.send(outgoing({ to: { name: 'Askush', email: 'nobody@example.al' } })));
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect((err as ApplicationFailure).message).toMatch(/nobody@example\.al .*550/);
      expect((err as ApplicationFailure).nonRetryable).toBe(true);
      expect((err as ApplicationFailure).type).toBe('MailRecipientRejected');
    });

    it('a refused copy: the others get it, it is recorded, the send succeeds and names the refused copy; a later send tries only the copy', async () => {
      const mailer = createMailer({ ...deps(`smtp://127.0.0.1:${port}`), ledger: new FolderStore(join(root, 'refused-2')) });
      cleanups.push(() => mailer.close());
      const mail = outgoing({ purpose: 'draft-ready.v4', cc: [{ name: 'Askush', email: 'nobody@example.al' }] });
      const before = received.length;
      expect(await mailer.send(mail)).toMatchObject({ alreadySent: false, recipients: ['e.cela@example.al'], rejected: ['nobody@example.al'] });
      expect(received.slice(before)).toEqual([['e.cela@example.al']]);
      // Refused again: nothing reaches anyone twice, and the mail stands as sent.
      expect(await mailer.send(mail)).toMatchObject({ alreadySent: true, recipients: ['e.cela@example.al'], rejected: ['nobody@example.al'] });
      expect(received.length).toBe(before + 1);
    });

    it('a refused addressee fails for good; once the mailbox is fixed, the next send reaches only the addressee, once', async () => {
      const ledger = new FolderStore(join(root, 'refused-4'));
      const mailer = createMailer({ ...deps(`smtp://127.0.0.1:${port}`), ledger });
      cleanups.push(() => mailer.close());
      const mail = outgoing({ purpose: 'submission', to: { name: 'Sekretariati', email: 'moved@example.eu' }, cc: [{ name: 'Ëndri Çela', email: 'e.cela@example.al' }] });
      const before = received.length;
      const err = await failureOf(mailer.send(mail));
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err.message).toMatch(/to moved@example\.eu was refused .*550.*it reached e\.cela@example\.al/);
      expect(received.slice(before)).toEqual([['e.cela@example.al']]);
      mailboxFixed = true;
      try {
        const sent = await mailer.send(mail);
        expect(sent).toMatchObject({ alreadySent: false, rejected: [] });
        expect(sent.recipients.sort()).toEqual(['e.cela@example.al', 'moved@example.eu']);
        expect(received.slice(before)).toEqual([['e.cela@example.al'], ['moved@example.eu']]);
        expect(await mailer.send(mail)).toMatchObject({ alreadySent: true });
        expect(received.length).toBe(before + 2);
        expect((await ledger.list('mail-ledger/')).length).toBe(2);
      } finally {
        mailboxFixed = false;
      }
    });

    it('a deferred addressee (4xx) is retryable, and the retry reaches only it: the copies got the mail once', async () => {
      const ledger = new FolderStore(join(root, 'refused-3'));
      const mailer = createMailer({ ...deps(`smtp://127.0.0.1:${port}`), ledger });
      cleanups.push(() => mailer.close());
      const mail = outgoing({ purpose: 'submission.v2', to: { name: 'Më vonë', email: 'later@example.al' }, cc: [{ name: 'Ëndri Çela', email: 'e.cela@example.al' }] });
      const before = received.length;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const err = await failureOf(mailer.send(mail));
        expect(err, `attempt ${attempt}`).not.toBeInstanceOf(ApplicationFailure);
        expect(err.message).toMatch(/later@example\.al .*450/);
      }
      expect(received.slice(before)).toEqual([['e.cela@example.al']]);
    });

    it('a deferred copy (4xx) does not fail the send: it is listed, and nobody gets the mail twice', async () => {
      // A director's server that says "try later" held the submission to the SA Council for days,
      // and the secretariat got a copy at every retry.
      const mailer = createMailer({ ...deps(`smtp://127.0.0.1:${port}`), ledger: new FolderStore(join(root, 'refused-5')) });
      cleanups.push(() => mailer.close());
      const mail = outgoing({ purpose: 'submission.v3', cc: [{ name: 'Më vonë', email: 'later@example.al' }] });
      const before = received.length;
      expect(await mailer.send(mail)).toMatchObject({ alreadySent: false, recipients: ['e.cela@example.al'], rejected: ['later@example.al'] });
      expect(await mailer.send(mail)).toMatchObject({ alreadySent: true, recipients: ['e.cela@example.al'], rejected: ['later@example.al'] });
      expect(received.slice(before)).toEqual([['e.cela@example.al']]);
    });
  });
});
