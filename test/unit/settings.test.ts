/**
 * One source of truth for settings: every environment variable the code reads is in the registry
 * (infra/settings.ts), every entry of the registry is still read, Temporal's own variables are the
 * ones @temporalio/envconfig reads, and the README's table is the registry's. Reads the sources
 * as text; runs no product code but the registry.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS, findSetting } from '../../infra/settings';
import { settingsTable } from '../../infra/settings-table';
import { SETTINGS_BEGIN, SETTINGS_END, settingsBlock } from '../../scripts/settings-markers';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Folders whose code runs in the product's processes or in `npm install` (tests and benches are not the product). */
const CODE_FOLDERS = ['domain', 'infra', 'seeds', 'workflows', 'activities', 'links', 'client', 'cli', 'web', 'run', 'bin', 'scripts'];

/** Variables of the operating system itself, read to find binaries: not settings of the product. */
const OS_VARIABLES = new Set(['PATH']);

/**
 * Files that read a variable whose name is computed (`process.env[name]`, `env[name]`), with the names they
 * compute: each must appear in the file as a string literal.
 */
const COMPUTED_READS: Record<string, readonly string[]> = {
  'infra/temporal-binaries.ts': ['TEMPORAL_CLI_PATH', 'TEMPORAL_TEST_SERVER_PATH', 'VERSITYGW_PATH'],
  'scripts/install-temporal.mjs': ['TEMPORAL_CLI_PATH', 'TEMPORAL_TEST_SERVER_PATH', 'VERSITYGW_PATH'],
  'run/web.ts': ['PUBLIC_BASE_URL', 'SDP_LINK_SECRET'],
};

function sources(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Read { name: string; file: string }

/** The variables a file reads: `process.env.X`, `env.X`, `env['X']` (any object named env), and the keys of a zod object of env names. */
function readsOf(file: string, text: string): { reads: Read[]; computed: boolean; destructured: boolean } {
  const reads: Read[] = [];
  const add = (name: string) => reads.push({ name, file });
  for (const m of text.matchAll(/\b(?:process\.)?env\??\.([A-Z][A-Z0-9_]*)\b/g)) add(m[1]!);
  for (const m of text.matchAll(/\b(?:process\.)?env\??\.?\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g)) add(m[1]!);
  // infra/config.ts validates the environment as a zod object: its upper-case keys are variables.
  for (const m of text.matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):\s*z\b/gm)) add(m[1]!);
  const computed = /\b(?:process\.)?env\??\.?\[\s*(?!['"`])/.test(text);
  const destructured = /\}\s*=\s*process\.env\b/.test(text);
  return { reads, computed, destructured };
}

const files = CODE_FOLDERS.flatMap((folder) => sources(join(ROOT, folder)));
const scanned = files.map((path) => {
  const file = relative(ROOT, path);
  const text = readFileSync(path, 'utf8');
  return { file, text, ...readsOf(file, text) };
});
const reads = [
  ...scanned.flatMap((s) => s.reads),
  ...Object.entries(COMPUTED_READS).flatMap(([file, names]) => names.map((name) => ({ name, file }))),
].filter((r) => !OS_VARIABLES.has(r.name));

/** What @temporalio/envconfig reads from the environment, from its compiled source. */
function envconfigReads(): { names: string[]; prefixes: string[] } {
  const dir = join(ROOT, 'node_modules', '@temporalio', 'envconfig', 'lib');
  const text = readdirSync(dir)
    .filter((n) => n.endsWith('.js'))
    .map((n) => readFileSync(join(dir, n), 'utf8'))
    .join('\n');
  const names = [...new Set([...text.matchAll(/envProvider\[\s*'(TEMPORAL_[A-Z0-9_]+)'\s*\]/g)].map((m) => m[1]!))];
  const prefixes = [...new Set([...text.matchAll(/PREFIX\s*=\s*'(TEMPORAL_[A-Z0-9_]+_)'/g)].map((m) => m[1]!))];
  return { names, prefixes };
}

/** Whether the AWS SDK (the S3 client and its credential chain) reads `name`, from its compiled source. */
function awsSdkReads(name: string): boolean {
  const files = ['@aws-sdk', '@smithy'].flatMap((scope) => sources(join(ROOT, 'node_modules', scope)).filter((f) => f.includes('/dist-cjs/')));
  return files.some((f) => {
    const text = readFileSync(f, 'utf8');
    return text.includes(`"${name}"`) || text.includes(`'${name}'`);
  });
}

describe('the settings registry', () => {
  it('scans the code', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(reads.length).toBeGreaterThan(20);
  });

  it('lists each variable once, with a meaning, a default and who reads it', () => {
    const names = SETTINGS.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    for (const s of SETTINGS) {
      expect(s.name, s.name).toMatch(/^[A-Z][A-Z0-9_]*\*?$/);
      expect(s.meaning.length, s.name).toBeGreaterThan(10);
      expect(s.default.length, s.name).toBeGreaterThan(0);
      expect(s.readBy.length, s.name).toBeGreaterThan(0);
    }
  });

  it('has every variable the code reads', () => {
    const missing = reads.filter((r) => !findSetting(r.name)).map((r) => `${r.name} (read in ${r.file})`);
    expect([...new Set(missing)], 'add these to infra/settings.ts').toEqual([]);
  });

  it('has every variable that @temporalio/envconfig reads', () => {
    const { names, prefixes } = envconfigReads();
    expect(names).toContain('TEMPORAL_ADDRESS');
    expect(prefixes).toEqual(['TEMPORAL_GRPC_META_']);
    expect(names.filter((n) => findSetting(n)?.owner !== 'temporal'), 'add these to infra/settings.ts as Temporal\'s').toEqual([]);
    for (const p of prefixes) expect(SETTINGS.some((s) => s.name === `${p}*`), `${p}*`).toBe(true);
  });

  it('has no stale entry: each is read by the code, @temporalio/envconfig or the AWS SDK', () => {
    const { names, prefixes } = envconfigReads();
    const read = new Set([...reads.map((r) => r.name), ...names, ...prefixes.map((p) => `${p}*`)]);
    const stale = SETTINGS.filter((s) => !read.has(s.name) && !(s.owner === 'aws' && awsSdkReads(s.name)));
    expect(stale.map((s) => s.name), 'read nowhere: remove from infra/settings.ts').toEqual([]);
  });

  it('says Temporal\'s variables are Temporal\'s, and the product\'s are not', () => {
    const { names, prefixes } = envconfigReads();
    const temporal = new Set([...names, ...prefixes.map((p) => `${p}*`)]);
    expect(SETTINGS.filter((s) => (s.owner === 'temporal') !== temporal.has(s.name)).map((s) => s.name)).toEqual([]);
  });

  it('reads computed names only where it says which', () => {
    const computed = scanned.filter((s) => s.computed).map((s) => s.file);
    expect(computed.filter((f) => !(f in COMPUTED_READS)), 'a `process.env[name]` read: list its names in COMPUTED_READS').toEqual([]);
    for (const [file, names] of Object.entries(COMPUTED_READS)) {
      const text = scanned.find((s) => s.file === file)?.text ?? '';
      for (const name of names) expect(text, `${file} computes ${name}`).toContain(`'${name}'`);
    }
    expect(scanned.filter((s) => s.destructured).map((s) => s.file), 'read `process.env.X`, not `const { X } = process.env`, so this test sees it').toEqual([]);
  });

  it('is the README\'s settings table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = settingsBlock(readme);
    expect(block, `README.md needs a block between ${SETTINGS_BEGIN} and ${SETTINGS_END}`).toBeDefined();
    expect(block, 'the README\'s table differs from infra/settings.ts: run `npx tsx scripts/settings-table.ts --write`').toBe(settingsTable());
  });
});
