/**
 * The document store's two implementations against real storage: a local folder, and S3 served by
 * versitygw (started here, on a free loopback port). Both keep bytes and Albanian letters exactly,
 * refuse a second create-only writer (the mail ledger across hosts), and say clearly what is missing.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentExistsError, DocumentMissingError, FolderStore, openDocumentStore, type DocumentStore } from '../../infra/storage';
import { startVersitygw, type Versitygw } from '../../infra/storage/versitygw';

let dir: string;
let gw: Versitygw;
const stores: Record<string, DocumentStore> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdp-store-'));
  gw = await startVersitygw({ dir: join(dir, 's3') });
  stores.folder = new FolderStore(join(dir, 'folder'));
  // The SDK reads its credentials and region from the environment, as in a deployment.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: gw.accessKeyId, AWS_SECRET_ACCESS_KEY: gw.secretAccessKey, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_S3: gw.endpoint });
  stores.s3 = openDocumentStore(gw.env.SDP_STORAGE_URL, '/unused');
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe.each(['folder', 's3'])('the %s store', (kind) => {
  const store = () => stores[kind]!;
  const text = 'Kujtesë: kontributi për fushën «Çështjet kibernetike» – Ëngjëll Çela\n';

  it('gives back exactly what was put, with its SHA-256 and size', async () => {
    const put = await store().put('2030/inputs/cyber-issues/rev-1.json', text, { contentType: 'application/json' });
    expect(put).toEqual({ key: '2030/inputs/cyber-issues/rev-1.json', bytes: Buffer.byteLength(text), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Buffer.from(await store().get(put.key)).toString('utf8')).toBe(text);
    await store().put('2030/draft-v1/Raporti – Tiranë.docx', 'Çështje');
    expect(Buffer.from(await store().get('2030/draft-v1/Raporti – Tiranë.docx')).toString()).toBe('Çështje');
    const binary = new Uint8Array(256).map((_, i) => i);
    await store().put('2030/draft-v1/report.docx', binary);
    expect([...(await store().get('2030/draft-v1/report.docx'))]).toEqual([...binary]);
    expect(await store().has('2030/draft-v1/report.docx')).toBe(true);
    expect(await store().has('2030/draft-v9/report.docx')).toBe(false);
    expect(await store().list('2030/')).toEqual(['2030/draft-v1/Raporti – Tiranë.docx', '2030/draft-v1/report.docx', '2030/inputs/cyber-issues/rev-1.json']);
    expect(await store().list('2030/inputs/')).toEqual(['2030/inputs/cyber-issues/rev-1.json']);
  });

  it('lets exactly one of two create-only writers win; the other is told the key exists', async () => {
    const key = '2030/mail-ledger/confirmation.json';
    const results = await Promise.allSettled([store().put(key, 'first', { createOnly: true }), store().put(key, 'second', { createOnly: true })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DocumentExistsError);
    expect(['first', 'second']).toContain(Buffer.from(await store().get(key)).toString());
    await expect(store().put(key, 'third', { createOnly: true })).rejects.toBeInstanceOf(DocumentExistsError);
  });

  it('says which key is missing, and refuses keys that could leave the store', async () => {
    await expect(store().get('2030/final/nothing.pdf')).rejects.toMatchObject({ name: 'DocumentMissingError', key: '2030/final/nothing.pdf' } satisfies Partial<DocumentMissingError>);
    for (const bad of ['../etc/passwd', '/abs', '2030//x', '2030/./x', 'a\\b', 'x/ y', 'ç\u0000']) await expect(store().put(bad, 'x')).rejects.toThrow(/not a safe key/);
  });

  it('answers its health check', async () => {
    await expect(store().check()).resolves.toBeUndefined();
  });
});

describe('download links', () => {
  it('are presigned on S3: the browser gets the bytes and the file name, for a limited time', async () => {
    await stores.s3!.put('2030/final/sdp-review-2030-final.docx', 'DOCX Tiranë');
    const url = await stores.s3!.downloadUrl('2030/final/sdp-review-2030-final.docx', 60, 'sdp-review-2030-final.docx');
    expect(url).toMatch(/X-Amz-Expires=60/);
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('DOCX Tiranë');
    expect(res.headers.get('content-disposition')).toContain('sdp-review-2030-final.docx');
    const tampered = await fetch(url!.replace('final.docx', 'final.pdf'));
    expect(tampered.status).toBe(403);
  });

  it('are none for a folder, whose files are private to the service', async () => {
    const folder = stores.folder as FolderStore;
    await folder.put('2030/final/x.md', '# x');
    expect(await folder.downloadUrl()).toBeUndefined();
    expect((await stat(folder.pathOf('2030/final/x.md'))).mode & 0o777).toBe(0o600);
  });
});

describe('SDP_STORAGE_URL', () => {
  it('names a folder or a bucket, and is refused clearly otherwise', () => {
    expect(openDocumentStore(undefined, '/srv/sdp/artifacts').location).toBe('file:///srv/sdp/artifacts');
    expect(openDocumentStore('file:///mnt/shared/sdp', '/x').location).toBe('file:///mnt/shared/sdp');
    expect(openDocumentStore('s3://bucket/a/b/', '/x', {}).location).toBe('s3://bucket/a/b');
    expect(() => openDocumentStore('ftp://x/y', '/x')).toThrow(/SDP_STORAGE_URL: must be file:\/\/\/absolute\/path or s3:\/\/bucket\/prefix/);
    expect(() => openDocumentStore('not a url', '/x')).toThrow(/SDP_STORAGE_URL/);
  });
});
