/**
 * Why a connection to Temporal failed. The SDK's gRPC client reports every transport failure
 * alike ("Failed to connect before the deadline"), so on such a failure the cause is found by
 * trying the same steps by hand: resolve the host name, open TCP, and (when TLS is configured)
 * complete a TLS handshake with the same CA, client certificate and server name. A refusal by
 * Temporal itself (an API key it does not accept, a namespace the key may not use) arrives as a
 * gRPC status and is read from the error.
 */
import { lookup } from 'node:dns/promises';
import { isIP, connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';

/**
 * - `dns`: the host name does not resolve;
 * - `refused`: nothing listens on the port (TCP RST);
 * - `unreachable`: no route to the host, or no answer to TCP within the probe's time (a firewall);
 * - `tls`: the TLS handshake failed (server without TLS, unknown CA, name mismatch, client certificate refused);
 * - `unauthenticated`: Temporal refused the credentials (gRPC UNAUTHENTICATED: API key missing, wrong or expired);
 * - `permission-denied`: the credentials may not use this namespace (gRPC PERMISSION_DENIED);
 * - `no-answer`: TCP (and TLS) work but no Temporal answered in time (another service on the port, or a plain connection to a TLS-only server).
 */
export type ConnectionFailureReason = 'dns' | 'refused' | 'unreachable' | 'tls' | 'unauthenticated' | 'permission-denied' | 'no-answer';

/** A diagnosed failure: its reason and the underlying error's words (never a credential). */
export interface ConnectionFailure {
  reason: ConnectionFailureReason;
  detail: string;
}

/** The TLS settings as @temporalio/envconfig gives them (`connectionOptions.tls`). */
export type TlsSetting =
  | boolean
  | null
  | undefined
  | { serverNameOverride?: string; serverRootCACertificate?: Buffer | Uint8Array; clientCertPair?: { crt: Buffer | Uint8Array; key: Buffer | Uint8Array } };

const GRPC_UNAUTHENTICATED = 16;
const GRPC_PERMISSION_DENIED = 7;

/**
 * `unauthenticated` or `permission-denied` when `err`, or an error in its `cause` chain, is a
 * gRPC status UNAUTHENTICATED (16) or PERMISSION_DENIED (7), with the server's words; otherwise
 * undefined. Recognises the SDK's `ServiceError('Failed to connect to Temporal server', { cause })`
 * of Connection.connect and the raw gRPC errors of later calls.
 */
export function grpcRefusalOf(err: unknown): ConnectionFailure | undefined {
  for (let e = err as { code?: unknown; details?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === GRPC_UNAUTHENTICATED || e.code === GRPC_PERMISSION_DENIED) {
      const detail = typeof e.details === 'string' && e.details ? e.details : String(e.message ?? '');
      return { reason: e.code === GRPC_UNAUTHENTICATED ? 'unauthenticated' : 'permission-denied', detail };
    }
  }
  return undefined;
}

/** `host` and `port` of a Temporal address (`host:port`, `[v6]:port`, optionally `dns:///…`); undefined when it is not one. */
export function splitAddress(address: string): { host: string; port: number } | undefined {
  const m = /^(?:dns:\/\/\/)?(\[[0-9A-Fa-f:.]+\]|[^:/\s]+):(\d{1,5})$/.exec(address.trim());
  if (!m || Number(m[2]) > 65535) return undefined;
  return { host: m[1]!.replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) };
}

/** Options of a probe: the time each step may take (ms, default 3 000). */
export interface ProbeOptions {
  timeoutMs?: number;
}

/**
 * Tries the steps of a connection to `address` by hand and says which one fails: DNS, TCP, then
 * (when `tls` is set) the TLS handshake with ALPN `h2`, as gRPC makes it. Resolves undefined when
 * every step succeeds (the transport is fine: the failure lies above it) or the address cannot be
 * parsed. Never rejects.
 */
export async function probeTransport(address: string, tls: TlsSetting, opts: ProbeOptions = {}): Promise<ConnectionFailure | undefined> {
  const target = splitAddress(address);
  if (!target) return undefined;
  const timeoutMs = opts.timeoutMs ?? 3_000;
  let ip = target.host;
  if (!isIP(target.host)) {
    try {
      ip = (await lookup(target.host)).address;
    } catch (err) {
      return { reason: 'dns', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
    }
  }
  let socket: Socket;
  try {
    socket = await openTcp(ip, target.port, timeoutMs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') return { reason: 'refused', detail: `connect ECONNREFUSED ${ip}:${target.port}` };
    return { reason: 'unreachable', detail: code === 'ETIMEDOUT' ? `no TCP answer from ${ip}:${target.port} within ${timeoutMs} ms` : `${code ?? 'connect failed'} ${ip}:${target.port}` };
  }
  if (!tls) {
    socket.destroy();
    return undefined;
  }
  const settings = typeof tls === 'object' ? tls : {};
  const servername = settings.serverNameOverride ?? (isIP(target.host) ? undefined : target.host);
  try {
    await handshake({
      socket,
      ...(servername ? { servername } : {}),
      ALPNProtocols: ['h2'],
      ...(settings.serverRootCACertificate ? { ca: Buffer.from(settings.serverRootCACertificate) } : {}),
      ...(settings.clientCertPair ? { cert: Buffer.from(settings.clientCertPair.crt), key: Buffer.from(settings.clientCertPair.key) } : {}),
    }, timeoutMs);
  } catch (err) {
    return { reason: 'tls', detail: tlsDetail(err) };
  } finally {
    socket.destroy();
  }
  return undefined;
}

/** An OpenSSL error in a line: its reason and code (`wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)`), not OpenSSL's file and line. */
function tlsDetail(err: unknown): string {
  const e = err as { reason?: unknown; code?: unknown; message?: unknown };
  const text = typeof e.reason === 'string' && e.reason ? e.reason : String(e.message ?? err).split('\n')[0]!;
  return typeof e.code === 'string' ? `${text} (${e.code})` : text;
}

function openTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function handshake(options: ConnectionOptions, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const secure = tlsConnect(options);
    const timer = setTimeout(() => {
      secure.destroy();
      reject(new Error(`no TLS handshake within ${timeoutMs} ms (the server may not speak TLS on this port)`));
    }, timeoutMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      secure.destroy();
      resolve();
    });
    secure.once('error', (err) => {
      clearTimeout(timer);
      secure.destroy();
      reject(err);
    });
  });
}

/**
 * The reason of a failed connection or call: a gRPC refusal read from `err` (grpcRefusalOf), else
 * what a probe of `address` finds, else `no-answer` with `err`'s message.
 */
export async function diagnoseConnectionFailure(err: unknown, address: string, tls: TlsSetting, opts: ProbeOptions = {}): Promise<ConnectionFailure> {
  return grpcRefusalOf(err) ?? (await probeTransport(address, tls, opts)) ?? { reason: 'no-answer', detail: (err as Error)?.message ?? String(err) };
}
