/**
 * The web server's own audit trail, kept apart by kind so a scanner's visit is never mistaken for
 * a person's action (a mail scanner opens every link; only a POST from the page acts):
 *
 *   <dataDir>/audit/link-views.jsonl      every GET and HEAD of a link page (and form re-renders)
 *   <dataDir>/audit/link-decisions.jsonl  every POST that tried to act: recorded, or refused and why
 *
 * One JSON object a line. The token itself is never written (it is a credential): only its id.
 * Decisions that were recorded are also in the workflow's event history, with the same link id,
 * client address and user agent (`Actor`, channel `web`).
 */
import { appendPrivateFile, ensurePrivateDir } from '../../infra/files';
import { join } from 'node:path';
import type { Logger } from 'pino';

export interface AuditEntry {
  /** ISO 8601 UTC. */
  at: string;
  method: string;
  /** The route, with the token replaced by `:token`. */
  route: string;
  status: number;
  /** What happened: `shown`, `recorded`, `already-recorded`, `refused`, `fresh-link-sent`, … */
  outcome: string;
  jti?: string;
  step?: string;
  role?: string;
  /** The address the link was issued to. */
  recipient?: string;
  clientAddress: string;
  userAgent?: string;
  detail?: string;
  updateId?: string;
}

export interface AuditLog {
  view(entry: AuditEntry): Promise<void>;
  decision(entry: AuditEntry): Promise<void>;
}

/** Writes the two files under `<dataDir>/audit` and logs each entry with `audit: 'view' | 'decision'`. */
export function createAuditLog(dataDir: string, log: Logger): AuditLog {
  const dir = join(dataDir, 'audit');
  let ready: Promise<unknown> | undefined;
  // Appends are serialised so lines never interleave.
  let queue: Promise<void> = Promise.resolve();
  const write = (file: string, kind: 'view' | 'decision', entry: AuditEntry) => {
    log.info({ audit: kind, ...entry }, kind === 'view' ? 'link viewed' : 'link action');
    ready ??= ensurePrivateDir(dir);
    const next = queue.then(async () => {
      await ready;
      await appendPrivateFile(join(dir, file), `${JSON.stringify(entry)}\n`);
    });
    queue = next.catch((err: unknown) => log.error({ err }, 'audit: could not write'));
    return queue;
  };
  return {
    view: (entry) => write('link-views.jsonl', 'view', entry),
    decision: (entry) => write('link-decisions.jsonl', 'decision', entry),
  };
}
