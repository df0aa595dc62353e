/**
 * What the web server's plugins share (`WebContext`): the texts, the clock, the cycles and links,
 * the audit log, and the helpers that send a page. app.ts hands it to each plugin in its options;
 * nothing here is a Fastify decoration, so a plugin's use of it is plain to read.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import type { UpdateOutcome } from '../../domain/outcomes';
import type { LinkClaims, LinkIssuer } from '../../links';
import type { Texts } from '../texts';
import type { Interpolation, SafeHtml } from '../views/html';
import { messagePage } from '../views/layout';
import { createAuditLog, type AuditEntry, type AuditLog } from './audit-log';
import type { CyclePort } from './cycles';
import { Once } from './once';
import { redactUrl } from './redact';

/** What the context is made of (the rest of the server's dependencies go to the plugins that use them). */
export interface ContextDeps {
  cycles: CyclePort;
  links: LinkIssuer;
  /** Absolute folder for the audit logs. */
  dataDir: string;
  /** Default: a pino logger named `web`. */
  logger?: Logger;
  texts: Texts;
  clock?: () => Date;
}

/** What every plugin of one web server shares. */
export interface WebContext {
  readonly t: Texts;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly cycles: CyclePort;
  readonly links: LinkIssuer;
  readonly audit: AuditLog;
  /** Runs each Update id once in this process (a double click gets the first result). */
  readonly once: Once<UpdateOutcome>;
  /** The path of the public base URL ('' at the root), before every internal link of a page. */
  root(): string;
  /** Sends an HTML page with its status. */
  sendPage(reply: FastifyReply, status: number, page: string): FastifyReply;
  /** A page of a title and paragraphs (text or markup), and optional markup after them. */
  message(title: string, paragraphs: Interpolation[], extra?: SafeHtml): string;
  /** An entry of the audit log for this request: who (from the link's claims), from where, what came of it. */
  entry(req: FastifyRequest, status: number, outcome: string, claims?: LinkClaims, extra?: Partial<AuditEntry>): AuditEntry;
}

/** The context of a web server built from `deps`. */
export function createContext(deps: ContextDeps): WebContext {
  const t = deps.texts;
  const log = deps.logger ?? pino({ name: 'web', level: process.env.LOG_LEVEL ?? 'warn' });
  const clock = deps.clock ?? (() => new Date());
  const root = (): string => {
    try {
      return new URL(deps.links.baseUrl).pathname.replace(/\/+$/, '');
    } catch {
      return '';
    }
  };
  return {
    t,
    log,
    clock,
    cycles: deps.cycles,
    links: deps.links,
    audit: createAuditLog(deps.dataDir, log),
    once: new Once<UpdateOutcome>(undefined, undefined, clock),
    root,
    sendPage: (reply, status, page) => reply.code(status).type('text/html; charset=utf-8').send(page),
    message: (title, paragraphs, extra) => messagePage(t, title, paragraphs, extra, root()),
    entry: (req, status, outcome, claims, extra = {}) => ({
      at: clock().toISOString(),
      method: req.method,
      route: redactUrl(req.url),
      status,
      outcome,
      ...(claims ? { jti: claims.jti, step: claims.step, role: claims.role, recipient: claims.sub } : {}),
      clientAddress: req.ip,
      ...(req.headers['user-agent'] ? { userAgent: String(req.headers['user-agent']).slice(0, 500) } : {}),
      ...extra,
    }),
  };
}
