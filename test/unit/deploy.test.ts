/**
 * The deployment descriptions in deploy/ — the Dockerfile, the staging compose file, the
 * Kubernetes manifests — checked without Docker or a cluster (neither runs where the tests run):
 * each parses; each sets only environment variables the product reads (infra/settings.ts) or the
 * third-party images document; each runs only commands package.json and the build provide; the
 * compose file and the manifests describe the same roles with the settings each role needs; the
 * manifests hold no secret but placeholders; the image runs as a non-root user with a HEALTHCHECK.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ReviewStageKey, ReviewYearKey } from '../../domain/messages';
import { type DeployedRole, SETTINGS, deploymentSettings, findSetting } from '../../infra/settings';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The entry points `npm run build` compiles into dist/ (scripts/build.ts), by output name. */
function buildEntryPoints(): string[] {
  const m = /const ENTRY_POINTS\s*=\s*\{([^}]*)\}/.exec(read('scripts/build.ts'));
  if (!m) throw new Error('scripts/build.ts: no `const ENTRY_POINTS = { … }` to read the entry points from');
  return [...m[1]!.matchAll(/(\w+)\s*:/g)].map((e) => e[1]!);
}

/**
 * Environment variables of the third-party images, each from its image's documentation; a
 * deployment file may set these on those images only.
 */
const THIRD_PARTY_ENV: Record<string, readonly string[]> = {
  // https://hub.docker.com/_/postgres
  postgres: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB', 'PGDATA'],
  // Temporal's server image (config template) and admin-tools (temporal-sql-tool, the temporal CLI).
  'temporalio/server': ['DB', 'DB_PORT', 'POSTGRES_SEEDS', 'POSTGRES_USER', 'POSTGRES_PWD', 'BIND_ON_IP', 'DYNAMIC_CONFIG_FILE_PATH'],
  'temporalio/admin-tools': ['POSTGRES_SEEDS', 'POSTGRES_USER', 'SQL_PASSWORD', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE'],
  'temporalio/ui': ['TEMPORAL_ADDRESS', 'TEMPORAL_DEFAULT_NAMESPACE', 'TEMPORAL_CORS_ORIGINS'],
  // versitygw's flags' environment variables (cmd/versitygw/main.go) and its image's entrypoint.
  'versity/versitygw': ['ROOT_ACCESS_KEY', 'ROOT_SECRET_KEY', 'VGW_BACKEND', 'VGW_BACKEND_ARG', 'VGW_PORT', 'VGW_HEALTH'],
  // The AWS CLI reads the AWS SDKs' variables (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html).
  'amazon/aws-cli': ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
  // https://mailpit.axllent.org/docs/configuration/runtime-options/
  'axllent/mailpit': ['MP_MAX_MESSAGES', 'MP_SMTP_AUTH_ACCEPT_ANY', 'MP_SMTP_AUTH_ALLOW_INSECURE'],
  caddy: [],
};

/** Variables only the manifests set, and why the compose file does not. */
const K8S_ONLY: Record<string, string> = {
  TEMPORAL_API_KEY: 'a cluster outside (Temporal Cloud) may need one; the staging server in compose needs none',
};

const imageRepo = (image: string) => image.replace(/[:@].*$/, '');

/** `host:port` → port. */
const portOf = (address: string) => Number(/:(\d+)$/.exec(address)?.[1]);

// ---------------------------------------------------------------------------------------------
// The Dockerfile, line by line.

interface Instruction { op: string; args: string; stage: number }

function parseDockerfile(text: string): { instructions: Instruction[]; stages: { name?: string; image: string }[]; args: Record<string, string> } {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (!current && (/^\s*#/.test(line) || line.trim() === '')) continue;
    if (current && /^\s*#/.test(line)) continue; // a comment inside a continued instruction
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${current}${line.trim()}`);
    current = '';
  }
  const args: Record<string, string> = {};
  const stages: { name?: string; image: string }[] = [];
  const instructions: Instruction[] = [];
  for (const line of logical) {
    const m = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`Dockerfile: cannot read "${line}"`);
    const op = m[1]!.toUpperCase();
    const rest = m[2]!;
    if (op === 'ARG' && stages.length === 0) {
      const [k, v] = rest.split('=');
      args[k!] = v ?? '';
    }
    if (op === 'FROM') {
      const f = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest)!;
      const image = f[1]!.replace(/\$\{(\w+)\}/g, (_s, name: string) => args[name] ?? '');
      stages.push({ image, name: f[2] });
    }
    instructions.push({ op, args: rest, stage: stages.length - 1 });
  }
  return { instructions, stages, args };
}

function envPairs(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S+)/g)) out[m[1]!] = m[2]!.replace(/^"|"$/g, '');
  return out;
}

const dockerfile = parseDockerfile(read('deploy/Dockerfile'));
const finalStage = dockerfile.stages.length - 1;
const inFinal = (op: string) => dockerfile.instructions.filter((i) => i.stage === finalStage && i.op === op);
/** The environment the image gives every container. */
const imageEnv: Record<string, string> = Object.assign({}, ...inFinal('ENV').map((i) => envPairs(i.args)));

// ---------------------------------------------------------------------------------------------
// Commands.

const entryPoints = buildEntryPoints();

/** A package.json script's command, without the `exec` that makes npm's shell give way to it. */
const scriptCommands = Object.values(packageJson.scripts).map((c) => c.replace(/^exec\s+/, ''));

/**
 * What a command runs: `node … dist/<entry>.js` runs the entry (`role`, '' for any other command); `problems` says why the
 * command is wrong — a file the build does not emit, a command no package.json script runs, an
 * `npm run X` with no script X.
 */
function commandOf(argv: readonly string[], where: string): { role: string; problems: string[] } {
  const problems: string[] = [];
  if (argv[0] === 'npm' && argv[1] === 'run') {
    if (!(argv[2]! in packageJson.scripts)) problems.push(`${where}: npm run ${argv[2]}: no such script`);
    return { role: '', problems };
  }
  if (argv[0] !== 'node') return { role: '', problems };
  const file = argv.find((a) => a.startsWith('dist/'));
  const role = /^dist\/(\w+)\.js$/.exec(file ?? '')?.[1];
  if (!role) return { role: '', problems: [`${where}: ${argv.join(' ')} runs no compiled entry point`] };
  if (!entryPoints.includes(role)) problems.push(`${where}: dist/${role}.js is not built by scripts/build.ts`);
  const command = argv.slice(0, argv.indexOf(file!) + 1).join(' ');
  if (!scriptCommands.includes(command)) problems.push(`${where}: "${command}" is not a package.json script's command`);
  return { role, problems };
}

/** `npm run X` inside a shell command line. */
function checkShellCommand(line: string, where: string): void {
  for (const m of line.matchAll(/\bnpm run (\S+)/g)) expect(Object.keys(packageJson.scripts), `${where}: npm run ${m[1]}`).toContain(m[1]);
}

// ---------------------------------------------------------------------------------------------
// Settings of the product's containers.

/** Checks that a product container of `role` sets only settings that role reads. */
function checkProductEnv(names: Iterable<string>, role: string, where: string): void {
  for (const name of names) {
    const setting = findSetting(name);
    expect(setting, `${where}: ${name} is not a setting of sdp-review (infra/settings.ts)`).toBeDefined();
    expect(setting!.readBy as readonly string[], `${where}: ${name} is not read by the ${role}`).toContain(role);
  }
}

/** Checks that a container of a deployed role gets every setting the registry says it needs. */
function checkRequiredEnv(names: Set<string>, role: DeployedRole, where: string): void {
  const all = new Set([...names, ...Object.keys(imageEnv)]);
  const missing = deploymentSettings(role).filter((s) => !all.has(s.name)).map((s) => s.name);
  expect(missing, `${where}: the ${role} needs these settings`).toEqual([]);
}

function checkThirdPartyEnv(image: string, names: Iterable<string>, where: string): void {
  const repo = imageRepo(image);
  expect(Object.keys(THIRD_PARTY_ENV), `${where}: ${image} is not a known image: add it and its documented variables to THIRD_PARTY_ENV`).toContain(repo);
  for (const name of names) expect(THIRD_PARTY_ENV[repo], `${where}: ${name} is not a documented variable of ${repo}`).toContain(name);
}

// ---------------------------------------------------------------------------------------------
// The compose file.

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  volumes?: (string | { source?: string })[];
  ports?: (string | number)[];
  profiles?: string[];
}

const composeText = read('deploy/compose.yaml');
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };

function composeEnv(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((e) => [e.split('=')[0]!, e.split('=').slice(1).join('=')]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? '')]));
}

const argv = (c?: string[] | string) => (c === undefined ? [] : Array.isArray(c) ? c.map(String) : c.split(/\s+/));
const isProduct = (s: ComposeService) => s.build?.dockerfile === 'deploy/Dockerfile' || (s.image ?? '').startsWith('sdp-review');
const composeRoles = Object.entries(compose.services)
  .filter(([, s]) => isProduct(s))
  .map(([name, s]) => ({ name, service: s, ...commandOf([...argv(s.entrypoint), ...argv(s.command)], `compose ${name}`) }));
const composeServicesOf = (role: string) => composeRoles.filter((r) => r.role === role);
/** Published host port of a service's container port. */
function publishedPort(service: ComposeService, containerPort: number): number | undefined {
  for (const p of service.ports ?? []) {
    const [host, container] = String(p).split(':').slice(-2);
    if (Number(container) === containerPort) return Number(host);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The Kubernetes manifests.

interface K8sObject { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: unknown }
interface EnvVar { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string } } }
interface Probe { httpGet?: { path: string; port: string | number }; tcpSocket?: { port: string | number } }
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: { cpu?: string; memory?: string } };
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec { securityContext?: { runAsNonRoot?: boolean; runAsUser?: number }; containers: Container[]; volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[] }
interface Deployment extends K8sObject { spec: { replicas?: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec } } }

const k8sFiles = readdirSync(join(DEPLOY, 'k8s')).filter((n) => /\.ya?ml$/.test(n));
const k8sObjects: K8sObject[] = k8sFiles.flatMap((file) =>
  parseAllDocuments(read(`deploy/k8s/${file}`)).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`deploy/k8s/${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS() as K8sObject;
  }),
);
const ofKind = <T extends K8sObject>(kind: string) => k8sObjects.filter((o) => o.kind === kind) as T[];
const configMaps = ofKind<K8sObject & { data?: Record<string, string> }>('ConfigMap');
const secrets = ofKind<K8sObject & { stringData?: Record<string, string>; data?: Record<string, string> }>('Secret');
const deployments = ofKind<Deployment>('Deployment');
const k8sRoles = deployments.flatMap((d) =>
  d.spec.template.spec.containers
    .filter((c) => c.image.includes('sdp-review'))
    .map((c) => ({ deployment: d, container: c, ...commandOf([...(c.command ?? []), ...(c.args ?? [])], `k8s ${d.metadata.name}/${c.name}`) })),
);
const k8sContainersOf = (role: string) => k8sRoles.filter((r) => r.role === role);

/** The environment a container gets: its env, and the keys of the ConfigMaps and Secrets it takes whole. */
function k8sEnv(c: Container): { names: Set<string>; literal: Record<string, string>; fromSecret: Set<string>; fromConfigMap: Set<string> } {
  const literal: Record<string, string> = {};
  const fromSecret = new Set<string>();
  const fromConfigMap = new Set<string>();
  for (const e of c.env ?? []) {
    if (e.valueFrom?.secretKeyRef) fromSecret.add(e.name);
    else if (e.valueFrom?.configMapKeyRef) fromConfigMap.add(e.name);
    else literal[e.name] = String(e.value ?? '');
  }
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef) {
      const cm = configMaps.find((m) => m.metadata.name === from.configMapRef!.name);
      expect(cm, `envFrom ConfigMap ${from.configMapRef.name}`).toBeDefined();
      for (const [k, v] of Object.entries(cm!.data ?? {})) {
        fromConfigMap.add(k);
        literal[k] = String(v);
      }
    }
    if (from.secretRef) {
      const s = secrets.find((m) => m.metadata.name === from.secretRef!.name);
      expect(s, `envFrom Secret ${from.secretRef.name}`).toBeDefined();
      for (const k of Object.keys({ ...s!.stringData, ...s!.data })) fromSecret.add(k);
    }
  }
  return { names: new Set([...Object.keys(literal), ...fromSecret, ...fromConfigMap]), literal, fromSecret, fromConfigMap };
}

/** The port a probe or a Service names, as a number. */
function containerPort(c: Container, port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

/** The port each role answers /healthz on, per the image's defaults and the container's own env. */
function healthPort(role: string, env: Record<string, string>): number {
  const all = { ...imageEnv, ...env };
  return role === 'worker' ? portOf(all.WORKER_HEALTH_ADDRESS!) : Number(all.PORT);
}

// ---------------------------------------------------------------------------------------------

describe('deploy/Dockerfile', () => {
  it('builds in stages from a glibc-based Node 24 image', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const s of dockerfile.stages) {
      expect(s.image, 'the Temporal SDK\'s native bridge needs glibc').not.toMatch(/alpine/);
      expect(s.image).toMatch(/^node:24[.-]/);
    }
    expect(dockerfile.stages[finalStage]!.image).toMatch(/^node:24[.\w-]*-(bookworm|trixie)-slim$/);
  });

  it('runs npm ci and the build, and ships the build with production dependencies only', () => {
    const runs = dockerfile.instructions.filter((i) => i.op === 'RUN');
    for (const r of runs) checkShellCommand(r.args, `Dockerfile RUN ${r.args}`);
    const buildStage = runs.find((r) => /\bnpm run build\b/.test(r.args))?.stage;
    expect(buildStage, 'a stage runs npm run build').toBeDefined();
    expect(runs.some((r) => r.stage === buildStage && /\bnpm ci\b/.test(r.args))).toBe(true);
    const prodStage = runs.find((r) => /\bnpm ci\b.*--omit=dev/.test(r.args))?.stage;
    expect(prodStage, 'a stage installs production dependencies only').toBeDefined();
    const copies = inFinal('COPY').map((c) => c.args);
    const stageRef = (i: number) => dockerfile.stages[i]!.name ?? String(i);
    expect(copies).toContainEqual(expect.stringMatching(new RegExp(`--from=${stageRef(prodStage!)}\\s+\\S*node_modules`)));
    expect(copies).toContainEqual(expect.stringMatching(new RegExp(`--from=${stageRef(buildStage!)}\\s+\\S*dist`)));
    expect(runs.filter((r) => r.stage === finalStage).map((r) => r.args).join('\n'), 'the runtime stage installs nothing').not.toMatch(/npm (ci|install)/);
    expect(copies, 'the seeds, which the worker reads at run time').toContainEqual(expect.stringMatching(/^seeds\s/));
  });

  it('sets only settings the product reads', () => {
    expect(Object.keys(imageEnv).length).toBeGreaterThan(0);
    for (const name of Object.keys(imageEnv)) {
      if (name === 'NODE_ENV') continue; // Node's own convention, for the libraries
      const s = findSetting(name);
      expect(s, `${name} is not a setting of sdp-review`).toBeDefined();
      expect(s!.readBy.some((r) => r === 'worker' || r === 'web'), `${name} is read by neither the worker nor the web server`).toBe(true);
    }
  });

  it('runs as a non-root user, with the data folder as a volume', () => {
    const users = inFinal('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
    const cmdIndex = dockerfile.instructions.findIndex((i) => i.stage === finalStage && i.op === 'CMD');
    expect(dockerfile.instructions.indexOf(users.at(-1)!)).toBeLessThan(cmdIndex);
    const volumes = inFinal('VOLUME').flatMap((v) => (v.args.startsWith('[') ? (JSON.parse(v.args) as string[]) : v.args.split(/\s+/)));
    expect(volumes).toContain(imageEnv.SDP_DATA_DIR);
  });

  it('has a HEALTHCHECK against /readyz on the web server\'s port (not /healthz: a stuck cycle or an SMTP outage must not take the pages down)', () => {
    const checks = inFinal('HEALTHCHECK');
    expect(checks).toHaveLength(1);
    expect(checks[0]!.args).toMatch(/\/readyz/);
    expect(checks[0]!.args).toMatch(/process\.env\.PORT \|\| 3000|:3000\//);
    expect(inFinal('EXPOSE').flatMap((e) => e.args.split(/\s+/)).map(Number)).toEqual(
      expect.arrayContaining([Number(imageEnv.PORT), portOf(imageEnv.METRICS_ADDRESS!), portOf(imageEnv.WORKER_HEALTH_ADDRESS!)]),
    );
  });

  it('starts a compiled entry point with node, as its package.json script does', () => {
    const cmd = inFinal('CMD');
    expect(cmd).toHaveLength(1);
    expect(commandOf(JSON.parse(cmd[0]!.args) as string[], 'Dockerfile CMD')).toEqual({ role: 'web', problems: [] });
  });

  it('has a .dockerignore that keeps the data folder and local builds out of the context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'data', 'dist', '.tools', '.git']) expect(ignored, entry).toContain(entry);
    // …but not what the build compiles or the image ships.
    const needed = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts', 'seeds', 'domain', 'infra', 'workflows', 'activities', 'links', 'client', 'cli', 'web', 'run'];
    expect(needed.filter((n) => ignored.includes(n) || ignored.includes(`${n}/`) || ignored.includes(`/${n}`))).toEqual([]);
  });
});

describe('deploy/compose.yaml', () => {
  it('runs two workers and two web servers from the image', () => {
    expect(composeServicesOf('worker').length).toBe(2);
    expect(composeServicesOf('web').length).toBe(2);
    for (const { name, service } of composeRoles) expect(service.build?.dockerfile, name).toBe('deploy/Dockerfile');
  });

  it('runs compiled entry points as package.json\'s scripts do', () => {
    expect(composeRoles.flatMap((r) => r.problems)).toEqual([]);
    for (const [name, service] of Object.entries(compose.services)) {
      if (!isProduct(service)) continue;
      for (const c of [service.command, service.entrypoint]) if (typeof c === 'string') checkShellCommand(c, `compose ${name}`);
    }
  });

  it('has Temporal on PostgreSQL, its UI, an S3-compatible store, an SMTP relay and a reverse proxy', () => {
    const images = Object.values(compose.services).map((s) => imageRepo(s.image ?? ''));
    for (const image of ['postgres', 'temporalio/server', 'temporalio/admin-tools', 'temporalio/ui', 'versity/versitygw', 'axllent/mailpit', 'caddy']) expect(images).toContain(image);
    expect(images.some((i) => /minio|garage/i.test(i)), 'AGPL stores are not wanted').toBe(false);
  });

  it('sets on each service only variables its program reads', () => {
    for (const { name, service, role } of composeRoles) checkProductEnv(Object.keys(composeEnv(service)), role, `compose ${name}`);
    for (const [name, service] of Object.entries(compose.services)) {
      if (!isProduct(service)) checkThirdPartyEnv(service.image!, Object.keys(composeEnv(service)), `compose ${name}`);
    }
  });

  it('gives each worker and web server the settings its role needs, secrets from the operator\'s environment', () => {
    for (const role of ['worker', 'web'] as const) {
      for (const { name, service } of composeServicesOf(role)) {
        const env = composeEnv(service);
        checkRequiredEnv(new Set(Object.keys(env)), role, `compose ${name}`);
        for (const [k, v] of Object.entries(env)) {
          if (findSetting(k)?.secret) expect(v, `compose ${name}: ${k} comes from \${${k}…}`).toMatch(new RegExp(`^\\$\\{${k}(:?[-?][^}]*)?\\}$`));
        }
      }
    }
  });

  it('points every program at the same Temporal namespace, mail relay, store and public address', () => {
    const envs = composeRoles.map((r) => composeEnv(r.service));
    const one = (key: string) => {
      const values = new Set(envs.map((e) => e[key]).filter((v) => v !== undefined));
      expect(values.size, key).toBe(1);
      return [...values][0]!;
    };
    const address = one('TEMPORAL_ADDRESS');
    const namespace = one('TEMPORAL_NAMESPACE');
    expect(compose.services[address.split(':')[0]!]?.image).toMatch(/^temporalio\/server:/);
    const smtp = /\/\/(?:[^@/]*@)?([^:/]+)/.exec(one('SMTP_URL').replace(/^\$\{SMTP_URL:-(.*)\}$/, '$1'))![1]!;
    expect(imageRepo(compose.services[smtp]?.image ?? '')).toBe('axllent/mailpit');
    const proxy = Object.values(compose.services).find((s) => imageRepo(s.image ?? '') === 'caddy')!;
    expect(one('PUBLIC_BASE_URL')).toBe(`http://localhost:${publishedPort(proxy, 80)}`);
    const ui = Object.values(compose.services).find((s) => imageRepo(s.image ?? '') === 'temporalio/ui')!;
    expect(composeEnv(composeServicesOf('web')[0]!.service).TEMPORAL_UI_URL).toBe(`http://localhost:${publishedPort(ui, 8080)}`);
    expect(composeEnv(ui).TEMPORAL_DEFAULT_NAMESPACE).toBe(namespace);
    const store = new URL(one('AWS_ENDPOINT_URL_S3'));
    expect(imageRepo(compose.services[store.hostname]?.image ?? '')).toBe('versity/versitygw');
    const bucket = new URL(one('SDP_STORAGE_URL')).hostname;
    const bucketJob = Object.values(compose.services).find((s) => imageRepo(s.image ?? '') === 'amazon/aws-cli');
    expect(argv(bucketJob?.command).join(' '), 'a one-shot job creates the bucket').toContain(`--bucket ${bucket}`);
  });

  it('registers the search attributes in that namespace with a one-shot admin-tools job', () => {
    const [jobName, job] = Object.entries(compose.services).find(([, s]) => argv(s.command).some((a) => a.includes('namespace.sh')))!;
    expect(imageRepo(job.image!), jobName).toBe('temporalio/admin-tools');
    expect(composeEnv(job).TEMPORAL_NAMESPACE).toBe(composeEnv(composeRoles[0]!.service).TEMPORAL_NAMESPACE);
    expect(argv(job.command)[1], 'the retention').toMatch(/^\d+h$/);
    for (const { service } of composeRoles) {
      expect((service as { depends_on?: Record<string, { condition: string }> }).depends_on?.[jobName]?.condition).toBe('service_completed_successfully');
    }
    const script = read('deploy/temporal/namespace.sh');
    const typeName: Record<string, string> = { INT: 'Int', KEYWORD: 'Keyword' };
    for (const key of [ReviewYearKey, ReviewStageKey]) expect(script).toMatch(new RegExp(`^register ${key.name} ${typeName[key.type]}$`, 'm'));
  });

  it('puts both web servers behind the proxy, and checks each worker on its own health endpoint', () => {
    const proxy = Object.values(compose.services).find((s) => imageRepo(s.image ?? '') === 'caddy')!;
    const mount = (proxy.volumes ?? []).map(String).find((v) => v.includes('Caddyfile'))!;
    const caddyfile = readFileSync(join(DEPLOY, mount.split(':')[0]!), 'utf8');
    for (const { name, service } of composeServicesOf('web')) expect(caddyfile).toContain(`${name}:${healthPort('web', composeEnv(service))}`);
    for (const { name, service } of composeServicesOf('worker')) {
      const test = argv(service.healthcheck?.test).join(' ');
      expect(test, name).toContain(`:${healthPort('worker', composeEnv(service))}/healthz`);
    }
  });

  it('mounts only files that exist', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const v of service.volumes ?? []) {
        const source = String(typeof v === 'string' ? v.split(':')[0] : v.source);
        if (source.startsWith('.')) expect(existsSync(join(DEPLOY, source)), `compose ${name}: ${source}`).toBe(true);
      }
    }
  });
});

describe('deploy/k8s', () => {
  it('parses, and leaves the namespace to kubectl -n', () => {
    expect(k8sFiles.length).toBeGreaterThan(0);
    for (const o of k8sObjects) {
      expect(o.apiVersion, o.metadata?.name).toBeTruthy();
      expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBeUndefined();
    }
  });

  it('runs compiled entry points as package.json\'s scripts do', () => {
    expect(k8sRoles.length).toBeGreaterThan(0);
    expect(k8sRoles.flatMap((r) => r.problems)).toEqual([]);
  });

  it('has a worker Deployment with two replicas, and a web Deployment behind a Service', () => {
    const [worker] = k8sContainersOf('worker');
    expect(worker).toBeDefined();
    expect(worker!.deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const [web] = k8sContainersOf('web');
    expect(web).toBeDefined();
    const services = ofKind<K8sObject & { spec: { selector: Record<string, string>; ports: { targetPort: string | number }[] } }>('Service');
    const service = services.find((s) => Object.entries(s.spec.selector).every(([k, v]) => web!.deployment.spec.template.metadata.labels[k] === v));
    expect(service, 'a Service selects the web pods').toBeDefined();
    expect(service!.spec.ports.map((p) => containerPort(web!.container, p.targetPort))).toContain(healthPort('web', k8sEnv(web!.container).literal));
    for (const { deployment } of k8sRoles) {
      expect(Object.entries(deployment.spec.selector.matchLabels).every(([k, v]) => deployment.spec.template.metadata.labels[k] === v), deployment.metadata.name).toBe(true);
    }
  });

  it('sets on each container only settings its role reads, and every one it needs', () => {
    for (const { deployment, container, role } of k8sRoles) {
      const where = `k8s ${deployment.metadata.name}`;
      const { names } = k8sEnv(container);
      checkProductEnv(names, role, where);
      if (role === 'worker' || role === 'web') checkRequiredEnv(names, role, where);
    }
  });

  it('takes every secret from a Secret, and the Secrets hold placeholders only', () => {
    for (const { deployment, container } of k8sRoles) {
      const { names, fromSecret } = k8sEnv(container);
      for (const name of names) if (findSetting(name)?.secret) expect(fromSecret.has(name), `${deployment.metadata.name}: ${name} from a Secret`).toBe(true);
      for (const e of container.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const secret = secrets.find((s) => s.metadata.name === ref.name);
        expect(secret, `${deployment.metadata.name}: Secret ${ref.name}`).toBeDefined();
        expect(Object.keys(secret!.stringData ?? {}), `Secret ${ref.name}`).toContain(ref.key);
      }
    }
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const s of secrets) {
      expect(s.data, `Secret ${s.metadata.name}: stringData with placeholders, no base64 data`).toBeUndefined();
      for (const [k, v] of Object.entries(s.stringData ?? {})) {
        expect(v, `Secret ${s.metadata.name}: ${k}`).toBe('<replace>');
        expect(findSetting(k), `Secret ${s.metadata.name}: ${k} is a setting`).toBeDefined();
      }
    }
    // Nothing that looks like a credential anywhere else: no user:password in a URL.
    for (const o of k8sObjects.filter((x) => x.kind !== 'Secret')) expect(JSON.stringify(o), `${o.kind} ${o.metadata.name}`).not.toMatch(/:\/\/[^/@"\s]+:[^/@"\s]+@/);
  });

  it('probes each container: liveness, and readiness on the web\'s /readyz and the worker\'s /healthz', () => {
    for (const { deployment, container, role } of k8sRoles) {
      const where = `${deployment.metadata.name}/${container.name}`;
      expect(container.livenessProbe, where).toBeDefined();
      const ready = container.readinessProbe?.httpGet;
      expect(ready?.path, where).toBe(role === 'web' ? '/readyz' : '/healthz');
      expect(containerPort(container, ready?.port), where).toBe(healthPort(role, k8sEnv(container).literal));
      const live = container.livenessProbe!.httpGet ?? container.livenessProbe!.tcpSocket;
      expect(containerPort(container, live?.port), where).toBe(healthPort(role, k8sEnv(container).literal));
    }
  });

  it('has Prometheus scrape the worker\'s metrics port', () => {
    for (const { deployment, container } of k8sContainersOf('worker')) {
      const annotations = deployment.spec.template.metadata.annotations ?? {};
      const port = portOf({ ...imageEnv, ...k8sEnv(container).literal }.METRICS_ADDRESS!);
      expect(annotations['prometheus.io/scrape']).toBe('true');
      expect(Number(annotations['prometheus.io/port'])).toBe(port);
      expect(annotations['prometheus.io/path'] ?? '/metrics').toBe('/metrics');
      expect(container.ports?.map((p) => p.containerPort)).toContain(port);
    }
  });

  it('requests resources and runs as non-root without privilege escalation', () => {
    for (const { deployment, container } of k8sRoles) {
      const where = `${deployment.metadata.name}/${container.name}`;
      expect(container.resources?.requests?.cpu, where).toBeTruthy();
      expect(container.resources?.requests?.memory, where).toBeTruthy();
      const pod = deployment.spec.template.spec.securityContext ?? {};
      expect(container.securityContext?.runAsNonRoot ?? pod.runAsNonRoot, where).toBe(true);
      expect(container.securityContext?.runAsUser ?? pod.runAsUser, where).not.toBe(0);
      expect(container.securityContext?.allowPrivilegeEscalation, where).toBe(false);
    }
  });

  it('mounts the data folder from a claim the manifests define', () => {
    const claims = ofKind('PersistentVolumeClaim').map((c) => c.metadata.name);
    for (const { deployment, container } of k8sRoles) {
      const mount = container.volumeMounts?.find((m) => m.mountPath === imageEnv.SDP_DATA_DIR);
      expect(mount, `${deployment.metadata.name}: ${imageEnv.SDP_DATA_DIR}`).toBeDefined();
      const volume = deployment.spec.template.spec.volumes?.find((v) => v.name === mount!.name);
      expect(claims).toContain(volume?.persistentVolumeClaim?.claimName);
    }
  });
});

describe('compose and Kubernetes', () => {
  it('describe the same roles with the same settings', () => {
    const deployed = (roles: { role: string }[]) => [...new Set(roles.map((r) => r.role).filter((r) => r === 'worker' || r === 'web'))].sort();
    expect(deployed(composeRoles)).toEqual(['web', 'worker']);
    expect(deployed(k8sRoles)).toEqual(['web', 'worker']);
    for (const role of ['worker', 'web']) {
      const inCompose = new Set(composeServicesOf(role).flatMap((s) => Object.keys(composeEnv(s.service))));
      const inK8s = new Set(k8sContainersOf(role).flatMap((c) => [...k8sEnv(c.container).names]));
      const onlyK8s = [...inK8s].filter((n) => !inCompose.has(n) && !(n in K8S_ONLY));
      const onlyCompose = [...inCompose].filter((n) => !inK8s.has(n));
      expect({ role, onlyK8s, onlyCompose }).toEqual({ role, onlyK8s: [], onlyCompose: [] });
    }
  });

  it('use settings that are in the registry only (no stale names)', () => {
    const all = [...composeRoles.flatMap((r) => Object.keys(composeEnv(r.service))), ...k8sRoles.flatMap((r) => [...k8sEnv(r.container).names]), ...Object.keys(imageEnv)];
    expect(all.filter((n) => n !== 'NODE_ENV' && !SETTINGS.some((s) => s.name === n))).toEqual([]);
  });

  it('use the yaml parser the project depends on', () => {
    expect(packageJson.devDependencies.yaml).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
