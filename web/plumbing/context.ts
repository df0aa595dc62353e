/**
 * What the web server's plugins share (`WebContext`): the texts of each language, the clock, the
 * cycles and links, the audit log, and the helpers that send a page in its reader's language.
 * app.ts hands it to each plugin in its options; nothing here is a Fastify decoration, so a
 * plugin's use of it is plain to read.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import type { UpdateOutcome } from '../../domain/outcomes';
import type { Language } from '../../domain/schemas';
import type { DocumentStore } from '../../infra/storage';
import type { LinkClaims, LinkIssuer } from '../../links';
import type { Texts } from '../texts';
import type { Interpolation, SafeHtml } from '../views/html';
import { messagePage } from '../views/layout';
import { createAuditLog, type AuditEntry, type AuditLog } from './audit-log';
import type { CyclePort } from './cycles';
import { languageSwitch, pageLanguage, type LanguageSwitch } from './language';
import { Once } from './once';
import { redactUrl } from './redact';

/** What the context is made of (the rest of the server's dependencies go to the plugins that use them). */
export interface ContextDeps {
  cycles: CyclePort;
  links: LinkIssuer;
  /** The shared document store (inputs, an owner's saved drafts of an input). */
  store: DocumentStore;
  /** Absolute folder for the audit logs. */
  dataDir: string;
  /** Default: a pino logger named `web`. */
  logger?: Logger;
  /** The texts of each language. */
  texts: Record<Language, Texts>;
  clock?: () => Date;
  /** Mark the language cookies Secure (when the public base URL is https). */
  secureCookies?: boolean;
}

/** The language a page answering one request is shown in, its texts, and its language switch. */
export interface PageScope {
  readonly lang: Language;
  readonly t: Texts;
  /** The header's switch to the other language; with `form`, a button of that form (what was typed goes along). */
  switcher(form?: string): LanguageSwitch;
  /** A page of a title and paragraphs (text or markup), and optional markup after them, in this language. */
  message(title: string, paragraphs: Interpolation[], extra?: SafeHtml): string;
}

/** What every plugin of one web server shares. */
export interface WebContext {
  /** The texts of `lang`. */
  texts(lang: Language): Texts;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly cycles: CyclePort;
  readonly links: LinkIssuer;
  /**
   * The shared document store: the web server writes only an owner's saved draft of an input
   * there (web/contribution/drafts.ts); inputs on record are read through `cycles.input`.
   */
  readonly store: DocumentStore;
  readonly audit: AuditLog;
  /** Runs each Update id once in this process (a double click gets the first result). */
  readonly once: Once<UpdateOutcome>;
  /** The path of the public base URL ('' at the root), before every internal link of a page. */
  root(): string;
  /**
   * The scope of the page answering `req` (see web/plumbing/language.ts): its language (chosen in
   * the request or remembered, else the link's from `claims`, else the browser's) and switch.
   * Kept per request: the first call decides, so pass `claims` as soon as the link is verified.
   */
  scope(req: FastifyRequest, reply: FastifyReply, claims?: LinkClaims): PageScope;
  /** Sends an HTML page with its status. */
  sendPage(reply: FastifyReply, status: number, page: string): FastifyReply;
  /** A message page in the language of `reply`'s request. */
  message(reply: FastifyReply, title: string, paragraphs: Interpolation[], extra?: SafeHtml): string;
  /** An entry of the audit log for this request: who (from the link's claims), from where, what came of it. */
  entry(req: FastifyRequest, status: number, outcome: string, claims?: LinkClaims, extra?: Partial<AuditEntry>): AuditEntry;
}

/** The context of a web server built from `deps`. */
export function createContext(deps: ContextDeps): WebContext {
  const log = deps.logger ?? pino({ name: 'web', level: process.env.LOG_LEVEL ?? 'warn' });
  const clock = deps.clock ?? (() => new Date());
  const root = (): string => {
    try {
      return new URL(deps.links.baseUrl).pathname.replace(/\/+$/, '');
    } catch {
      return '';
    }
  };
  const scopes = new WeakMap<FastifyRequest, PageScope>();
  const scope = (req: FastifyRequest, reply: FastifyReply, claims?: LinkClaims): PageScope => {
    const known = scopes.get(req);
    if (known) return known;
    const lang = pageLanguage(req, reply, { claims, root: root(), secure: deps.secureCookies });
    const t = deps.texts[lang];
    const made: PageScope = {
      lang,
      t,
      switcher: (form) => languageSwitch(lang, form),
      message: (title, paragraphs, extra) => messagePage(t, title, paragraphs, extra, root(), languageSwitch(lang)),
    };
    scopes.set(req, made);
    return made;
  };
  return {
    texts: (lang) => deps.texts[lang],
    log,
    clock,
    cycles: deps.cycles,
    links: deps.links,
    store: deps.store,
    audit: createAuditLog(deps.dataDir, log),
    once: new Once<UpdateOutcome>(undefined, undefined, clock),
    root,
    scope,
    sendPage: (reply, status, page) => reply.code(status).type('text/html; charset=utf-8').send(page),
    message: (reply, title, paragraphs, extra) => scope(reply.request, reply).message(title, paragraphs, extra),
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
