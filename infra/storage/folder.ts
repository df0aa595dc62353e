/**
 * The document store in a local folder: the embedded default, or a folder that every host of a
 * deployment mounts (NFS, SMB). Files are the owner's only (0600 in 0700 folders) and written
 * atomically; a create-only write links a finished temporary file into place, which fails if the
 * name is taken, so two writers never both succeed and no reader sees half a file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, readFile, readdir, realpath, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRIVATE_FILE_MODE, ensurePrivateDir, writeFileAtomic } from '../files';
import { DocumentExistsError, DocumentMissingError, checkKey, type DocumentStore, type PutOptions, type StoredObject } from './store';

/** A store over the folder `root` (absolute path), created on the first write. */
export class FolderStore implements DocumentStore {
  readonly location: string;

  constructor(readonly root: string) {
    this.location = pathToFileURL(root).href;
  }

  private resolvedRoot?: string;

  /** The folder's real path, resolved once it exists (it is read on every click's saved-draft lookup). */
  private async realRoot(): Promise<string> {
    return (this.resolvedRoot ??= await realpath(this.root));
  }

  /** The absolute path of `key` in the folder. */
  pathOf(key: string): string {
    return join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Uint8Array | string, opts: PutOptions = {}): Promise<StoredObject> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const path = this.pathOf(key);
    const object = { key, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength };
    if (!opts.createOnly) {
      await writeFileAtomic(path, bytes);
      return object;
    }
    await ensurePrivateDir(dirname(path));
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, bytes, { mode: PRIVATE_FILE_MODE, flush: true });
    try {
      await link(temp, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new DocumentExistsError(key, this.location);
      throw err;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    return object;
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      // A symbolic link inside the folder never leads out of it: the real path must stay inside.
      const [root, real] = await Promise.all([this.realRoot(), realpath(this.pathOf(key))]);
      const rel = relative(root, real);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new DocumentMissingError(key, this.location);
      return await readFile(real);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') throw new DocumentMissingError(key, this.location);
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then((s) => s.isFile(), () => false);
  }

  async list(prefix: string): Promise<string[]> {
    const dir = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const start = dir ? this.pathOf(dir) : this.root;
    const keys: string[] = [];
    const walk = async (folder: string): Promise<void> => {
      const entries = await readdir(folder, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return [];
        throw err;
      });
      for (const e of entries) {
        const path = join(folder, e.name);
        if (e.isDirectory()) await walk(path);
        else if (e.isFile() && !e.name.endsWith('.tmp')) keys.push(relative(this.root, path).split(sep).join('/'));
      }
    };
    await walk(start);
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }

  async downloadUrl(): Promise<undefined> {
    return undefined;
  }

  async check(): Promise<void> {
    await ensurePrivateDir(this.root);
  }
}

