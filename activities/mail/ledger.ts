/**
 * The sent-record ledger: one file per mail the SMTP server has accepted (`<ledgerDir>/<key>.json`,
 * the key being the hash in the mail's Message-ID), so that a retried send sends nothing once the
 * server's `250` is known. What it cannot cover, and why, is told in ./send.ts.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../infra/files';

/** A sent-record: what the server accepted, when, and its final reply. */
export const LedgerRecord = z.object({
  messageId: z.string(),
  sentAt: z.iso.datetime(),
  recipients: z.array(z.string()),
  rejected: z.array(z.string()).default([]),
  cycleId: z.string(),
  purpose: z.string(),
  to: z.string(),
  subject: z.string(),
  /** The server's final reply, e.g. `250 OK: queued as …`. */
  response: z.string(),
});
export type LedgerRecord = z.infer<typeof LedgerRecord>;

/** The file of the record of the mail named `key` in `ledgerDir`. */
export function ledgerFile(ledgerDir: string, key: string): string {
  return join(ledgerDir, `${key}.json`);
}

/**
 * The record in `file`, or undefined when there is none. Throws when the file cannot be read or
 * does not hold a record: a damaged record never leads to a resend, a person has to look.
 */
export async function readLedger(file: string): Promise<LedgerRecord | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return LedgerRecord.parse(JSON.parse(text));
  } catch (err) {
    throw new Error(`Mail ledger record ${file} is damaged: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** Writes `record` to `file` atomically, creating `ledgerDir` when it is missing. */
export async function writeLedger(ledgerDir: string, file: string, record: LedgerRecord): Promise<void> {
  await mkdir(ledgerDir, { recursive: true });
  await writeFileAtomic(file, JSON.stringify(record, null, 2));
}
