/**
 * Connections to Temporal, configured by the SDK's own conventions (@temporalio/envconfig):
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*, TEMPORAL_PROFILE and the
 * TOML config file. The same code runs against the dev server, a self-hosted cluster or Temporal Cloud.
 */
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';

/** Address, namespace and connection options from the environment (default localhost:7233, `default`). */
export function temporalConfig(override: { address?: string } = {}) {
  const config = loadClientConnectConfig();
  return { ...config, namespace: config.namespace ?? 'default', address: override.address ?? config.connectionOptions.address ?? 'localhost:7233' };
}

/** Temporal could not be reached (wrong address, server down, TLS refused). */
export class TemporalUnavailableError extends Error {
  override name = 'TemporalUnavailableError';
}

/**
 * A client for sdp-review's workflows. Throws TemporalUnavailableError when the server cannot be
 * reached within `connectTimeoutMs` (default 5 000), naming the address.
 */
export async function connectClient(connectTimeoutMs = 5_000, override: { address?: string } = {}): Promise<{ client: Client; close: () => Promise<void> }> {
  const config = temporalConfig(override);
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...config.connectionOptions, address: config.address, connectTimeout: connectTimeoutMs });
  } catch (err) {
    throw new TemporalUnavailableError(`Cannot reach Temporal at ${config.address} (namespace ${config.namespace}): ${(err as Error).message}. Is \`npm start\` running, or TEMPORAL_ADDRESS set?`);
  }
  return { client: new Client({ connection, namespace: config.namespace }), close: () => connection.close() };
}

/** A native connection for a worker, from the same configuration (`override.address` wins). */
export async function connectWorker(override: { address?: string } = {}): Promise<{ connection: NativeConnection; namespace: string }> {
  const config = temporalConfig(override);
  const connection = await NativeConnection.connect({ ...config.connectionOptions, address: config.address });
  return { connection, namespace: config.namespace };
}
