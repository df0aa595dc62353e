/**
 * A health endpoint for a process that has no web server of its own (the worker): plain node:http,
 * one route, `GET /healthz`, answering the JSON of a check with 200 (healthy) or 503 (not).
 * Kubernetes probes, a Docker HEALTHCHECK or a load balancer poll it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer of a health check: `ok` picks 200 or 503, `body` is sent as JSON. */
export interface HealthReport {
  ok: boolean;
  body: Record<string, unknown>;
}

/**
 * Splits a `host:port` setting (`127.0.0.1:9465`, `0.0.0.0:9465`, `[::1]:9465`; port 0 takes a
 * free one) into host and port. Throws an Error that names the variable `name`, with `example`,
 * when the value is not that shape or the port is out of range.
 */
export function parseHostPort(name: string, value: string, example: string): { host: string; port: number } {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value.trim());
  if (!m || Number(m[2]) > 65535) throw new Error(`${name}: must be host:port, e.g. ${example} or 0.0.0.0:${example.split(':').pop()}; got "${value}"`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

/** How long (ms) one answer of the check is reused: a probe every second must not hit Temporal every second. */
const REUSE_MS = 1_000;

/**
 * Listens on `host:port` and answers `GET /healthz` (and HEAD) with `check()`: 200 when it reports
 * ok, 503 with `Retry-After: 10` when not or when it throws (the body then says `status: error`,
 * without the error's text, which may name hosts). Other paths get 404, other methods 405.
 * Concurrent requests share one run of the check. Resolves once listening, with the URL of the
 * route and `close()`; rejects when the address cannot be had (in use, not local).
 */
export async function startHealthEndpoint(opts: {
  host: string;
  port: number;
  check: () => Promise<HealthReport>;
}): Promise<{ url: string; close(): Promise<void> }> {
  let last: { at: number; report: Promise<HealthReport> } | undefined;
  const report = () => {
    const now = Date.now();
    if (!last || now - last.at > REUSE_MS) {
      last = { at: now, report: opts.check().catch(() => ({ ok: false, body: { status: 'error' } })) };
    }
    return last.report;
  };

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/healthz') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    void report().then(({ ok, body }) => {
      const json = `${JSON.stringify(body)}\n`;
      res.writeHead(ok ? 200 : 503, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...(ok ? {} : { 'retry-after': '10' }),
      });
      res.end(req.method === 'HEAD' ? undefined : json);
    });
  });
  // A probe's connection must not keep a stopping process alive.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shownHost}:${port}/healthz`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
