/**
 * What the demo (`npm run demo`, ./demo.ts) keeps of the environment. The demo runs on its own
 * embedded parts only — the dev server on port 7244, the SMTP capture, the artifacts folder in
 * `<data>/demo` — whatever the shell says: a TEMPORAL_ADDRESS, SMTP_URL or SDP_STORAGE_URL left
 * set for the real deployment would otherwise drive a whole demo cycle on the real cluster, mail
 * the real people of the seeds and write into the shared store.
 */

/**
 * The variables that point a process at outside parts: the store, the mail server, and Temporal's
 * connection (address, namespace, credentials, TLS, profile), which would also apply to the
 * embedded dev server. The Temporal binaries' own paths (TEMPORAL_CLI_PATH…) stay: they are how
 * the embedded server is found.
 */
const OUTSIDE = /^(?:SMTP_URL|SDP_STORAGE_URL|TEMPORAL_(?:ADDRESS|NAMESPACE|API_KEY|TLS.*|PROFILE|CONFIG_FILE|GRPC_META_.*|CODEC_.*))$/;

/**
 * `env` without the variables that point at outside parts (those set, even empty, are removed),
 * the names removed in order, and the one line to print when there are any (`undefined` when none).
 */
export function demoEnvironment(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; ignored: string[]; notice?: string } {
  const ignored = Object.keys(env).filter((name) => OUTSIDE.test(name)).sort();
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !OUTSIDE.test(name)));
  if (ignored.length === 0) return { env: kept, ignored };
  return { env: kept, ignored, notice: `demo: ignoring ${ignored.join(', ')}: the demo runs on its own embedded Temporal, mail capture and folder store only.` };
}
