/**
 * The process configuration, read once from the environment and validated with zod. Errors name
 * the variable. Temporal's own variables (TEMPORAL_ADDRESS, …) are read by infra/temporal-connection.ts.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './paths';

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
});

/** Resolved configuration; paths are absolute. */
export interface AppConfig {
  dataDir: string;
  artifactsDir: string;
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
