/**
 * The parts of the long-running processes that need no server: how a stop signal is heard
 * (infra/stop-signals.ts), how a `host:port` setting is read (infra/health-endpoint.ts), and what
 * the worker's /healthz says in each state (run/worker-health.ts), with stand-ins for the SDK.
 * The processes themselves are run in test/e2e/processes.test.ts.
 */
import { EventEmitter } from 'node:events';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { parseHostPort } from '../../infra/health-endpoint';
import { onStopSignals } from '../../infra/stop-signals';
import { DEFAULT_WORKER_HEALTH_ADDRESS, workerHealthCheck } from '../../run/worker-health';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('onStopSignals', () => {
  it('stops once for a signal relayed by npm or tsx, and forces only on a later second signal', async () => {
    const source = new EventEmitter();
    const stops: string[] = [];
    const forces: string[] = [];
    const off = onStopSignals((s) => stops.push(s), { force: (s) => forces.push(s), graceMs: 100, source });
    // systemd signals the group: the process hears it from the kernel, then again from its parent.
    source.emit('SIGTERM', 'SIGTERM');
    source.emit('SIGTERM', 'SIGTERM');
    source.emit('SIGINT', 'SIGINT');
    expect(stops).toEqual(['SIGTERM']);
    expect(forces).toEqual([]);
    await sleep(150);
    source.emit('SIGINT', 'SIGINT');
    expect(forces).toEqual(['SIGINT']);
    off();
    expect(source.listenerCount('SIGTERM') + source.listenerCount('SIGINT')).toBe(0);
  });
});

describe('parseHostPort', () => {
  it('reads host:port, [v6]:port and port 0, and names the variable when malformed', () => {
    expect(parseHostPort('WORKER_HEALTH_ADDRESS', DEFAULT_WORKER_HEALTH_ADDRESS, DEFAULT_WORKER_HEALTH_ADDRESS)).toEqual({ host: '127.0.0.1', port: 9465 });
    expect(parseHostPort('X', '0.0.0.0:0', '127.0.0.1:1')).toEqual({ host: '0.0.0.0', port: 0 });
    expect(parseHostPort('X', '[::1]:9465', '127.0.0.1:1')).toEqual({ host: '::1', port: 9465 });
    expect(() => parseHostPort('WORKER_HEALTH_ADDRESS', 'localhost', '127.0.0.1:9465')).toThrow(/^WORKER_HEALTH_ADDRESS: must be host:port, e\.g\. 127\.0\.0\.1:9465 or 0\.0\.0\.0:9465; got "localhost"$/);
    expect(() => parseHostPort('WORKER_HEALTH_ADDRESS', 'localhost:70000', '127.0.0.1:9465')).toThrow(/^WORKER_HEALTH_ADDRESS/);
  });
});

describe("the worker's health check", () => {
  const fakeWorker = (state: string) => ({ getState: () => state, options: { taskQueue: 'sdp-review' } }) as unknown as Worker;
  const fakeConnection = (answers: boolean) =>
    ({
      withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn(),
      workflowService: { getSystemInfo: () => (answers ? Promise.resolve({}) : Promise.reject(new Error('tcp connect error'))) },
    }) as unknown as NativeConnection;

  it('is ok only when the worker runs and Temporal answers', async () => {
    const report = await workerHealthCheck(() => ({ worker: fakeWorker('RUNNING'), connection: fakeConnection(true) }), 'default')();
    expect(report.ok).toBe(true);
    expect(report.body).toMatchObject({ status: 'ok', worker: { state: 'RUNNING', taskQueue: 'sdp-review' }, temporal: { reachable: true, namespace: 'default' } });
  });

  it('is unavailable while starting, stopping, or when Temporal does not answer (the reason goes to the log only)', async () => {
    const starting = await workerHealthCheck(() => ({}), 'default')();
    expect(starting).toMatchObject({ ok: false, body: { status: 'unavailable', worker: { state: 'STARTING' }, temporal: { reachable: false } } });

    const stopping = await workerHealthCheck(() => ({ worker: fakeWorker('DRAINING'), connection: fakeConnection(true) }), 'default')();
    expect(stopping).toMatchObject({ ok: false, body: { worker: { state: 'DRAINING' }, temporal: { reachable: true } } });

    const logged: unknown[] = [];
    const unreachable = await workerHealthCheck(() => ({ worker: fakeWorker('RUNNING'), connection: fakeConnection(false) }), 'default', (err) => logged.push(err))();
    expect(unreachable).toMatchObject({ ok: false, body: { worker: { state: 'RUNNING' }, temporal: { reachable: false } } });
    expect(JSON.stringify(unreachable.body)).not.toContain('tcp connect error');
    expect(logged).toHaveLength(1);
  });
});
