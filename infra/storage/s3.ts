/**
 * The document store in S3-compatible object storage (AWS S3, or an on-premises server such as
 * versitygw), through the AWS SDK for JavaScript v3. Configured the SDK's standard way — region,
 * endpoint (`AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`) and credentials from the SDK's provider
 * chain — plus the bucket and key prefix of `SDP_STORAGE_URL`. Create-only writes use a
 * conditional PUT (`If-None-Match: *`): the server answers 412 to the second writer, whichever
 * host it runs on.
 */
import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DocumentExistsError, DocumentMissingError, checkKey, type DocumentStore, type PutOptions, type StoredObject } from './store';

export interface S3StoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, without leading or trailing `/` (may be empty). */
  prefix: string;
  /** Path-style addressing (`https://host/bucket/key`), which on-premises servers need. */
  forcePathStyle: boolean;
  /** Overrides for the SDK client (tests: endpoint and static credentials); the SDK's chain otherwise. */
  client?: S3ClientConfig;
}

/** A store over `s3://bucket/prefix`. */
export class S3Store implements DocumentStore {
  readonly location: string;
  private readonly s3: S3Client;

  constructor(private readonly opts: S3StoreOptions) {
    this.location = `s3://${opts.bucket}${opts.prefix ? `/${opts.prefix}` : ''}`;
    this.s3 = new S3Client({ forcePathStyle: opts.forcePathStyle, ...opts.client });
  }

  private objectKey(key: string): string {
    return this.opts.prefix ? `${this.opts.prefix}/${checkKey(key)}` : checkKey(key);
  }

  async put(key: string, body: Uint8Array | string, opts: PutOptions = {}): Promise<StoredObject> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const sha256 = createHash('sha256').update(bytes).digest();
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.opts.bucket,
          Key: this.objectKey(key),
          Body: bytes,
          ContentType: opts.contentType,
          // The server checks the bytes it received against this hash: a truncated upload is refused.
          ChecksumSHA256: sha256.toString('base64'),
          ...(opts.createOnly ? { IfNoneMatch: '*' } : {}),
        }),
      );
    } catch (err) {
      if (opts.createOnly && err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 412 || err.name === 'PreconditionFailed')) {
        throw new DocumentExistsError(key, this.location);
      }
      throw err;
    }
    return { key, sha256: sha256.toString('hex'), bytes: bytes.byteLength };
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key) }));
      return await out.Body!.transformToByteArray();
    } catch (err) {
      if (isMissing(err)) throw new DocumentMissingError(key, this.location);
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const base = this.opts.prefix ? `${this.opts.prefix}/` : '';
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.opts.bucket, Prefix: `${base}${prefix}`, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key.slice(base.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async downloadUrl(key: string, ttlSeconds: number, fileName: string): Promise<string> {
    const disposition = `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key), ResponseContentDisposition: disposition }), { expiresIn: ttlSeconds });
  }

  async check(): Promise<void> {
    await this.s3.send(new HeadBucketCommand({ Bucket: this.opts.bucket }));
  }

  /** Closes the SDK client's connections. */
  close(): void {
    this.s3.destroy();
  }
}

function isMissing(err: unknown): boolean {
  return err instanceof NoSuchKey || err instanceof NotFound || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404);
}
