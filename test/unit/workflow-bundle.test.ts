/**
 * The workflow bundle kept between runs (run/workflow-bundle.ts): used again only while the files
 * it was built from are unchanged; otherwise a child process bundles again and the process that
 * asked keeps its memory.
 */
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_CACHE_PATH, bundleSources, sourcesDigest, workflowBundleOfSources } from '../../run/workflow-bundle';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

describe('the workflow bundle cache', () => {
  it('lists the project files the bundle holds, and a cache whose files changed is built again', async () => {
    const bundle = await workflowBundleOfSources();
    const files = bundleSources(bundle.code);
    expect(files).toContain('workflows/index.ts');
    expect(files).toContain('workflows/review-cycle/cycle.ts');
    expect(files).toContain('domain/messages.ts');
    expect(files.some((f) => f.startsWith('node_modules') || f.startsWith('/') || f.startsWith('test/'))).toBe(false);

    const root = await mkdtemp(join(tmpdir(), 'bundle-cache-'));
    roots.push(root);
    const path = join(root, 'workflow-bundle.json');
    await copyFile(BUNDLE_CACHE_PATH, path);
    const cached = JSON.parse(await readFile(path, 'utf8')) as { digest: string; files: string[]; code: string };
    expect(cached.digest).toBe(await sourcesDigest(cached.files));
    // As if domain/messages.ts had been edited since: the digest no longer matches.
    await writeFile(path, JSON.stringify({ ...cached, code: '/* stale */', digest: 'f'.repeat(64) }));
    const before = (await stat(path)).mtimeMs;
    const rebuilt = await workflowBundleOfSources(path);
    expect(rebuilt.code).not.toContain('/* stale */');
    expect(rebuilt.code).toContain('reviewCycle');
    expect((await stat(path)).mtimeMs).toBeGreaterThan(before);
    // Current now: read from the file, not bundled again.
    const again = await workflowBundleOfSources(path);
    expect(again.code).toBe(rebuilt.code);
    expect(JSON.parse(await readFile(path, 'utf8')).digest).toBe(await sourcesDigest(files));
  }, 60_000);
});
