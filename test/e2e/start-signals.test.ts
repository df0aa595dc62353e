/**
 * `npm start` (run/start.ts) stopped by SIGTERM to its process group, as systemd and Ctrl-C do:
 * during start-up, while the embedded dev server comes up in a process group of its own (a signal
 * that ended the process there left the dev server running until the next start), and once it is
 * running. Each time it exits 0 and the dev server is gone, its pid file with it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { portIsFree } from '../../infra/dev-server';
import { freePort, startInGroup, until, type GroupProcess } from '../helpers/process';

const dataDir = mkdtempSync(join(tmpdir(), 'sdp-review-start-signals-'));
const running: GroupProcess[] = [];
const pidFile = join(dataDir, 'temporal-server.pid');
/** The dev server's pid, from its pid file (infra/dev-server.ts), while there is one. */
const devServerPid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || undefined : undefined);

afterAll(() => {
  for (const p of running) p.kill();
  // A dev server left behind by a failed run of this test is in a group of its own.
  const orphan = devServerPid();
  if (orphan && alive(orphan)) process.kill(orphan, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Whether a process `pid` exists (signal 0 probes without signalling). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function start(ports: { temporal: number; ui: number }): Promise<GroupProcess> {
  const p = startInGroup(['--import', 'tsx', 'run/start.ts'], {
    SDP_DATA_DIR: dataDir,
    SDP_TEMPORAL_PORT: String(ports.temporal),
    SDP_TEMPORAL_UI_PORT: String(ports.ui),
    PORT: '0',
    TEMPORAL_ADDRESS: undefined,
    SMTP_URL: undefined,
    SDP_STORAGE_URL: undefined,
    NO_COLOR: '1',
  });
  running.push(p);
  return p;
}


describe('npm start and stop signals', () => {
  it('stops its dev server when SIGTERM comes during start-up, and again when it comes once running', async () => {
    const ports = { temporal: await freePort(), ui: await freePort() };

    const first = await start(ports);
    // The dev server has been spawned (its pid file is written) and is not answering yet, or just is.
    const server = await until('the dev server to be spawned', devServerPid, 60_000);
    first.signalGroup('SIGTERM');
    expect(await first.exited, first.stderr()).toBe(0);
    expect(first.out.join('\n')).toContain('SIGTERM: stopping as soon as start-up has finished');
    expect(first.out.join('\n')).toContain('Stopped.');
    expect(first.out.join('\n')).not.toContain('sdp-review is running.');
    expect(alive(server), 'the dev server of the interrupted start').toBe(false);
    expect(existsSync(pidFile)).toBe(false);
    expect(await portIsFree(ports.temporal)).toBe(true);

    const second = await start(ports);
    await until('npm start to be running', () => (second.out.some((l) => l.includes('sdp-review is running.')) ? true : undefined), 60_000);
    const again = devServerPid()!;
    expect(alive(again)).toBe(true);
    second.signalGroup('SIGTERM');
    expect(await second.exited, second.stderr()).toBe(0);
    expect(second.out.join('\n')).toContain('Stopped.');
    expect(alive(again)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  }, 120_000);
});
