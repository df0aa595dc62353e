/**
 * The site's own pages: the home page (what the links are, and the dashboard and outbox when
 * they are on), the stylesheet, and an empty favicon.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../plumbing/context';
import { html } from '../views/html';
import { STYLESHEET } from '../views/style';

/** The home routes; `dashboard` and `outbox` say whether to link to them. */
export const home: FastifyPluginAsync<{ ctx: WebContext; dashboard: boolean; outbox: boolean }> = async (app, { ctx, dashboard, outbox }) => {
  // Browsers ask for it on every page; an empty answer spares the console a 404.
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());
  app.get('/style.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET));
  app.get('/', async (req, reply) => {
    const { t, message } = ctx.scope(req, reply);
    const root = ctx.root();
    const links = html`${dashboard ? html`<p><a href="${root}/cycles">${t.home.dashboard}</a></p>` : ''}${outbox ? html`<p><a href="${root}/outbox">${t.home.outbox}</a></p>` : ''}`;
    return ctx.sendPage(reply, 200, message(t.home.title, [t.home.intro], links));
  });
};
