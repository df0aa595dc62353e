/**
 * Opens the document store named by `SDP_STORAGE_URL`:
 * - `file:///absolute/path` — a local or mounted folder (default: the artifacts folder);
 * - `s3://bucket/optional/prefix` — S3-compatible storage through the AWS SDK, configured the
 *   SDK's way (AWS_REGION, AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, the credential chain).
 *   Path-style addressing is on when an endpoint is set (on-premises servers need it) unless
 *   `?path-style=false`; `?path-style=true` forces it.
 */
import { fileURLToPath } from 'node:url';
import { FolderStore } from './folder';
import { S3Store } from './s3';
import type { DocumentStore } from './store';

export * from './store';
export { FolderStore } from './folder';
export { S3Store } from './s3';

/**
 * The store of `url` (or a folder store over `defaultFolder` when `url` is empty). Throws an Error
 * naming SDP_STORAGE_URL when the URL is not one of the two forms.
 */
export function openDocumentStore(url: string | undefined, defaultFolder: string, env: NodeJS.ProcessEnv = process.env): DocumentStore {
  if (!url) return new FolderStore(defaultFolder);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`SDP_STORAGE_URL: must be file:///absolute/path or s3://bucket/prefix, got "${url}"`);
  }
  if (parsed.protocol === 'file:') return new FolderStore(fileURLToPath(parsed));
  if (parsed.protocol === 's3:' && parsed.hostname) {
    const pathStyle = parsed.searchParams.get('path-style');
    const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
    return new S3Store({
      bucket: parsed.hostname,
      prefix: decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, ''),
      forcePathStyle: pathStyle ? pathStyle === 'true' : !!endpoint,
    });
  }
  throw new Error(`SDP_STORAGE_URL: must be file:///absolute/path or s3://bucket/prefix, got "${url}"`);
}
