/**
 * The process configuration, read once from the environment and validated with zod. Errors name
 * the variable. Temporal's own variables (TEMPORAL_ADDRESS, …) are read by infra/temporal-connection.ts.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './paths';
import { openDocumentStore, type DocumentStore } from './storage';

const Env = z.object({
  SDP_DATA_DIR: z.string().min(1).optional(),
  SDP_ARTIFACTS_DIR: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .refine((s) => /^smtps?:\/\//.test(s), 'must start with smtp:// or smtps://, e.g. smtp://user:pass@mail.example.eu:587')
    .optional(),
  MAIL_FROM: z.string().min(3).default('"EU–Albania SDP Secretariat" <noreply@sdp-review.example.eu>'),
  MESSAGE_ID_DOMAIN: z.string().min(3).default('sdp-review.example.eu'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SDP_TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  SDP_TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: z.url({ message: 'must be a URL such as https://sdp-review.example.eu' }).optional(),
  SDP_STORAGE_URL: z
    .string()
    .refine((s) => /^(file:\/\/\/|s3:\/\/[^/]+)/.test(s), 'must be file:///absolute/path or s3://bucket/prefix')
    .optional(),
});

/** Resolved configuration; paths are absolute. */
export interface AppConfig {
  dataDir: string;
  artifactsDir: string;
  /**
   * The document store every worker and web server shares (SDP_STORAGE_URL: `file:///path` or
   * `s3://bucket/prefix`); undefined: the local folder `artifactsDir` (infra/storage/).
   */
  storageUrl?: string;
  smtpUrl?: string;
  mailFrom: { name: string; address: string };
  messageIdDomain: string;
  port: number;
  /** Ports of the embedded Temporal dev server and its UI (used only when TEMPORAL_ADDRESS is unset). */
  temporalPort: number;
  temporalUiPort: number;
  host: string;
  publicBaseUrl?: string;
}

/** Reads the configuration from `env` (default process.env). Throws an Error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = Env.safeParse(env);
  if (!result.success) {
    throw new Error(`Invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = result.data;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(p));
  const dataDir = abs(e.SDP_DATA_DIR ?? join(PROJECT_ROOT, 'data'));
  const from = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(e.MAIL_FROM);
  return {
    dataDir,
    artifactsDir: abs(e.SDP_ARTIFACTS_DIR ?? join(dataDir, 'artifacts')),
    storageUrl: e.SDP_STORAGE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: from ? { name: from[1]!.trim(), address: from[2]!.trim() } : { name: 'sdp-review', address: e.MAIL_FROM.trim() },
    messageIdDomain: e.MESSAGE_ID_DOMAIN,
    port: e.PORT,
    temporalPort: e.SDP_TEMPORAL_PORT,
    temporalUiPort: e.SDP_TEMPORAL_UI_PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
  };
}

/**
 * SDP_TEMPORAL_PORT alone (default 7233), validated by the same rule as in `loadConfig`: the
 * address of the embedded dev server, for a process that needs only Temporal's address and must not
 * fail on settings it does not use (the CLI). Throws an Error naming SDP_TEMPORAL_PORT when it is not a port.
 */
export function embeddedTemporalPort(env: NodeJS.ProcessEnv = process.env): number {
  const result = Env.shape.SDP_TEMPORAL_PORT.safeParse(env.SDP_TEMPORAL_PORT);
  if (!result.success) throw new Error(`Invalid environment: SDP_TEMPORAL_PORT: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}

/** The document store of `config`: SDP_STORAGE_URL, or the local folder `artifactsDir`. */
export function openStore(config: Pick<AppConfig, 'storageUrl' | 'artifactsDir'>, env: NodeJS.ProcessEnv = process.env): DocumentStore {
  return openDocumentStore(config.storageUrl, config.artifactsDir, env);
}
