/**
 * The CLI's link to Temporal. Connects with the SDK's configuration conventions
 * (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API key; see README) and closes in `finally`, so a
 * command never leaves a connection open.
 */
import type { Client } from '@temporalio/client';
import { connectClient } from '../infra/temporal-connection';

/** Runs `fn` with a connected client and closes it, whatever happens. */
export async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const { client, close } = await connectClient();
  try {
    return await fn(client);
  } finally {
    await close();
  }
}
