/**
 * Downloads of the artifacts (drafts, the final report, readable changes).
 *   GET /files/<key>?exp&sig   the file at `<artifactsDir>/<key>`, when the signature and expiry
 *                              check (links/: a file link is signed apart from the action links)
 * Nothing outside the artifacts folder is ever served, whatever the key or its symbolic links
 * say. HTML is served inline in a sandbox (no script, no form); anything else as an attachment
 * with its exact name.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../plumbing/context';
import { SANDBOX_CSP, contentDisposition } from '../plumbing/http';

/** Content types of the artifacts (anything else is served as bytes to download). */
const CONTENT_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** The download route. `artifactsDir`: the absolute folder of the artifacts. */
export const files: FastifyPluginAsync<{ ctx: WebContext; artifactsDir: string }> = async (app, { ctx, artifactsDir }) => {
  const e = ctx.t.errors;
  let artifactsRoot: string | undefined;

  app.get<{ Params: { '*': string }; Querystring: { exp?: string; sig?: string } }>('/files/*', async (req, reply) => {
    const key = req.params['*'];
    const check = ctx.links.checkFile(key, req.query.exp, req.query.sig, ctx.clock());
    if (check === 'invalid') return ctx.sendPage(reply, 400, ctx.message(e.fileInvalidTitle, [e.fileInvalid]));
    if (check === 'expired') return ctx.sendPage(reply, 410, ctx.message(e.fileExpiredTitle, [e.fileExpired]));
    artifactsRoot ??= await realpath(artifactsDir).catch(() => resolve(artifactsDir));
    const root = artifactsRoot;
    const inside = (p: string) => {
      const rel = relative(root, p);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    };
    const wanted = resolve(root, key);
    if (!inside(wanted)) return ctx.sendPage(reply, 400, ctx.message(e.fileInvalidTitle, [e.fileInvalid]));
    const real = await realpath(wanted).catch(() => undefined);
    const info = real && inside(real) ? await stat(real).catch(() => undefined) : undefined;
    if (!real || !info?.isFile()) return ctx.sendPage(reply, 404, ctx.message(e.notFoundTitle, [e.notFound]));
    const ext = extname(real).toLowerCase();
    const name = basename(key);
    reply.header('content-type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
    reply.header('content-length', String(info.size));
    reply.header('content-disposition', contentDisposition(ext === '.html' ? 'inline' : 'attachment', name));
    reply.header('x-content-type-options', 'nosniff');
    if (ext === '.html') reply.header('content-security-policy', SANDBOX_CSP);
    reply.header('cache-control', 'private, no-store');
    return reply.send(createReadStream(real));
  });
};
