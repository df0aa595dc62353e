/** appendPrivateFile remembers the folders it made, and makes one again when it was removed since. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendPrivateFile } from '../../infra/files';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

describe('appendPrivateFile', () => {
  it('appends in a private folder, and after the folder was removed makes it again without losing the line', async () => {
    const root = await mkdtemp(join(tmpdir(), 'append-'));
    roots.push(root);
    const path = join(root, 'audit', 'decisions.jsonl');
    await appendPrivateFile(path, 'Ë1\n');
    await appendPrivateFile(path, 'ç2\n');
    expect(await readFile(path, 'utf8')).toBe('Ë1\nç2\n');
    expect((await stat(join(root, 'audit'))).mode & 0o777).toBe(0o700);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await rm(join(root, 'audit'), { recursive: true });
    await appendPrivateFile(path, 'ë3\n');
    expect(await readFile(path, 'utf8')).toBe('ë3\n');
  });
});
