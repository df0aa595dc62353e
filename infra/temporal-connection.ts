/**
 * Connections to Temporal, configured by the SDK's own conventions (@temporalio/envconfig):
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*, TEMPORAL_PROFILE and the
 * TOML config file. The same code runs against the dev server, a self-hosted cluster or Temporal Cloud.
 * Without an address from those, every process (worker, web server, CLI, stack) uses the embedded
 * dev server's, `127.0.0.1:$SDP_TEMPORAL_PORT`, so a CLI acts on the stack that `npm start` runs
 * with the same settings, never on another one.
 */
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import { embeddedTemporalPort } from './config';
import { diagnoseConnectionFailure, grpcRefusalOf, type ConnectionFailureReason } from './connection-failure';

export type { ConnectionFailureReason } from './connection-failure';

/** Where the address came from: a caller's override, TEMPORAL_ADDRESS, the envconfig profile (TOML), or SDP_TEMPORAL_PORT (set, or its default). */
export type AddressSource = 'override' | 'TEMPORAL_ADDRESS' | 'profile' | 'SDP_TEMPORAL_PORT';

/**
 * Address, namespace and connection options from `env` (default process.env) and the envconfig
 * profile: the address is `override.address`, else TEMPORAL_ADDRESS or the profile's, else
 * `127.0.0.1:<SDP_TEMPORAL_PORT>` (default 7233); the namespace defaults to `default`.
 * Throws an Error naming SDP_TEMPORAL_PORT when that is read and is not a port.
 */
export function temporalConfig(override: { address?: string } = {}, env: NodeJS.ProcessEnv = process.env) {
  const config = loadClientConnectConfig(env === process.env ? {} : { overrideEnvVars: definedOnly(env) });
  const configured = config.connectionOptions.address;
  const addressFrom: AddressSource = override.address ? 'override' : configured ? (env.TEMPORAL_ADDRESS ? 'TEMPORAL_ADDRESS' : 'profile') : 'SDP_TEMPORAL_PORT';
  const address = override.address ?? configured ?? `127.0.0.1:${embeddedTemporalPort(env)}`;
  return { ...config, namespace: config.namespace ?? 'default', address, addressFrom };
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Temporal could not be reached or refused us. `reason` says why (infra/connection-failure.ts:
 * DNS, refused, unreachable, TLS, API key, permission, no answer), `detail` in the underlying
 * error's words; `address`, `addressFrom` and `namespace` say what was tried. The message words it
 * all for a log; the CLI words it for people (cli/texts.ts).
 */
export class TemporalUnavailableError extends Error {
  override name = 'TemporalUnavailableError';
  constructor(
    readonly reason: ConnectionFailureReason,
    readonly detail: string,
    readonly target: { address: string; addressFrom: AddressSource; namespace: string },
    options?: { cause?: unknown },
  ) {
    super(`Cannot use Temporal at ${target.address} (namespace ${target.namespace}, address from ${target.addressFrom}): ${reason}: ${detail}`, options);
  }
}

/**
 * A TemporalUnavailableError when `err` (from any client call) is Temporal refusing the
 * credentials (UNAUTHENTICATED) or the namespace (PERMISSION_DENIED); otherwise undefined. For
 * callers that map failures of calls made after connecting (client/cycles.ts).
 */
export function refusedByTemporal(err: unknown, target: { address: string; addressFrom: AddressSource; namespace: string } = unknownTarget()): TemporalUnavailableError | undefined {
  const refusal = grpcRefusalOf(err);
  return refusal && new TemporalUnavailableError(refusal.reason, refusal.detail, target, { cause: err });
}

function unknownTarget() {
  try {
    const { address, addressFrom, namespace } = temporalConfig();
    return { address, addressFrom, namespace };
  } catch {
    return { address: '?', addressFrom: 'SDP_TEMPORAL_PORT' as const, namespace: '?' };
  }
}

/**
 * A client for sdp-review's workflows. Throws TemporalUnavailableError when the server cannot be
 * reached, or refuses the credentials, within `connectTimeoutMs` (default 5 000), with the reason
 * diagnosed (a few more seconds at most: see infra/connection-failure.ts).
 */
export async function connectClient(connectTimeoutMs = 5_000, override: { address?: string } = {}): Promise<{ client: Client; close: () => Promise<void> }> {
  const config = temporalConfig(override);
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...config.connectionOptions, address: config.address, connectTimeout: connectTimeoutMs });
  } catch (err) {
    const { reason, detail } = await diagnoseConnectionFailure(err, config.address, config.connectionOptions.tls);
    throw new TemporalUnavailableError(reason, detail, { address: config.address, addressFrom: config.addressFrom, namespace: config.namespace }, { cause: err });
  }
  return { client: new Client({ connection, namespace: config.namespace }), close: () => connection.close() };
}

/** A native connection for a worker, from the same configuration (`override.address` wins). */
export async function connectWorker(override: { address?: string } = {}): Promise<{ connection: NativeConnection; namespace: string }> {
  const config = temporalConfig(override);
  const connection = await NativeConnection.connect({ ...config.connectionOptions, address: config.address });
  return { connection, namespace: config.namespace };
}
