/**
 * Atomic file writes for everything sdp-review keeps on disk (reports, the outbox, the mail
 * ledger, records): the data goes to a temporary file in the same folder, is flushed, then
 * renamed over the target (write-file-atomic), so a crash or a retried activity never leaves half
 * a file. The folder is created when missing.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';

/** Writes `data` (UTF-8 for strings) to `path` atomically. Throws the file system's error. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomicLib(path, typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength), { fsync: true });
}
