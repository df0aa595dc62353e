/**
 * The embedded Temporal: the `temporal server start-dev` process, persisted in a SQLite file, with
 * the Temporal UI and sdp-review's search attributes registered. Used by `npm start` and the demo.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './files';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../domain/messages';
import { temporalCliPath } from './temporal-binaries';

export interface DevServer {
  /** host:port of the frontend gRPC service. */
  address: string;
  namespace: string;
  /** URL of the Temporal UI. */
  uiUrl: string;
  stop(): Promise<void>;
}

/** What the pid file of a data folder says: the dev server's pid and, since it is recorded, the pid of the process that started it. */
interface PidRecord {
  server: number;
  owner?: number;
}

/** Reads `<dataDir>/temporal-server.pid`: `<server pid>` then `owner <pid>` on the next line (older files: the server's pid alone). */
function readPidFile(pidFile: string): PidRecord | undefined {
  if (!existsSync(pidFile)) return undefined;
  const [first = '', second = ''] = readFileSync(pidFile, 'utf8').split('\n');
  const server = Number(first.trim());
  if (!Number.isInteger(server) || server <= 0) return undefined;
  const owner = Number(/^owner (\d+)$/.exec(second.trim())?.[1]);
  return Number.isInteger(owner) && owner > 0 ? { server, owner } : { server };
}

/** The command line of a running process (NULs as spaces), or undefined when no such process runs. */
function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

/** Thrown when the data folder's dev server belongs to another live process (a second `npm start`): nothing was started or stopped. */
export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
  constructor(
    readonly dataDir: string,
    readonly owner: number,
    readonly server: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another sdp-review (pid ${owner}), whose Temporal dev server (pid ${server}) runs on it. ` +
        `Stop that one first (Ctrl-C in its terminal, or kill ${owner}), or give this one another folder (SDP_DATA_DIR). Nothing was started or stopped.`,
    );
  }
}

/** True when `cmdline` is a dev server on the database of `dataDir`. */
function servesFolder(cmdline: string, dataDir: string): boolean {
  return cmdline.includes('start-dev') && cmdline.includes(join(dataDir, 'temporal.sqlite'));
}

/**
 * Throws DataFolderInUseError when a dev server runs on `dataDir`'s database for another process
 * that is still alive (its pid runs Node: a pid reused by something else is not it); returns
 * otherwise, touching nothing. For a caller about to change the folder (the demo empties it).
 */
export function assertDataFolderFree(dataDir: string): void {
  const record = readPidFile(join(dataDir, 'temporal-server.pid'));
  if (!record?.owner || record.owner === process.pid) return;
  const cmdline = commandLineOf(record.server);
  if (cmdline === undefined || !servesFolder(cmdline, dataDir)) return;
  if (/\bnode\b|tsx/.test(commandLineOf(record.owner) ?? '')) throw new DataFolderInUseError(dataDir, record.owner, record.server);
}

/**
 * Decides what to do with the dev server the data folder's pid file names, before anything else
 * is touched: none running (or not this folder's): nothing, the stale file removed; running for a
 * live owner (another `npm start` or demo on this folder): DataFolderInUseError, and it is left
 * alone; running for an owner that died without stopping it (an orphan): stopped, so the start can
 * go on. Anything else on the port is left alone.
 */
async function claimDataFolder(dataDir: string, pidFile: string, port: number): Promise<void> {
  const record = readPidFile(pidFile);
  if (!record) return;
  const cmdline = commandLineOf(record.server);
  if (cmdline === undefined || !servesFolder(cmdline, dataDir)) {
    if (cmdline === undefined) rmSync(pidFile, { force: true });
    return;
  }
  assertDataFolderFree(dataDir);
  const owner = record.owner;
  // A file written before owners were recorded: its server is an orphan only when nothing else
  // could be using it, i.e. it no longer serves on the port this start asks for.
  if (owner === undefined && (await portIsFree(port))) return;
  process.kill(record.server, 'SIGTERM');
  for (let i = 0; i < 50 && commandLineOf(record.server) !== undefined; i++) await new Promise((r) => setTimeout(r, 200));
  for (let i = 0; i < 50 && !(await portIsFree(port)); i++) await new Promise((r) => setTimeout(r, 200));
  rmSync(pidFile, { force: true });
}

/**
 * For a process quitting at once (a second Ctrl-C during start-up, before it holds the DevServer
 * handle): sends SIGTERM to the dev server that this process started on `dataDir`, if its pid file
 * names this process as its owner and it still serves that folder. Synchronous, best effort: any
 * failure leaves it to the next start, which stops an orphan.
 */
export function stopOwnDevServer(dataDir: string): void {
  try {
    const record = readPidFile(join(dataDir, 'temporal-server.pid'));
    if (!record || record.owner !== process.pid) return;
    const cmdline = commandLineOf(record.server);
    if (cmdline !== undefined && servesFolder(cmdline, dataDir)) process.kill(record.server, 'SIGTERM');
  } catch {
    // Left to the next start.
  }
}

/**
 * Before a data folder is emptied (the demo starts afresh each run): stops the dev server an
 * earlier process left running on it (its owner gone), which would else hold its port with its
 * pid file deleted. Throws DataFolderInUseError when a live process still uses the folder.
 */
export async function releaseDataFolder(dataDir: string, port: number): Promise<void> {
  await claimDataFolder(dataDir, join(dataDir, 'temporal-server.pid'), port);
}

/** Resolves true when nothing listens on 127.0.0.1:`port`. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

/**
 * Starts the dev server on 127.0.0.1:`port` (UI on `uiPort`), its database in `<dataDir>/temporal.sqlite`,
 * its log in `<dataDir>/temporal-server.log`. Waits until it answers (at most `readyTimeoutMs`, default 60 000).
 * Throws DataFolderInUseError when another live process runs a dev server on this data folder
 * (before touching anything), and an Error when the port is taken, the binary is missing or the
 * server does not come up.
 */
export async function startDevServer(opts: { dataDir: string; port?: number; uiPort?: number; namespace?: string; readyTimeoutMs?: number }): Promise<DevServer> {
  const port = opts.port ?? 7233;
  const uiPort = opts.uiPort ?? 8233;
  const namespace = opts.namespace ?? 'default';
  const pidFile = join(opts.dataDir, 'temporal-server.pid');
  // First: another live process on this data folder is refused before anything is touched.
  await claimDataFolder(opts.dataDir, pidFile, port);
  mkdirSync(opts.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(opts.dataDir, PRIVATE_DIR_MODE);
  if (!(await portIsFree(port))) {
    throw new Error(`Port ${port} is taken: is another Temporal server running? Set TEMPORAL_ADDRESS to use it, or SDP_TEMPORAL_PORT to start the embedded one elsewhere.`);
  }
  const log = openSync(join(opts.dataDir, 'temporal-server.log'), 'a', PRIVATE_FILE_MODE);
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort),
    '--db-filename', join(opts.dataDir, 'temporal.sqlite'),
    // Write-ahead log, with a sync at each commit as before: the default rollback journal syncs
    // several times per commit (about 3.7 ms each here), and at 50 cycles at once Updates waited
    // 5–15 s inside the server (192 s → 120 s for the 50, measured; bench/cycles-at-once.ts).
    '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=full',
    '--namespace', namespace, '--log-level', 'warn',
    ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  // Through a shell with umask 077: the server's SQLite files (database, -wal, -shm) hold every
  // input and decision, and must be the owner's only whatever the caller's umask.
  // In its own process group: Ctrl-C or systemd's SIGTERM to `npm start`'s group must not stop
  // Temporal before the worker has drained; stop() stops it last (an orphan is stopped at the next start).
  const child: ChildProcess = spawn('/bin/sh', ['-c', 'umask 077 && exec "$0" "$@"', temporalCliPath(), ...args], { stdio: ['ignore', log, log], detached: true });
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
    rmSync(pidFile, { force: true });
  });
  // With the owner's pid: a later start tells an orphan (owner gone) from a server still in use.
  if (child.pid) writeFileSync(pidFile, `${child.pid}\nowner ${process.pid}\n`, { mode: PRIVATE_FILE_MODE });

  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== null) throw new Error(`The Temporal dev server exited with code ${exited}; see ${join(opts.dataDir, 'temporal-server.log')}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        break;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`The Temporal dev server did not answer on ${address} in time: ${(err as Error).message}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    address,
    namespace,
    uiUrl: `http://127.0.0.1:${uiPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
        child.kill('SIGTERM');
      }),
  };
}
