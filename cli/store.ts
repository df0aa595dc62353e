/** The document store the CLI reads and writes: inputs by reference, and finished cycles' archives. */
import type { ArchiveSource } from '../client/cycles';
import { loadConfig, openStore } from '../infra/config';
import type { DocumentStore } from '../infra/storage';

/**
 * The store of the stack's settings: SDP_STORAGE_URL, else the artifacts folder (SDP_ARTIFACTS_DIR,
 * else `$SDP_DATA_DIR/artifacts`). Throws an Error naming a malformed setting.
 */
export function cliStore(): DocumentStore {
  return openStore(loadConfig());
}

/** Finished cycles are read from their archive in `cliStore()`. */
export function archiveSource(): ArchiveSource {
  return { archive: cliStore() };
}
