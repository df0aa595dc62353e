/**
 * Long-running processes of the product (the compiled worker and web server) run as an operator
 * runs them: in a process group of their own, so a test can signal the whole group as systemd
 * does, with stdout split into lines and stderr kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { PROJECT_ROOT } from '../../infra/paths';

/** A free TCP port on 127.0.0.1 (free when asked; take it soon). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `fn` every 250 ms until it returns something other than undefined (a throw counts as undefined). */
export async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(fn()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface GroupProcess {
  child: ChildProcess;
  /** Lines written to stdout so far. */
  out: string[];
  /** stdout lines parsed as JSON (every line must be JSON). */
  json(): Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves with the first JSON line on stdout that `pred` accepts; rejects, with stderr, if the process exits first. */
  line(what: string, pred: (l: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>>;
  /** Sends `signal` to the whole process group, as systemd and Ctrl-C do. */
  signalGroup(signal: NodeJS.Signals): void;
  /** SIGKILLs the group if it is still running (for `finally`). */
  kill(): void;
}

/**
 * Starts `node <args>` in the project folder as the leader of a new process group. `env` is laid
 * over the test's own environment; a key set to undefined is removed.
 */
export function startInGroup(args: string[], env: Record<string, string | undefined>): GroupProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const out: string[] = [];
  let err = '';
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    out.push(...lines);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const json = () => out.filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    child,
    out,
    json,
    stderr: () => err,
    exited,
    line: (what, pred, timeoutMs) =>
      Promise.race([
        until(what, () => json().find(pred), timeoutMs),
        exited.then((code) => Promise.reject(new Error(`exited ${code} before ${what}: ${err.trim() || out.slice(-3).join('\n')}`))),
      ]),
    signalGroup: (signal) => process.kill(-child.pid!, signal),
    kill() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    },
  };
}
