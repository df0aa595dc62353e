/**
 * The document store: where every document of a review cycle lives (inputs, drafts, the final
 * package, records, the audit archive, the mail ledger), shared by every worker and web server of
 * a deployment. One interface, two implementations: a local folder (the embedded default, or a
 * folder every host mounts) and S3-compatible object storage. Keys are paths with `/` separators
 * (`2026/draft-v1/report.docx`); Temporal payloads carry keys and hashes, never the bytes.
 */

/** What the store holds under a key: its SHA-256 (hex) and size in bytes. */
export interface StoredObject {
  key: string;
  sha256: string;
  bytes: number;
}

export interface PutOptions {
  /** MIME type, kept as the object's Content-Type where the store has one. */
  contentType?: string;
  /**
   * Create only: refuse (DocumentExistsError) when the key already holds an object, atomically
   * across hosts (S3 `If-None-Match: *`; a hard link in a folder). For records that must be
   * written once, such as the mail ledger.
   */
  createOnly?: boolean;
}

export interface DocumentStore {
  /** Where the store is, for logs and health reports (`file:///…`, `s3://bucket/prefix`); never credentials. */
  readonly location: string;
  /** Stores `body` under `key` (replacing it unless `createOnly`). Throws DocumentExistsError, or the store's error. */
  put(key: string, body: Uint8Array | string, opts?: PutOptions): Promise<StoredObject>;
  /** The bytes under `key`. Throws DocumentMissingError when there are none. */
  get(key: string): Promise<Uint8Array>;
  /** Whether `key` holds an object. */
  has(key: string): Promise<boolean>;
  /** Keys under `prefix` (a folder-like prefix ending in `/`, or any prefix), sorted. */
  list(prefix: string): Promise<string[]>;
  /**
   * A URL from which a browser downloads `key` directly for `ttlSeconds`, named `fileName`; undefined
   * when the store has none (a local folder: the web server streams the file itself).
   */
  downloadUrl(key: string, ttlSeconds: number, fileName: string): Promise<string | undefined>;
  /** Resolves when the store answers (health checks); throws the reason otherwise. */
  check(): Promise<void>;
}

/** No object under the key. Retrying does not make it appear: callers fail non-retryably. */
export class DocumentMissingError extends Error {
  override name = 'DocumentMissingError';
  constructor(readonly key: string, readonly location: string) {
    super(`no document "${key}" in ${location}`);
  }
}

/** A create-only write found the key taken. */
export class DocumentExistsError extends Error {
  override name = 'DocumentExistsError';
  constructor(readonly key: string, readonly location: string) {
    super(`document "${key}" already exists in ${location}`);
  }
}

/**
 * Checks a key: 1–1024 characters of letters (any script, so names keep their Albanian letters),
 * digits, spaces and `._-–()`, with `/` between segments, no empty, `.` or `..` segment, no segment
 * starting or ending with a space. Returns it; throws an Error naming the key otherwise — a guard
 * against a bug, and against path traversal in a folder.
 */
export function checkKey(key: string): string {
  const segments = key.split('/');
  const bad = key.length === 0 || key.length > 1024 || !/^[\p{L}\p{M}\p{N} ._\-–()/]+$/u.test(key) || segments.some((s) => s === '' || s === '.' || s === '..' || s.trim() !== s);
  if (bad) throw new Error(`storage key: "${key}" is not a safe key (letters, digits, spaces and . _ - – ( ) between /, no empty, . or .. segment)`);
  return key;
}
