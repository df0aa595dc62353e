/**
 * How a long-running process (the worker, the web server) hears that it must stop.
 *
 * systemd (KillMode=control-group), Kubernetes and Ctrl-C in a terminal signal the whole process
 * group, and a parent in that group (`npm run`, `tsx`) relays the same signal to its child: one
 * stop arrives two or three times within milliseconds. Counting those as "a second signal, exit at
 * once" made the worker exit 1 without draining; repeats within a grace period are the same stop.
 */

/** The signals that ask a process to stop. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** How long (ms) after the first stop signal a repeat counts as the same stop, relayed. */
export const RELAYED_SIGNAL_GRACE_MS = 1_000;

/** Where signals come from: the process, or a stand-in in tests. */
export type SignalSource = Pick<NodeJS.EventEmitter, 'on' | 'off'>;

/**
 * Calls `stop(signal)` on the first SIGINT or SIGTERM. A repeat within `graceMs` (default
 * RELAYED_SIGNAL_GRACE_MS) is ignored; a later one — someone pressing Ctrl-C again because the
 * drain takes too long — calls `force(signal)`, by default exiting at once with code 1.
 * Listens on `source` (default `process`). Returns a function that removes the handlers.
 */
export function onStopSignals(
  stop: (signal: NodeJS.Signals) => void,
  opts: { force?: (signal: NodeJS.Signals) => void; graceMs?: number; source?: SignalSource } = {},
): () => void {
  const graceMs = opts.graceMs ?? RELAYED_SIGNAL_GRACE_MS;
  const force = opts.force ?? (() => process.exit(1));
  const source = opts.source ?? process;
  let firstAt: number | undefined;
  const handler = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstAt === undefined) {
      firstAt = now;
      stop(signal);
    } else if (now - firstAt >= graceMs) {
      force(signal);
    }
  };
  for (const signal of STOP_SIGNALS) source.on(signal, handler);
  return () => {
    for (const signal of STOP_SIGNALS) source.off(signal, handler);
  };
}
