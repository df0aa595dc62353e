/**
 * The CLI's connection to Temporal, run as a child process the way an operator runs it: it reads
 * the stack's settings (SDP_TEMPORAL_PORT when TEMPORAL_ADDRESS is unset), and a failed connection
 * exits 7 naming its real cause — a closed port, a name under `.invalid`, TLS against the plain dev
 * server, and Temporal refusing the API key or the namespace (a stand-in server that answers every
 * call with that gRPC status, as Temporal Cloud does; the dev server checks no key).
 */
import { execFile } from 'node:child_process';
import { createServer as createH2Server, type Http2Server } from 'node:http2';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/paths';
import { createLocalEnv } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let closedPort: number;
let silent: Server;
const fakes: Http2Server[] = [];

beforeAll(async () => {
  env = await createLocalEnv();
  closedPort = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
  // Accepts TCP and never answers: a service that is not Temporal.
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await env?.teardown();
  silent?.close();
  for (const f of fakes) f.close();
});

/**
 * A gRPC server over plain HTTP/2 that answers every call with `status` (a trailers-only response,
 * as Temporal's frontend answers an unauthorized call) and records the `authorization` headers.
 */
async function refusingServer(status: number, message: string): Promise<{ address: string; authorizations: string[] }> {
  const authorizations: string[] = [];
  const server = createH2Server();
  server.on('stream', (stream, headers) => {
    authorizations.push(String(headers.authorization ?? ''));
    stream.on('data', () => undefined);
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(status), 'grpc-message': encodeURIComponent(message) }, { endStream: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fakes.push(server);
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, authorizations };
}

/** Runs `sdp-review <args>` with exactly `settings` for Temporal (the test's own TEMPORAL_* and SDP_TEMPORAL_PORT removed). */
function sdpReview(settings: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(childEnv)) if (k.startsWith('TEMPORAL_') || k === 'SDP_TEMPORAL_PORT' || k === 'FORCE_COLOR') delete childEnv[k];
  Object.assign(childEnv, settings);
  return new Promise((resolve) => {
    execFile(process.execPath, [join(PROJECT_ROOT, 'bin', 'sdp-review.mjs'), ...args], { cwd: PROJECT_ROOT, env: childEnv, timeout: 40_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const port = (address: string) => address.split(':').pop()!;

describe('sdp-review and its Temporal', () => {
  it('uses the embedded stack’s port, SDP_TEMPORAL_PORT, when TEMPORAL_ADDRESS is unset', async () => {
    const [found, elsewhere] = await Promise.all([
      sdpReview({ SDP_TEMPORAL_PORT: port(env.address) }, 'list'),
      sdpReview({ SDP_TEMPORAL_PORT: String(closedPort) }, 'list'),
    ]);
    expect(found.stderr).toBe('');
    expect(found).toMatchObject({ code: 0, stdout: expect.stringContaining('No review cycles.') });
    expect(elsewhere.code).toBe(7);
    expect(elsewhere.stderr).toContain(`Temporal at 127.0.0.1:${closedPort} (namespace default; the embedded stack's address, from SDP_TEMPORAL_PORT, as TEMPORAL_ADDRESS is not set): connection refused`);
    expect(elsewhere.stderr).toContain('Start the stack (`npm start`)');
  });

  it('says why it cannot connect: refused, DNS, TLS, not Temporal — exit 7', async () => {
    const [refused, dns, tls, notTemporal] = await Promise.all([
      sdpReview({ TEMPORAL_ADDRESS: `127.0.0.1:${closedPort}` }, 'list'),
      sdpReview({ TEMPORAL_ADDRESS: 'temporal.sdp-review.invalid:7233' }, 'list'),
      sdpReview({ TEMPORAL_ADDRESS: env.address, TEMPORAL_TLS: 'true' }, 'list'),
      sdpReview({ TEMPORAL_ADDRESS: `127.0.0.1:${(silent.address() as AddressInfo).port}` }, 'list'),
    ]);
    for (const r of [refused, dns, tls, notTemporal]) {
      expect(r.code, r.stderr).toBe(7);
      expect(r.stderr).not.toContain('Is `npm start` running');
      // One line, besides Node's own warning when gRPC sets a TLS server name to an IP address (DEP0123).
      expect(r.stderr.trim().split('\n').filter((l) => !/^\(node:\d+\)|^\(Use `node/.test(l)), r.stderr).toHaveLength(1);
    }
    expect(refused.stderr).toMatch(/address from TEMPORAL_ADDRESS\): connection refused, nothing listens there\. Check TEMPORAL_ADDRESS/);
    expect(dns.stderr).toMatch(/the host name "temporal\.sdp-review\.invalid" was not found \(DNS: ENOTFOUND/);
    expect(tls.stderr).toMatch(/the TLS handshake failed \(wrong version number \(ERR_SSL_WRONG_VERSION_NUMBER\)\)\. Check TEMPORAL_TLS/);
    expect(notTemporal.stderr).toMatch(/accepts connections but no Temporal answered/);
  });

  it('says when Temporal rejects the API key (UNAUTHENTICATED) or the namespace (PERMISSION_DENIED), never printing the key', async () => {
    const [noKey, noNamespace] = await Promise.all([refusingServer(16, 'Request unauthorized.'), refusingServer(7, 'Request unauthorized.')]);
    const key = 'sdp-test-api-key-7d1e0c';
    const [unauthenticated, denied] = await Promise.all([
      sdpReview({ TEMPORAL_ADDRESS: noKey.address, TEMPORAL_API_KEY: key, TEMPORAL_TLS: 'false' }, 'list'),
      sdpReview({ TEMPORAL_ADDRESS: noNamespace.address, TEMPORAL_API_KEY: key, TEMPORAL_TLS: 'false', TEMPORAL_NAMESPACE: 'sdp.a1b2c' }, 'list'),
    ]);
    expect(noKey.authorizations).toContain(`Bearer ${key}`);
    expect(unauthenticated.code).toBe(7);
    expect(unauthenticated.stderr).toContain(`Temporal at ${noKey.address} (namespace default; address from TEMPORAL_ADDRESS) rejected the credentials (UNAUTHENTICATED: Request unauthorized.). Check TEMPORAL_API_KEY`);
    expect(denied.code).toBe(7);
    expect(denied.stderr).toContain('refused access to namespace sdp.a1b2c (PERMISSION_DENIED: Request unauthorized.). Check TEMPORAL_NAMESPACE');
    for (const r of [unauthenticated, denied]) expect(r.stderr + r.stdout).not.toContain(key);
  });
});
