/**
 * Sending mail over real SMTP (RFC 5321) with nodemailer, once per (cycle, purpose, recipient).
 *
 * Every message gets a Message-ID derived from (cycle, purpose, recipient), so every attempt at
 * the same mail carries the same id, and a ledger file is written once the server has answered
 * `250` to it, so a later attempt sends nothing.
 *
 * What the ledger (./ledger.ts) cannot cover: when the server took the whole message but
 * its `250` never reached us (socket timeout, connection lost after the final dot), send() throws
 * and writes nothing; the activity's retry sends the message again. That second copy is
 * unavoidable with SMTP, which has no way to ask "did you get it?". It carries the same
 * Message-ID, which is what lets the receiving system (and the person's mail client) recognise
 * and collapse the copies; after the retry's `250` the ledger stops any further one. The same
 * holds if the process dies, or the ledger cannot be written, between the `250` and the record.
 * The ledger lives in the document store that every worker and web server shares; concurrent
 * attempts at one mail are joined only within a process (Temporal runs one attempt of an activity
 * at a time).
 *
 * Encoding, as composed by nodemailer (verified byte by byte in test/mail.test.ts):
 * - headers with non-ASCII text (names, subject) become RFC 2047 encoded words in UTF-8, each
 *   holding whole characters, the address itself staying outside them (RFC 5322 §3.4);
 * - attachment filenames are RFC 2231 parameters;
 * - text and HTML bodies are quoted-printable whenever they are not short-lined ASCII, so no line
 *   exceeds 76 characters, well within the 998 of RFC 5321 §4.5.3.1.6 / RFC 5322 §2.1.1.
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../../infra/config';
import { isLoopbackHost } from '../../infra/loopback';
import type { DocumentStore } from '../../infra/storage';
import { readLedger, writeLedger, type LedgerRecord } from './ledger';

/** What the mailer needs from the worker's configuration. */
export interface MailDeps {
  /**
   * SMTP server as a URL: `smtp://host[:port]` (STARTTLS when the server offers it, required
   * when credentials are given for a non-loopback host; port 587 by default) or `smtps://host[:port]` (implicit TLS, port 465 by default), with
   * optional percent-encoded `user:pass@`. From the SMTP_URL setting, e.g.
   * `smtp://127.0.0.1:2525` for the embedded capture server.
   */
  smtpUrl: string;
  /** The sender, e.g. `{ name: 'Drejtoria e Çështjeve të Sigurisë – Tiranë', address: 'noreply@example.al' }`. */
  from: { name: string; address: string };
  /** The store of the sent-records (`mail-ledger/<key>.json`, see `stableMessageId`). */
  ledger: DocumentStore;
  /** Right-hand side of every Message-ID, e.g. `sdp-review.example.eu` (RFC 5322 §3.6.4). */
  messageIdDomain: string;
  /** Inactivity limit on the SMTP socket, in milliseconds, including the wait for the final `250`. Default 30 000. */
  socketTimeoutMs?: number;
}

/** One mail to send. Addresses are as in `Person` (domain/schemas.ts). */
export interface OutgoingMail {
  /** The workflow id of the review cycle, e.g. `review-cycle-2026`. */
  cycleId: string;
  /** Why it is sent, unique within the cycle per recipient, e.g. `contribution-request.cyber-issues` or `draft-ready.v2`. */
  purpose: string;
  /** The recipient; with `cycleId` and `purpose` it fixes the Message-ID. */
  to: { name: string; email: string };
  /** Copies; they receive the same message (same Message-ID). */
  cc?: { name: string; email: string }[];
  /** Subject, any Unicode text. */
  subject: string;
  /** The text/plain alternative. */
  text: string;
  /** The text/html alternative. */
  html: string;
  /** Files to attach, read from the document store by the activity (bytes never travel through Temporal). */
  attachments?: { filename: string; content: Uint8Array; contentType?: string }[];
}

/** The outcome of `send()`. */
export interface SentMail {
  /** The Message-ID header, with its angle brackets. */
  messageId: string;
  /** When the server accepted it (its `250`), ISO 8601 in UTC. */
  sentAt: string;
  /** True when the ledger already had it: nothing was sent by this call. */
  alreadySent: boolean;
  /** The envelope recipients the server accepted, over all attempts at this mail. */
  recipients: string[];
  /** Copies (cc) the server refused for good on the last attempt; the addressee is never among them. */
  rejected: string[];
}

const DEFAULT_SOCKET_TIMEOUT_MS = 30_000;
const MAX_CONNECT_TIMEOUT_MS = 10_000;

/**
 * The Message-ID of the mail of `purpose` in `cycleId` to `recipientEmail` (compared
 * case-insensitively): `<` + the first 32 hex digits of SHA-256 over the three values + `@` +
 * `domain` + `>` (RFC 5322 §3.6.4 msg-id). The same inputs give the same id on every attempt.
 *
 * @throws Error when `domain` is not a dot-atom host name.
 */
export function stableMessageId(cycleId: string, purpose: string, recipientEmail: string, domain: string): string {
  if (!/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/.test(domain)) {
    throw new Error(`messageIdDomain must be a host name such as sdp-review.example.eu; got "${domain}"`);
  }
  return `<${mailKey(cycleId, purpose, recipientEmail)}@${domain}>`;
}

/** The hash that names a mail in its Message-ID and its ledger file. */
function mailKey(cycleId: string, purpose: string, recipientEmail: string): string {
  // JSON keeps the three values apart whatever characters they hold.
  return createHash('sha256')
    .update(JSON.stringify([cycleId, purpose, recipientEmail.trim().toLowerCase()]))
    .digest('hex')
    .slice(0, 32);
}

/** What `createMailer` returns; each method is described there. */
export interface Mailer {
  /** The sender of every mail (`MailDeps.from`); it also organizes the calendar invitations (./calendar.ts). */
  readonly from: { name: string; address: string };
  send(mail: OutgoingMail, opts?: { signal?: AbortSignal }): Promise<SentMail>;
  verify(): Promise<void>;
  close(): void;
}

/**
 * The mailer of a running sdp-review process (the worker, the web server's fresh links): sender
 * and Message-ID domain from the configuration, the ledger in the shared document `store`, and
 * `smtpUrl`, the server from SMTP_URL or the embedded capture's URL. Throws as `createMailer` does.
 */
export function mailerFromConfig(config: Pick<AppConfig, 'mailFrom' | 'messageIdDomain'>, smtpUrl: string, store: DocumentStore): Mailer {
  return createMailer({ smtpUrl, from: config.mailFrom, ledger: store, messageIdDomain: config.messageIdDomain });
}

/**
 * Builds the mailer the activities use.
 *
 * - `send(mail, { signal })` sends `mail` once: if the ledger already has it, resolves with
 *   `alreadySent: true` and sends nothing; else sends it (text and HTML alternatives, attachments
 *   given as bytes), writes the ledger record after the server's `250`, and resolves.
 *   Concurrent calls for the same mail in this process share one attempt.
 *   Rejects with an Error naming the Message-ID and the server (never the password) when the
 *   server cannot be reached or times out; such failures are worth retrying. An addressee the
 *   server refuses for good (5xx) gives a non-retryable `ApplicationFailure` of type
 *   `MailRecipientRejected` naming the address; a refused copy (cc) does not fail the send and
 *   is listed in `rejected`. When others got the mail, it is recorded in the ledger first, so a
 *   later call does not send them a copy: it sends the same message (same headers and
 *   Message-ID) to the refused recipients only — the mailbox may have been fixed since — and
 *   records that attempt in turn. A deferred recipient (4xx) is recorded likewise: a deferred
 *   addressee gives a retryable Error naming the address, whose retry reaches only those missed;
 *   a deferred copy is listed in `rejected` and the send succeeds.
 * - `verify()` connects and says EHLO (and AUTH when configured); rejects like `send`.
 * - `close()` releases the transport.
 * - `from` is the sender, as given.
 *
 * @throws Error naming SMTP_URL when `deps.smtpUrl` is not a usable smtp:// or smtps:// URL, and
 *   an Error when `deps.messageIdDomain` is not a host name.
 */
export function createMailer(deps: MailDeps): Mailer {
  const server = parseSmtpUrl(deps.smtpUrl);
  stableMessageId('x', 'x', 'x', deps.messageIdDomain); // fail now, not on the first send
  const socketTimeout = deps.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS;
  const connectTimeout = Math.min(MAX_CONNECT_TIMEOUT_MS, socketTimeout);
  // One transport; without `pool` nodemailer opens a fresh connection for every message, so a
  // connection that timed out is never reused by the retry.
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.secure,
    ...(server.auth ? { auth: server.auth } : {}),
    // Credentials never cross the network in clear: over smtp:// to anything but loopback, STARTTLS
    // is required rather than used only when offered (which a man in the middle can suppress).
    requireTLS: !server.secure && !!server.auth && !isLoopbackHost(server.host),
    connectionTimeout: connectTimeout,
    greetingTimeout: connectTimeout,
    socketTimeout,
    dnsTimeout: connectTimeout,
  });
  const inFlight = new Map<string, Promise<SentMail>>();

  async function sendOnce(mail: OutgoingMail, key: string, signal: AbortSignal | undefined): Promise<SentMail> {
    const messageId = stableMessageId(mail.cycleId, mail.purpose, mail.to.email, deps.messageIdDomain);
    // A record whose server refused some recipients for good is followed by a record per later
    // attempt at just those (`<key>.1`, `<key>.2`, …): the refused mailbox may have been fixed since.
    const reached: string[] = [];
    let attemptKey = key;
    let onlyTo: string[] | undefined;
    let last: LedgerRecord | undefined;
    for (let n = 1; ; n++) {
      const recorded = await readLedger(deps.ledger, attemptKey);
      if (!recorded) break;
      last = recorded;
      reached.push(...recorded.recipients);
      if (recorded.rejected.length === 0) {
        return { messageId: recorded.messageId, sentAt: recorded.sentAt, alreadySent: true, recipients: reached, rejected: [] };
      }
      onlyTo = recorded.rejected;
      attemptKey = `${key}.${n}`;
    }

    let info: { accepted: unknown[]; rejected: unknown[]; rejectedErrors?: SmtpFailure[]; response: string };
    try {
      info = await transport.sendMail({
        from: { name: deps.from.name, address: deps.from.address },
        to: { name: mail.to.name, address: mail.to.email },
        ...(mail.cc?.length ? { cc: mail.cc.map((c) => ({ name: c.name, address: c.email })) } : {}),
        // The headers stay those of the first attempt; the envelope reaches only whom it missed.
        ...(onlyTo ? { envelope: { from: deps.from.address, to: onlyTo } } : {}),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        date: new Date(),
        // Pin quoted-printable (and Q encoded words): nodemailer would otherwise pick base64 for a
        // body or header that is mostly non-Latin. Both keep lines short; QP keeps the raw
        // message readable in the outbox. Short ASCII-only bodies still go as 7bit.
        textEncoding: 'quoted-printable',
        attachments: (mail.attachments ?? []).map((a) => ({
          filename: a.filename,
          content: Buffer.from(a.content),
          ...(a.contentType ? { contentType: a.contentType } : {}),
        })),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      const failure = sendError(err, messageId, mail, server.display);
      // Copies refused or deferred again (or not reached), the addressee long reached: the mail
      // stands as it was recorded; another try at the copies is made at the next send, if any.
      if (last && onlyTo && !onlyTo.some((r) => sameAddress(r, mail.to.email))) {
        return { messageId, sentAt: last.sentAt, alreadySent: true, recipients: reached, rejected: onlyTo };
      }
      throw failure;
    }

    const recipients = info.accepted.map(String);
    const refused = (info.rejectedErrors ?? []).filter((e) => e.recipient);
    // Refused for good (5xx) or deferred (4xx), the recipients missed are recorded with those the
    // mail reached, so that no later attempt sends the others a copy.
    const record: LedgerRecord = {
      messageId,
      sentAt: new Date().toISOString(),
      recipients,
      rejected: info.rejected.map(String),
      cycleId: mail.cycleId,
      purpose: mail.purpose,
      to: mail.to.email,
      subject: mail.subject,
      response: info.response,
    };
    await writeLedger(deps.ledger, attemptKey, record);
    reached.push(...recipients);
    // Only the addressee's refusal fails the mail; a refused or deferred copy is reported, not
    // retried (one deferred director's server must not hold the submission for days). A deferred
    // addressee is retried: the retry sends the same message to the recipients missed only.
    const addressee = refused.find((e) => sameAddress(String(e.recipient), mail.to.email));
    if (addressee && !isPermanent(addressee)) {
      throw new Error(
        `Mail ${messageId} (${mail.purpose}) to ${mail.to.email}: ${server.display} deferred ${describeRefusals(refused)}${recipients.length ? `; it reached ${recipients.join(', ')}, who get no copy on the retry` : ''}`,
      );
    }
    if (record.rejected.some((r) => sameAddress(r, mail.to.email))) {
      throw ApplicationFailure.create({
        type: 'MailRecipientRejected',
        nonRetryable: true,
        message: `Mail ${messageId} (${mail.purpose}) to ${mail.to.email} was refused by ${server.display}: ${describeRefusals(refused)}${recipients.length ? `; it reached ${recipients.join(', ')}` : ''}`,
      });
    }
    return { messageId, sentAt: record.sentAt, alreadySent: false, recipients: reached, rejected: record.rejected };
  }

  return {
    from: { name: deps.from.name, address: deps.from.address },
    send(mail, opts) {
      const key = mailKey(mail.cycleId, mail.purpose, mail.to.email);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const attempt = sendOnce(mail, key, opts?.signal).finally(() => inFlight.delete(key));
      inFlight.set(key, attempt);
      return attempt;
    },
    async verify() {
      try {
        await transport.verify();
      } catch (err) {
        throw new Error(`SMTP server ${server.display} (SMTP_URL) is not usable: ${errorMessage(err)}`, { cause: err });
      }
    },
    close() {
      transport.close();
    },
  };
}

interface SmtpServerConfig {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  /** `smtp[s]://host:port`, with no credentials: safe for messages and logs. */
  display: string;
}

/** Reads SMTP_URL. Errors name the setting and show the URL without its password. */
function parseSmtpUrl(smtpUrl: string): SmtpServerConfig {
  const bad = (why: string) => new Error(`SMTP_URL "${redact(smtpUrl)}" is not usable: ${why}. Expected smtp://host[:port] or smtps://user:pass@host[:port]`);
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw bad('it is not a URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw bad(`the scheme must be smtp or smtps, not ${url.protocol.replace(/:$/, '')}`);
  if (!url.hostname) throw bad('it has no host');
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) throw bad('it must not have a path, query or fragment');
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let auth: SmtpServerConfig['auth'];
  if (url.username || url.password) {
    try {
      auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      throw bad('the user name or password is not correctly percent-encoded');
    }
  }
  return { host, port, secure, ...(auth ? { auth } : {}), display: `${url.protocol}//${url.host}` };
}

/** The URL with its password (everything after the first ":" of the user info) replaced by ***. */
function redact(smtpUrl: string): string {
  const start = smtpUrl.indexOf('//');
  if (start < 0) return smtpUrl;
  const rest = smtpUrl.slice(start + 2);
  const authority = rest.split(/[/?#]/, 1)[0] ?? '';
  const at = authority.lastIndexOf('@'); // WHATWG URL: the user info ends at the last "@"
  if (at < 0) return smtpUrl;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  const shown = colon < 0 ? userinfo : `${userinfo.slice(0, colon)}:***`;
  return `${smtpUrl.slice(0, start + 2)}${shown}${rest.slice(at)}`;
}

/** The part of a nodemailer error this module reads. */
interface SmtpFailure {
  message: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
  recipient?: string;
  originalCode?: string;
  timeoutType?: string;
  rejected?: string[];
  rejectedErrors?: SmtpFailure[];
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function isPermanent(e: SmtpFailure): boolean {
  return e.permanent ?? (e.responseCode !== undefined && e.responseCode >= 500);
}

function describeRefusals(errors: SmtpFailure[]): string {
  return errors.map((e) => `${e.recipient} (${e.response ?? e.message})`).join(', ');
}

function sendError(err: unknown, messageId: string, mail: OutgoingMail, display: string): Error {
  const e = (err ?? {}) as SmtpFailure;
  const what = `Mail ${messageId} (${mail.purpose}) to ${mail.to.email}`;
  const refused = (e.rejectedErrors ?? []).filter((r) => r.recipient);
  if (e.code === 'EENVELOPE' && refused.length) {
    const message = `${what} was not sent: ${display} refused ${describeRefusals(refused)}`;
    if (refused.every(isPermanent)) return ApplicationFailure.create({ type: 'MailRecipientRejected', nonRetryable: true, message, cause: asError(err) });
    return new Error(message, { cause: err });
  }
  if (mayHaveArrived(e)) {
    return new Error(
      `${what} failed at ${display}: ${e.message}. The server may have accepted it; the retry resends it with the same Message-ID`,
      { cause: err },
    );
  }
  return new Error(`${what} failed at ${display}: ${errorMessage(err)}`, { cause: err });
}

/**
 * Whether the connection was lost once it was established: the message may have gone through
 * with its `250` lost. Not when the server was never reached (refused, DNS, connect or
 * greeting timeout).
 */
function mayHaveArrived(e: SmtpFailure): boolean {
  if (e.code === 'ETIMEDOUT') return e.timeoutType === 'SOCKET_TIMEOUT';
  if (e.code === 'ECONNECTION') return true;
  if (e.code === 'ESOCKET') return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.originalCode ?? '');
  return false;
}

function asError(err: unknown): Error | undefined {
  return err instanceof Error ? err : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
