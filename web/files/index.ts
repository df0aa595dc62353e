/**
 * Downloads of the artifacts (drafts, the final report, readable changes, the Albanian summary).
 *   GET /files/<key>?exp&sig   the object `<key>` of the document store, when the signature and
 *                              expiry check (links/: a file link is signed apart from the action links)
 * Any web server of a deployment serves any file, whichever worker wrote it: the bytes come from
 * the shared store, streamed through this server (so that a browser never needs to reach the
 * store, and the headers below always apply). Keys are checked by the store: nothing outside it is
 * ever served. HTML is served inline in a sandbox (no script, no form); anything else as an
 * attachment with its exact name.
 */
import { extname } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { DocumentMissingError, type DocumentStore } from '../../infra/storage';
import type { WebContext } from '../plumbing/context';
import { SANDBOX_CSP, contentDisposition } from '../plumbing/http';
import { messagePage } from '../views/layout';

/** Content types of the artifacts (anything else is served as bytes to download). */
const CONTENT_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
};

/** The download route over `store`. */
export const files: FastifyPluginAsync<{ ctx: WebContext; store: DocumentStore }> = async (app, { ctx, store }) => {
  app.get<{ Params: { '*': string }; Querystring: { exp?: string; sig?: string } }>('/files/*', async (req, reply) => {
    const key = req.params['*'];
    // No language switch on these pages: a link to the same address without its signature
    // would only lead to "not valid" (and the signature must not be written into a page).
    const { t } = ctx.scope(req, reply);
    const e = t.errors;
    const message = (title: string, paragraphs: string[]) => messagePage(t, title, paragraphs, undefined, ctx.root());
    const check = ctx.links.checkFile(key, req.query.exp, req.query.sig, ctx.clock());
    if (check === 'invalid') return ctx.sendPage(reply, 400, message(e.fileInvalidTitle, [e.fileInvalid]));
    if (check === 'expired') return ctx.sendPage(reply, 410, message(e.fileExpiredTitle, [e.fileExpired]));
    let bytes: Uint8Array;
    try {
      bytes = await store.get(key);
    } catch (err) {
      if (err instanceof DocumentMissingError) return ctx.sendPage(reply, 404, message(e.notFoundTitle, [e.notFound]));
      if (err instanceof Error && /not a safe key/.test(err.message)) return ctx.sendPage(reply, 400, message(e.fileInvalidTitle, [e.fileInvalid]));
      throw err;
    }
    const ext = extname(key).toLowerCase();
    const name = key.slice(key.lastIndexOf('/') + 1);
    reply.header('content-type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
    reply.header('content-length', String(bytes.byteLength));
    reply.header('content-disposition', contentDisposition(ext === '.html' ? 'inline' : 'attachment', name));
    reply.header('x-content-type-options', 'nosniff');
    if (ext === '.html') reply.header('content-security-policy', SANDBOX_CSP);
    reply.header('cache-control', 'private, no-store');
    return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
};
