/**
 * The protections every route shares, registered once at the root (fastify-plugin, so they are
 * not scoped to this plugin): security headers (@fastify/helmet: a CSP without scripts, no
 * referrer, HSTS behind https), form bodies (./form-body.ts: read exactly, or with what could not
 * be read named, never changed without a word), the CSRF token of each page's
 * form (@fastify/cookie + @fastify/csrf-protection, bound to the link's token), and a rate limit
 * per client address (@fastify/rate-limit).
 */
import { createHash } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { field } from '../views/form-parts';
import { parseFormBody } from './form-body';

/** Binds a CSRF token to one link: the hash of the link's token. */
export function csrfUserInfo(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 32);
}

/** The CSRF token for a form on the page of the link `token`. */
export function csrfFor(reply: FastifyReply, token: string): string {
  return reply.generateCsrf({ userInfo: csrfUserInfo(token) });
}

export interface SecurityOptions {
  /** The key of the CSRF tokens' HMAC (derived from the link secret, so forms survive a restart). */
  csrfKey: string;
  /** Mark cookies Secure and send HSTS (when the public base URL is https). */
  secureCookies?: boolean;
  /** Requests per minute per client address (default 300). */
  perMinute?: number;
}

/** Registers helmet, the form body parser, cookie + CSRF protection and the global rate limit. */
export const security = fp<SecurityOptions>(
  async (app, opts) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: opts.secureCookies ? undefined : false,
    });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body, done) => {
      done(null, parseFormBody(body as Buffer));
    });
    await app.register(cookie);
    await app.register(csrf, {
      cookieKey: '__sdp_csrf',
      // Lax, not Strict: a second link opened from a webmail (a cross-site navigation) must reuse the
      // secret, or the form of the first tab would stop verifying. Cross-site POSTs still get no cookie.
      cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: !!opts.secureCookies },
      getUserInfo: (req: FastifyRequest) => {
        const token = (req.params as { token?: unknown } | undefined)?.token;
        return csrfUserInfo(typeof token === 'string' ? token : field(req.body, 't'));
      },
      csrfOpts: { hmacKey: opts.csrfKey, userInfo: true },
    });
    await app.register(rateLimit, {
      global: true,
      max: opts.perMinute ?? 300,
      timeWindow: 60_000,
      errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode, retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
    });
  },
  { name: 'sdp-security' },
);
