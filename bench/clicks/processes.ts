/**
 * `npm start` against its floor, as processes: the time from launch to ready, the resident memory
 * once idle, and after a load run. The product is `node --import tsx run/start.ts` (what `npm start`
 * execs) in a fresh data folder; its floor is ./bare-start.ts (the same dev server and a bare
 * worker). Memory is the launched Node process's VmRSS (the dev server, a process of its own, is
 * left out on both sides).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { freeTemporalPorts } from '../../test/helpers/stack';
import { BareCalls } from './bare';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A launched process: how long it took to be ready, and how to read its memory and stop it. */
export interface Launched {
  readyMs: number;
  pid: number;
  dataDir: string;
  temporalAddress: string;
  /** The web server's URL (the product only). */
  webUrl?: string;
  stop(): Promise<void>;
}

/** Resident set size of `pid` in MB, from /proc (Linux). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

async function launch(args: string[], ready: RegExp, extraEnv: Record<string, string> = {}): Promise<Launched & { match: RegExpExecArray }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sdp-bench-proc-'));
  const ports = await freeTemporalPorts();
  const env = {
    ...process.env,
    SDP_DATA_DIR: dataDir,
    SDP_TEMPORAL_PORT: String(ports.temporalPort),
    SDP_TEMPORAL_UI_PORT: String(ports.temporalUiPort),
    PORT: '0',
    LOG_LEVEL: 'warn',
    NO_COLOR: '1',
    ...extraEnv,
  };
  delete (env as Record<string, string | undefined>).TEMPORAL_ADDRESS;
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${out}\n${err}`)));
    setTimeout(() => reject(new Error(`${args.join(' ')} not ready within 120 s:\n${out}\n${err}`)), 120_000).unref();
  });
  const readyMs = performance.now() - t0;
  const webUrl = /Dashboard and forms: (\S+)/.exec(out)?.[1];
  return {
    readyMs,
    match,
    pid: child.pid!,
    dataDir,
    temporalAddress: `127.0.0.1:${ports.temporalPort}`,
    webUrl,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await stopDevServerOf(dataDir);
      await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * Stops the dev server a launched process left behind (it runs in its own process group, and a
 * process killed before it stopped it leaves it running): the pid in its data folder, when that
 * process is still the dev server of that folder.
 */
async function stopDevServerOf(dataDir: string): Promise<void> {
  const pid = Number((await readFile(join(dataDir, 'temporal-server.pid'), 'utf8').catch(() => '')).trim());
  if (!pid) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes('start-dev') || !cmdline.includes(dataDir)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')); i++) await new Promise((r) => setTimeout(r, 200));
}

/** Launches the product as `npm start` does; ready when it prints that it is running. */
export function launchProduct(): Promise<Launched> {
  return launch(['--import', 'tsx', 'run/start.ts'], /sdp-review is running\.[\s\S]*Press Ctrl-C/);
}

/** Launches the floor: dev server and bare worker; ready when it prints `ready`. */
export function launchBare(): Promise<Launched> {
  return launch(['--import', 'tsx', 'bench/clicks/bare-start.ts'], /ready \d+/);
}

/** The contribution links of the mails the product's capture has written to its outbox so far. */
export async function outboxLinks(dataDir: string, prefix: string): Promise<string[]> {
  const dir = join(dataDir, 'outbox');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  const links: string[] = [];
  for (const f of files) {
    const mail = JSON.parse(await readFile(join(dir, f), 'utf8')) as { text?: string };
    const found = mail.text?.match(/https?:\/\/[^\s<>"]+/g)?.find((u) => u.startsWith(prefix));
    if (found) links.push(found);
  }
  return links;
}

/** A client on the floor's dev server, with the bare calls; `close` when done. */
export async function bareClient(address: string): Promise<{ calls: BareCalls; close(): Promise<void> }> {
  const connection = await Connection.connect({ address });
  return { calls: new BareCalls(new Client({ connection })), close: () => connection.close() };
}
