/** Runs the real CLI in this process and captures what it prints. */
import { vi } from 'vitest';
import { runCli } from '../../cli/main';

/** The CLI's exit code, and its stdout (console.log and direct writes) and stderr (console.error and direct writes), joined by lines. */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  // Commander writes usage errors to stderr directly.
  const writeErr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  try {
    return { code: await runCli(['node', 'sdp-review', ...args]), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    writeErr.mockRestore();
  }
}
