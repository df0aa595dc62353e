/**
 * The sent-record ledger: one record per mail the SMTP server has accepted
 * (`mail-ledger/<key>.json` in the document store, the key being the hash in the mail's
 * Message-ID), so that a retried send sends nothing once the server's `250` is known — on any
 * host, since every worker and web server of a deployment shares the store. Records are written
 * create-only: of two attempts that both reached the server, the first record stays. What the
 * ledger cannot cover, and why, is told in ./send.ts.
 */
import { z } from 'zod';
import { DocumentExistsError, DocumentMissingError, type DocumentStore } from '../../infra/storage';

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

/** The store key of the record of the mail named `key`. */
export function ledgerKey(key: string): string {
  return `mail-ledger/${key}.json`;
}

/**
 * The record of the mail named `key`, or undefined when there is none. Throws when the store
 * cannot be read or the record is damaged: a damaged record never leads to a resend, a person has
 * to look.
 */
export async function readLedger(store: DocumentStore, key: string): Promise<LedgerRecord | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(ledgerKey(key));
  } catch (err) {
    if (err instanceof DocumentMissingError) return undefined;
    throw err;
  }
  try {
    return LedgerRecord.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch (err) {
    throw new Error(`Mail ledger record ${ledgerKey(key)} in ${store.location} is damaged: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** Writes the record of the mail named `key`, create-only; a record already there is kept. */
export async function writeLedger(store: DocumentStore, key: string, record: LedgerRecord): Promise<void> {
  try {
    await store.put(ledgerKey(key), JSON.stringify(record, null, 2), { contentType: 'application/json', createOnly: true });
  } catch (err) {
    if (!(err instanceof DocumentExistsError)) throw err;
  }
}
