/**
 * The embedded default mail server: a local SMTP capture server that keeps every message it is
 * given instead of relaying it, so the product can show them as an outbox.
 *
 * It speaks SMTP (RFC 5321) through `smtp-server`, parses each message (RFC 5322, MIME) with
 * `mailparser`, and stores it in a folder:
 *
 *   <dir>/<id>.eml   the message exactly as received (the DATA bytes, dot-unstuffed)
 *   <dir>/<id>.json  its `CapturedMail` summary
 *
 * Both files are written atomically (temp file + rename), `.eml` first, so a summary never points
 * at a missing message, and a capture started later on the same folder lists the old mails
 * (./outbox-store.ts reads them back).
 *
 * It has no authentication and no TLS, so it refuses to bind anything but a loopback address.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import pino, { type Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { ensurePrivateDir, writeFileAtomic } from './files';
import { isLoopbackHost } from './loopback';
import { CapturedMail, IdSequence, loadIndex, parse, summarize } from './outbox-store';

export { CapturedMail } from './outbox-store';

/** ~25 MB, the usual limit of mail providers for a whole message (SIZE, RFC 1870). */
const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;


/** A running capture server. All methods are safe to call after `close()` except `waitFor`, which then only sees stored mails. */
export interface SmtpCapture {
  /** The address it listens on (a loopback address). */
  host: string;
  /** The TCP port it listens on (the real one when 0 was asked for). */
  port: number;
  /** `smtp://<host>:<port>`, ready for `MailDeps.smtpUrl`. */
  url: string;
  /** Every captured mail, newest first. */
  list(): Promise<CapturedMail[]>;
  /** One captured mail, or undefined for an unknown (or malformed) id. */
  get(id: string): Promise<CapturedMail | undefined>;
  /** The message bytes exactly as received. Throws an Error naming the id when there is no such mail. */
  raw(id: string): Promise<Buffer>;
  /** Attachment number `index` (0-based, in `CapturedMail.attachments` order), decoded; undefined when there is none. */
  attachment(id: string, index: number): Promise<{ filename: string; contentType: string; content: Buffer } | undefined>;
  /**
   * Resolves with the newest captured mail matching `predicate`, at once if one is already stored,
   * else as soon as one arrives. Rejects with an Error after `timeoutMs` milliseconds, or when the
   * predicate throws.
   */
  waitFor(predicate: (m: CapturedMail) => boolean, timeoutMs: number): Promise<CapturedMail>;
  /** Stops accepting connections, releases any held reply, and resolves once the port is free. */
  close(): Promise<void>;
}

export interface SmtpCaptureOptions {
  /** Folder of the outbox; created if missing. One running capture per folder. */
  dir: string;
  /** Loopback address to bind: `127.0.0.1` (default), `::1`, `localhost` or any 127.0.0.0/8 address. */
  host?: string;
  /** TCP port; 0 (default) takes any free port, see `SmtpCapture.port`. */
  port?: number;
  /**
   * Test hook: after a message is stored, hold the final `250` reply this many milliseconds, as a
   * slow server does, so a test can make the sender time out after the message arrived. Default 0.
   */
  replyDelayMs?: number;
  /**
   * Test hook: greylisting, as many real servers do. The first delivery of each message (by its
   * Message-ID) that `greylist` accepts gets `451 4.7.1` and is not kept; its next delivery is
   * captured. Default: none greylisted.
   */
  greylist?: (mail: { to: string[]; subject: string; messageId: string }) => boolean;
  /** Largest message accepted, in bytes (advertised with SIZE, RFC 1870); larger ones get `552`. Default 25 MiB. */
  maxMessageBytes?: number;
  /** Where it logs; default a pino logger named `smtp-capture`. */
  logger?: Logger;
}

/**
 * The greylisting of `SmtpCaptureOptions.greylist`: a function that throws `451 4.7.1` for the first
 * delivery of each message (by Message-ID) that `accepts` picks, and returns for any other.
 */
function greylister(accepts: SmtpCaptureOptions['greylist']): (mail: { to: string[]; subject: string; messageId: string }) => void {
  const refused = new Set<string>();
  return (mail) => {
    if (!accepts || refused.has(mail.messageId) || !accepts(mail)) return;
    refused.add(mail.messageId);
    throw smtpError(451, '4.7.1 Greylisted: please try again later');
  };
}

/**
 * Starts a capture server on a loopback address and resolves once it listens.
 *
 * No AUTH is required (any AUTH offered on the connection is accepted) and STARTTLS is disabled.
 * A message that cannot be parsed or has no From header (RFC 5322 §3.6) is logged and refused
 * with `554`; a message over `maxMessageBytes` with `552`; a failure to store it with `451`.
 * None of these stop the server.
 *
 * @throws Error when `host` is not a loopback address, or the port cannot be bound (e.g. EADDRINUSE).
 */
export async function startSmtpCapture(opts: SmtpCaptureOptions): Promise<SmtpCapture> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`smtp-capture binds to loopback addresses only (it has no authentication and no TLS); got host "${host}"`);
  }
  const dir = opts.dir;
  const replyDelayMs = opts.replyDelayMs ?? 0;
  const maxMessageBytes = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const log = opts.logger ?? pino({ name: 'smtp-capture' });

  await ensurePrivateDir(dir);
  const index = await loadIndex(dir, log);
  const ids = new IdSequence(index.size ? [...index.keys()].sort().at(-1) : undefined);
  const arrivals = new EventEmitter();
  arrivals.setMaxListeners(0);
  /** Replies held back by `replyDelayMs`, released early by `close()`. */
  const heldReplies = new Set<{ timer: NodeJS.Timeout; release: () => void }>();
  let closed = false;
  const greylist = greylister(opts.greylist);

  async function capture(raw: Buffer, session: SMTPServerSession): Promise<CapturedMail> {
    let parsed: ParsedMail;
    try {
      parsed = await parse(raw);
    } catch (err) {
      throw smtpError(554, `5.6.0 Message could not be parsed: ${errorMessage(err)}`);
    }
    if (!parsed.headers.has('from')) {
      throw smtpError(554, '5.6.0 Message has no From header (RFC 5322 section 3.6)');
    }
    const mailFrom = session.envelope.mailFrom;
    const envelope = { from: mailFrom ? mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
    greylist({ to: envelope.to, subject: parsed.subject ?? '', messageId: parsed.messageId ?? '' });
    const receivedAt = new Date();
    const id = ids.next(receivedAt);
    const mail = summarize(id, receivedAt.toISOString(), envelope, parsed);
    await writeFileAtomic(join(dir, `${id}.eml`), raw);
    await writeFileAtomic(join(dir, `${id}.json`), JSON.stringify(mail, null, 2));
    index.set(id, mail);
    arrivals.emit('mail', mail);
    return mail;
  }

  function holdReply(): Promise<void> {
    if (replyDelayMs <= 0 || closed) return Promise.resolve();
    return new Promise((resolve) => {
      const held = {
        timer: setTimeout(() => held.release(), replyDelayMs),
        release: () => {
          clearTimeout(held.timer);
          heldReplies.delete(held);
          resolve();
        },
      };
      heldReplies.add(held);
    });
  }

  function onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null, message?: string) => void,
  ): void {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let answered = false;
    const answer = (err: Error | null, message?: string) => {
      if (answered) return;
      answered = true;
      callback(err, message);
    };
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      // keep reading to the end (the client waits for a reply) but stop buffering an oversized message
      if (bytes <= maxMessageBytes) chunks.push(chunk);
    });
    stream.once('error', (err) => {
      log.warn({ err, session: session.id }, 'smtp-capture: reading the message failed');
      answer(smtpError(451, '4.3.0 Message could not be read'));
    });
    stream.once('end', () => {
      if (stream.sizeExceeded || bytes > maxMessageBytes) {
        log.warn({ session: session.id, bytes, maxMessageBytes }, 'smtp-capture: refused an oversized message');
        answer(smtpError(552, `5.3.4 Message exceeds the maximum size of ${maxMessageBytes} bytes`));
        return;
      }
      capture(Buffer.concat(chunks, bytes), session)
        .then(async (mail) => {
          log.info({ id: mail.id, messageId: mail.messageId, to: mail.envelope.to, subject: mail.subject }, 'smtp-capture: captured a mail');
          await holdReply();
          answer(null, `OK: captured as ${mail.id}`);
        })
        .catch((err: unknown) => {
          const refusal = isSmtpError(err) ? err : smtpError(451, '4.3.0 Message could not be stored');
          log.warn({ err, session: session.id, bytes }, `smtp-capture: refused a message: ${refusal.message}`);
          answer(refusal);
        });
    });
  }

  const server = new SMTPServer({
    name: 'sdp-review-capture',
    banner: 'sdp-review capture server: mail is kept, never relayed',
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    // A sender configured with credentials (smtps://user:pass@…) can point at the capture unchanged.
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
    size: maxMessageBytes,
    disableReverseLookup: true,
    closeTimeout: 1_000,
    logger: false,
    onData,
  });
  // Connection-level failures (a client that resets, garbage on the wire) must never become an
  // unhandled 'error' event, which would end the process.
  server.on('error', (err) => log.warn({ err }, 'smtp-capture: connection error'));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(new Error(`smtp-capture could not listen on ${host}:${opts.port ?? 0}: ${err.message}`, { cause: err }));
    server.server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  const url = `smtp://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info({ url, dir }, 'smtp-capture: listening');

  const newestFirst = () => [...index.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

  return {
    host,
    port,
    url,
    async list() {
      return newestFirst();
    },
    async get(id) {
      return index.get(id);
    },
    async raw(id) {
      if (!index.has(id)) throw new Error(`smtp-capture: no captured mail with id "${id}"`);
      return readFile(join(dir, `${id}.eml`));
    },
    async attachment(id, i) {
      if (!index.has(id)) return undefined;
      const parsed = await parse(await readFile(join(dir, `${id}.eml`)));
      const a = parsed.attachments[i];
      if (!a) return undefined;
      return { filename: a.filename ?? `attachment-${i + 1}`, contentType: a.contentType, content: a.content };
    },
    waitFor(predicate, timeoutMs) {
      return new Promise<CapturedMail>((resolve, reject) => {
        const finish = (fn: () => void) => {
          clearTimeout(timer);
          arrivals.off('mail', onMail);
          fn();
        };
        const test = (m: CapturedMail): boolean => {
          try {
            return predicate(m);
          } catch (err) {
            finish(() => reject(new Error(`smtp-capture waitFor: the predicate threw: ${errorMessage(err)}`, { cause: err })));
            return false;
          }
        };
        const onMail = (m: CapturedMail) => {
          if (test(m)) finish(() => resolve(m));
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new Error(`smtp-capture waitFor: no captured mail matched within ${timeoutMs} ms (${index.size} mail(s) in ${dir})`)),
            ),
          timeoutMs,
        );
        // Listen before looking at the stored mails, so one arriving in between is not missed.
        arrivals.on('mail', onMail);
        for (const m of newestFirst()) {
          if (test(m)) return finish(() => resolve(m));
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const held of [...heldReplies]) held.release();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      log.info({ url }, 'smtp-capture: closed');
    },
  };
}

type SmtpError = Error & { responseCode: number };

function smtpError(responseCode: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

function isSmtpError(err: unknown): err is SmtpError {
  return err instanceof Error && typeof (err as Partial<SmtpError>).responseCode === 'number';
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
