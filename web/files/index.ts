/**
 * Downloads of the artifacts (drafts, the final report, readable changes, the Albanian summary).
 *   GET /files/<key>?exp&sig   the object `<key>` of the document store, when the signature and
 *                              expiry check (links/: a file link is signed apart from the action links)
 * Any web server of a deployment serves any file, whichever worker wrote it: the bytes come from
 * the shared store, streamed through this server (so that a browser never needs to reach the
 * store, and the headers below always apply). Keys are checked by the store: nothing outside it is
 * ever served. HTML is served inline in a sandbox (no script, no form); anything else as an
 * attachment with its exact name.
 *
 * An input's attachment (`<year>/attachments/<area>/<sha256>.<ext>`, web/contribution/) is served
 * the same way, only by a signed link (the draft's HTML carries one per attachment; the
 * secretariat reaches it from the dashboard, the directors from their links): always as a
 * download (never inline: a PDF or an image from an owner is not rendered in our origin), with
 * the type its record found from the content and one of the names it was uploaded under
 * (`?name=`, when it is one of them; else the first).
 */
import { extname } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { DocumentMissingError, type DocumentStore } from '../../infra/storage';
import type { WebContext } from '../plumbing/context';
import { SANDBOX_CSP, contentDisposition } from '../plumbing/http';
import { messagePage } from '../views/layout';
import { readAttachmentRecord } from '../contribution/attachment-store';

/** Content types of the artifacts (anything else is served as bytes to download). */
const CONTENT_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
};

/** The key of an input's attachment (web/contribution/attachment-store.ts). */
const ATTACHMENT_KEY = /^\d{4}\/attachments\/[a-z0-9-]+\/[0-9a-f]{64}\.[a-z]{3,4}$/;

/** The download route over `store`. */
export const files: FastifyPluginAsync<{ ctx: WebContext; store: DocumentStore; secretariat?: boolean }> = async (app, { ctx, store, secretariat }) => {
  // The secretariat's way to an attachment (the report's HTML links it): under /cycles, so behind
  // the dashboard's credentials (dashboard/access.ts), and only with the dashboard. Only a file of
  // an input the cycle recorded is given (not an upload still pending in someone's form); the
  // answer is a redirect to its signed file link, named as the input names it.
  if (secretariat) {
    app.get<{ Params: { year: string; areaId: string; file: string }; Querystring: { name?: string } }>('/cycles/:year/attachments/:areaId/:file', async (req, reply) => {
      const { t } = ctx.scope(req, reply);
      const notFound = () => ctx.sendPage(reply, 404, messagePage(t, t.errors.notFoundTitle, [t.errors.notFound], undefined, ctx.root()));
      const key = `${req.params.year}/attachments/${req.params.areaId}/${req.params.file}`;
      if (!ATTACHMENT_KEY.test(key)) return notFound();
      let listed: { name: string }[] = [];
      try {
        const state = await ctx.cycles.state(`review-cycle-${req.params.year}`);
        const area = state.areas.find((a) => a.id === req.params.areaId);
        const input = area ? await ctx.cycles.input(area) : undefined;
        listed = (input?.attachments ?? []).filter((a) => a.key === key);
      } catch (err) {
        ctx.log.warn({ err, key }, 'an attachment was asked for and its cycle could not be read');
      }
      if (listed.length === 0) return notFound();
      const name = listed.find((a) => a.name === req.query.name)?.name ?? listed[0]!.name;
      const url = ctx.links.fileUrl(key);
      if (!url) return notFound();
      return reply.redirect(`${url}&name=${encodeURIComponent(name)}`, 302);
    });
  }

  app.get<{ Params: { '*': string }; Querystring: { exp?: string; sig?: string; name?: string } }>('/files/*', async (req, reply) => {
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
    const attachment = ATTACHMENT_KEY.test(key) ? await readAttachmentRecord(store, key) : undefined;
    if (attachment) {
      const name = typeof req.query.name === 'string' && attachment.names.includes(req.query.name) ? req.query.name : attachment.names[0]!;
      reply.header('content-type', attachment.type);
      reply.header('content-length', String(bytes.byteLength));
      reply.header('content-disposition', contentDisposition('attachment', name));
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', SANDBOX_CSP);
      reply.header('cache-control', 'private, no-store');
      return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
