/**
 * The embedded Temporal: the `temporal server start-dev` process, persisted in a SQLite file, with
 * the Temporal UI and sdp-review's search attributes registered. Used by `npm start` and the demo.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './files';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
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

/**
 * A dev server left behind by a process that died without stopping it (its pid is in the data
 * folder, and it runs on this data folder's database) is stopped, so `npm start` can start again.
 * Anything else on the port is left alone.
 */
async function stopOrphan(pidFile: string, port: number): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    rmSync(pidFile, { force: true });
    return;
  }
  if (!cmdline.includes('start-dev') || !cmdline.includes(join(dirname(pidFile), 'temporal.sqlite'))) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && !(await portIsFree(port)); i++) await new Promise((r) => setTimeout(r, 200));
  rmSync(pidFile, { force: true });
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
 * Throws when the port is taken, the binary is missing or the server does not come up.
 */
export async function startDevServer(opts: { dataDir: string; port?: number; uiPort?: number; namespace?: string; readyTimeoutMs?: number }): Promise<DevServer> {
  const port = opts.port ?? 7233;
  const uiPort = opts.uiPort ?? 8233;
  const namespace = opts.namespace ?? 'default';
  mkdirSync(opts.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(opts.dataDir, PRIVATE_DIR_MODE);
  const pidFile = join(opts.dataDir, 'temporal-server.pid');
  if (!(await portIsFree(port))) await stopOrphan(pidFile, port);
  if (!(await portIsFree(port))) {
    throw new Error(`Port ${port} is taken: is another Temporal server running? Set TEMPORAL_ADDRESS to use it, or SDP_TEMPORAL_PORT to start the embedded one elsewhere.`);
  }
  const log = openSync(join(opts.dataDir, 'temporal-server.log'), 'a', PRIVATE_FILE_MODE);
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort),
    '--db-filename', join(opts.dataDir, 'temporal.sqlite'),
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
  if (child.pid) writeFileSync(pidFile, `${child.pid}\n`, { mode: PRIVATE_FILE_MODE });

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
