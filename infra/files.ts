/**
 * Files sdp-review keeps on disk (reports, the outbox, the mail ledger, records, audit logs, the
 * archive): readable by the service's own user only. The outbox and the logs hold live bearer
 * links to submit, approve and sign off, and the reports hold what the parties said: folders are
 * created 0700 and files 0600, whatever the umask. Writes are atomic: the data goes to a
 * temporary file in the same folder, is flushed, then renamed over the target (write-file-atomic),
 * so a crash or a retried activity never leaves half a file.
 */
import { appendFile, chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';

/** Mode of every folder sdp-review creates: the owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of every file sdp-review writes: the owner only, read and write. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and missing parents) as private folders and makes `dir` itself private even if
 * it existed with wider rights (a data folder from an earlier version). Throws the file system's error.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}

/** Writes `data` (UTF-8 for strings) to `path` atomically, as a private file. Throws the file system's error. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  await writeFileAtomicLib(path, typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength), { fsync: true, mode: PRIVATE_FILE_MODE });
}

/** Folders appendPrivateFile made or found: an audit log is appended to on every click. */
const madeFolders = new Set<string>();

/** Appends `text` (UTF-8) to the private file `path`, creating it and its folder if missing. */
export async function appendPrivateFile(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  try {
    if (!madeFolders.has(folder)) await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    await appendFile(path, text, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
  } catch (err) {
    // A folder removed since (a test's, an operator's clean-up): made again, once.
    if (!madeFolders.delete(folder) || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    await appendFile(path, text, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
  }
  madeFolders.add(folder);
}
