/**
 * The outbox folder of the SMTP capture server (./smtp-capture.ts): each message as received
 * (`<id>.eml`) and its summary (`<id>.json`, a `CapturedMail`), how a message is summarised, how
 * ids are made, and how a folder is read back when a capture starts on it again.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeFileAtomic } from './files';

/** An id: the arrival instant (ISO 8601 basic format, UTC, ms) and a sequence number, e.g. `20260330T080000.123Z-000001`. */
const ID_PATTERN = /^\d{8}T\d{6}\.\d{3}Z-\d{6}$/;

/** One captured message, as the outbox shows it. Stored as `<id>.json` next to `<id>.eml`. */
export const CapturedMail = z.object({
  /** Sorts by arrival (lexicographic order is arrival order), see `ID_PATTERN`. */
  id: z.string().regex(ID_PATTERN),
  /** When the server had the whole message, ISO 8601 in UTC. */
  receivedAt: z.iso.datetime(),
  /** The SMTP envelope (MAIL FROM, RCPT TO): who the message was actually handed to, Bcc included. */
  envelope: z.object({ from: z.string(), to: z.array(z.string()) }),
  /** The Message-ID header, with its angle brackets, or '' when the message had none. */
  messageId: z.string(),
  /** The Subject header, decoded (RFC 2047). */
  subject: z.string(),
  /** The From header, decoded, as a person reads it: `Display Name <address>` or a bare address. */
  from: z.string(),
  /** The To header, one entry per mailbox, formatted like `from`. */
  to: z.array(z.string()),
  /** The Cc header, formatted like `to`; absent when the message had none. */
  cc: z.array(z.string()).optional(),
  /** The text/plain body, decoded ('' when there is none). */
  text: z.string(),
  /** The text/html body, decoded; absent when there is none. */
  html: z.string().optional(),
  /** Attachments in the order of the message; `size` in bytes, decoded. */
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int().min(0) })),
});
export type CapturedMail = z.infer<typeof CapturedMail>;

/** Parses a message as received, showing it as sent. */
export function parse(raw: Buffer): Promise<ParsedMail> {
  // Show the message as sent: no generated text or HTML alternative, no links turned into anchors.
  return simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
}

/** The `CapturedMail` summary of a parsed message. */
export function summarize(id: string, receivedAt: string, envelope: CapturedMail['envelope'], parsed: ParsedMail): CapturedMail {
  return {
    id,
    receivedAt,
    envelope,
    messageId: parsed.messageId ?? '',
    subject: parsed.subject ?? '',
    from: formatAddresses(parsed.from).join(', '),
    to: formatAddresses(parsed.to),
    ...(parsed.cc ? { cc: formatAddresses(parsed.cc) } : {}),
    text: parsed.text ?? '',
    ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
    attachments: parsed.attachments.map((a, i) => ({
      filename: a.filename ?? `attachment-${i + 1}`,
      contentType: a.contentType,
      size: a.content.length,
    })),
  };
}

/** `Name <address>` (or the bare address) for each mailbox; a group lists its members. */
function formatAddresses(header: AddressObject | AddressObject[] | undefined): string[] {
  if (!header) return [];
  const out: string[] = [];
  const walk = (list: AddressObject['value']) => {
    for (const a of list) {
      if (a.group) walk(a.group);
      else if (a.address) out.push(a.name ? `${a.name} <${a.address}>` : a.address);
      else if (a.name) out.push(a.name);
    }
  };
  for (const h of Array.isArray(header) ? header : [header]) walk(h.value);
  return out;
}

/**
 * Reads the stored summaries. The `.eml` is the source of truth: a summary that is missing (a crash
 * between the two writes) or damaged is rebuilt from it, without the SMTP envelope, which only the
 * summary held. Leftover temp files are removed.
 */
export async function loadIndex(dir: string, log: Logger): Promise<Map<string, CapturedMail>> {
  const index = new Map<string, CapturedMail>();
  const names = await readdir(dir);
  const emls = new Set(names.filter((n) => n.endsWith('.eml')).map((n) => n.slice(0, -4)));
  for (const name of names) {
    if (name.startsWith('.') && name.includes('.tmp-')) {
      await rm(join(dir, name), { force: true }); // a write that never finished
      continue;
    }
    if (!name.endsWith('.json')) continue;
    const id = name.slice(0, -5);
    if (!ID_PATTERN.test(id) || !emls.has(id)) continue;
    try {
      const mail = CapturedMail.parse(JSON.parse(await readFile(join(dir, name), 'utf8')));
      if (mail.id === id) index.set(id, mail);
    } catch (err) {
      log.warn({ err, file: join(dir, name) }, 'smtp-capture: damaged summary, rebuilding it from the message');
    }
  }
  for (const id of emls) {
    if (index.has(id) || !ID_PATTERN.test(id)) continue;
    try {
      const raw = await readFile(join(dir, `${id}.eml`));
      // the envelope was lost with the summary
      const mail = summarize(id, idToInstant(id), { from: '', to: [] }, await parse(raw));
      await writeFileAtomic(join(dir, `${id}.json`), JSON.stringify(mail, null, 2));
      index.set(id, mail);
    } catch (err) {
      log.warn({ err, id }, 'smtp-capture: skipped a message whose summary could not be rebuilt');
    }
  }
  return index;
}

/** Ids that sort by arrival, even when two mails arrive in the same millisecond or the clock steps back. */
export class IdSequence {
  private stamp = '';
  private seq = 0;
  constructor(lastId?: string) {
    if (lastId) {
      this.stamp = lastId.slice(0, -7);
      this.seq = Number(lastId.slice(-6));
    }
  }
  next(now: Date): string {
    const stamp = now.toISOString().replace(/[-:]/g, '');
    if (stamp > this.stamp) {
      this.stamp = stamp;
      this.seq = 0;
    } else {
      this.seq += 1;
    }
    return `${this.stamp}-${String(this.seq).padStart(6, '0')}`;
  }
}

function idToInstant(id: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z/.exec(id);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : new Date(0).toISOString();
}
