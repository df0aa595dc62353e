/**
 * The outbox of the embedded SMTP capture, for running sdp-review locally (only when it is given):
 *   GET /outbox                        the captured mails, newest first
 *   GET /outbox/:id                    one mail: headers, text with clickable links, attachments
 *   GET /outbox/:id/html               the mail's own HTML, in a sandbox (no script, no form)
 *   GET /outbox/:id/raw                the raw message (.eml)
 *   GET /outbox/:id/attachments/:n     one attachment
 * Behind the dashboard's credentials when they are configured (web/dashboard/access.ts).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { SmtpCapture } from '../../infra/smtp-capture';
import type { WebContext } from '../plumbing/context';
import { SANDBOX_CSP, contentDisposition } from '../plumbing/http';
import { mailPage, outboxPage } from './pages';

type IdParams = { Params: { id: string } };

/** The outbox's routes over `capture`, showing times in `timeZone` (the cycles' zone, from seeds/timeline.json). */
export const outbox: FastifyPluginAsync<{ ctx: WebContext; capture: SmtpCapture; timeZone: string }> = async (app, { ctx, capture, timeZone }) => {
  const notFound = (reply: FastifyReply) => {
    const { t, message } = ctx.scope(reply.request, reply);
    return ctx.sendPage(reply, 404, message(t.errors.notFoundTitle, [t.outbox.notFound]));
  };

  app.get('/outbox', async (req, reply) => {
    const { t, switcher } = ctx.scope(req, reply);
    return ctx.sendPage(reply, 200, outboxPage(t, await capture.list(), timeZone, ctx.root(), switcher()));
  });

  app.get<IdParams>('/outbox/:id', async (req, reply) => {
    const { t, switcher } = ctx.scope(req, reply);
    const mail = await capture.get(req.params.id);
    return mail ? ctx.sendPage(reply, 200, mailPage(t, mail, timeZone, ctx.root(), switcher())) : notFound(reply);
  });

  app.get<IdParams>('/outbox/:id/html', async (req, reply) => {
    const mail = await capture.get(req.params.id);
    if (!mail?.html) return notFound(reply);
    return reply.code(200).type('text/html; charset=utf-8').header('content-security-policy', SANDBOX_CSP).send(mail.html);
  });

  app.get<IdParams>('/outbox/:id/raw', async (req, reply) => {
    const mail = await capture.get(req.params.id);
    if (!mail) return notFound(reply);
    return reply.code(200).type('message/rfc822').header('content-disposition', contentDisposition('attachment', `${mail.id}.eml`)).send(await capture.raw(mail.id));
  });

  app.get<{ Params: { id: string; n: string } }>('/outbox/:id/attachments/:n', async (req, reply) => {
    const a = /^\d{1,4}$/.test(req.params.n) ? await capture.attachment(req.params.id, Number(req.params.n)) : undefined;
    if (!a) return notFound(reply);
    return reply
      .code(200)
      .type(/^[\w.+-]+\/[\w.+-]+$/.test(a.contentType) ? a.contentType : 'application/octet-stream')
      .header('content-disposition', contentDisposition('attachment', a.filename))
      .header('x-content-type-options', 'nosniff')
      .send(a.content);
  });
};
