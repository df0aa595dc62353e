/**
 * A second `npm start` (or demo) on a data folder in use is refused before it touches anything
 * (infra/dev-server.ts): the first one's dev server keeps running. A dev server whose owner died
 * (an orphan) is still stopped, so a start after a crash goes on. Stand-in processes play the
 * dev server (a Node process with the dev server's arguments, listening on the port) and its owner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, assertDataFolderFree, startDevServer, stopOwnDevServer } from '../../infra/dev-server';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A free port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A Node process that stays up, with `args` on its command line, listening on `port` when given; resolves once it is ready. */
function standIn(args: string[], port?: number): Promise<ChildProcess> {
  const code = port ? `require('node:net').createServer().listen(${port}, '127.0.0.1', () => console.log('ready'))` : "console.log('ready'); setInterval(() => {}, 1000)";
  const child = spawn(process.execPath, ['-e', code, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (c) => reject(new Error(`stand-in exited with ${c}`)));
  });
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

describe('a second start on a data folder in use', () => {
  it('is refused, naming the running one, and leaves its dev server running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sdp-owner-'));
    const port = await freePort();
    const server = await standIn(['server', 'start-dev', '--db-filename', join(dataDir, 'temporal.sqlite')], port);
    const owner = await standIn(['run/start.ts']);
    writeFileSync(join(dataDir, 'temporal-server.pid'), `${server.pid}\nowner ${owner.pid}\n`);

    const error = await startDevServer({ dataDir, port, uiPort: await freePort(), readyTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFolderInUseError);
    expect((error as Error).message).toContain(`is in use by another sdp-review (pid ${owner.pid})`);
    expect((error as Error).message).toContain(`Temporal dev server (pid ${server.pid})`);
    expect((error as Error).message).toContain('Nothing was started or stopped.');
    expect(() => assertDataFolderFree(dataDir)).toThrow(DataFolderInUseError);
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(server)).toBe(true);
    expect(readFileSync(join(dataDir, 'temporal-server.pid'), 'utf8')).toBe(`${server.pid}\nowner ${owner.pid}\n`);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('stops a dev server whose owner has died (an orphan), then goes on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sdp-orphan-'));
    const port = await freePort();
    const server = await standIn(['server', 'start-dev', '--db-filename', join(dataDir, 'temporal.sqlite')], port);
    const owner = await standIn(['run/start.ts']);
    owner.kill('SIGKILL');
    await new Promise((r) => owner.once('exit', r));
    writeFileSync(join(dataDir, 'temporal-server.pid'), `${server.pid}\nowner ${owner.pid}\n`);
    expect(() => assertDataFolderFree(dataDir)).not.toThrow();
    const exited = new Promise((r) => server.once('exit', r));
    // The start goes on past the orphan: it brings up the real dev server (stopped at once) or
    // gives up after a second; only that the orphan was stopped matters here.
    await startDevServer({ dataDir, port, uiPort: await freePort(), readyTimeoutMs: 1_000 }).then((s) => s.stop(), () => undefined);
    await exited;
    expect(alive(server)).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});

describe('a process quitting at once during start-up', () => {
  it('stops the dev server it started (its pid file names it the owner), and no other', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sdp-own-'));
    const pidFile = join(dataDir, 'temporal-server.pid');
    const args = ['server', 'start-dev', '--db-filename', join(dataDir, 'temporal.sqlite')];
    const other = await standIn(['run/start.ts']);
    const theirs = await standIn(args);
    writeFileSync(pidFile, `${theirs.pid}\nowner ${other.pid}\n`);
    stopOwnDevServer(dataDir);
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(theirs), 'the dev server of another owner').toBe(true);

    const mine = await standIn(args);
    writeFileSync(pidFile, `${mine.pid}\nowner ${process.pid}\n`);
    const exited = new Promise((r) => mine.once('exit', r));
    stopOwnDevServer(dataDir);
    await exited;
    expect(mine.signalCode).toBe('SIGTERM');
    // A pid file naming this process but a process that serves another folder is left alone.
    const elsewhere = await standIn(['server', 'start-dev', '--db-filename', '/elsewhere/temporal.sqlite']);
    writeFileSync(pidFile, `${elsewhere.pid}\nowner ${process.pid}\n`);
    stopOwnDevServer(dataDir);
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(elsewhere)).toBe(true);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);
});
