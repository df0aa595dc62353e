/**
 * The language of a page, and the switch to the other one.
 *
 * A link's page opens in its recipient's language (the `lang` claim of the link; English when a
 * link has none), a page of no link (home, dashboard, outbox) in the browser's (Accept-Language),
 * else English. A person may switch: every page has a switch in its header, and the choice is
 * remembered for that page with a cookie scoped to its path (for a link, to that link alone), so
 * the link opens in the chosen language next time too.
 *
 * On a page with a form, the switch is a button of the form (`<button form>`): switching posts what
 * was typed and the page comes back in the other language with every field as it was, recording
 * nothing. The form also carries the language it was shown in (hidden field `lang`), so a page
 * shown again after an error stays in it even without cookies.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Language } from '../../domain/schemas';
import { acceptedLanguage } from '../../infra/i18n';
import type { LinkClaims } from '../../links';
import { field } from '../views/form-parts';
import type { LanguageSwitch } from '../views/layout';

/** The query parameter of a language switch link: `?lang=sq`. */
export const LANG_QUERY = 'lang';
/** The hidden field that carries the language a form was shown in. */
export const LANG_FIELD = 'lang';
/** The name of the switch button of a form; its value is the language to switch to. */
export const SWITCH_FIELD = 'switch-lang';
/** The cookie that remembers the language chosen on one link's page (scoped to its path). */
export const LINK_COOKIE = 'sdp_link_lang';
/** The cookie that remembers the language chosen on the pages of no link (scoped to the site). */
export const SITE_COOKIE = 'sdp_lang';

/** How long a language choice is remembered (s): the life of a review cycle. */
const REMEMBER_SECONDS = 180 * 24 * 3600;

export type { LanguageSwitch };

const asLanguage = (value: unknown): Language | undefined => {
  const parsed = Language.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

const other = (lang: Language): Language => (lang === 'en' ? 'sq' : 'en');

/** The path of the request without its query, as the public base URL shows it (`root` before it). */
export function publicPath(req: FastifyRequest, root: string): string {
  return `${root}${req.url.split('?')[0] ?? '/'}`;
}

/** A language the request chose itself: a switch pressed, the form's language, or `?lang=`; and whether to remember it. */
function chosen(req: FastifyRequest): { lang: Language; remember: boolean } | undefined {
  if (req.method === 'POST') {
    const pressed = asLanguage(field(req.body, SWITCH_FIELD));
    if (pressed) return { lang: pressed, remember: true };
    const shown = asLanguage(field(req.body, LANG_FIELD));
    if (shown) return { lang: shown, remember: false };
  }
  const query = asLanguage((req.query as Record<string, unknown> | undefined)?.[LANG_QUERY]);
  return query ? { lang: query, remember: true } : undefined;
}

/**
 * The language of the page answering `req`. With `claims` (a verified link): chosen in the request,
 * else remembered for the link, else the link's own (`lang` claim), else English. Without: chosen,
 * remembered for the link or the site, else the browser's, else English. A choice made in the
 * request is remembered with a cookie scoped to the page's path (`root` + path).
 */
export function pageLanguage(req: FastifyRequest, reply: FastifyReply, opts: { claims?: LinkClaims; root: string; secure?: boolean }): Language {
  const choice = chosen(req);
  const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
  if (choice?.remember) {
    const scope = opts.claims ? { name: LINK_COOKIE, path: publicPath(req, opts.root) } : { name: SITE_COOKIE, path: `${opts.root}/` };
    reply.setCookie(scope.name, choice.lang, { path: scope.path, httpOnly: true, sameSite: 'lax', secure: !!opts.secure, maxAge: REMEMBER_SECONDS });
  }
  const remembered = asLanguage(cookies[LINK_COOKIE]);
  if (opts.claims) return choice?.lang ?? remembered ?? opts.claims.lang ?? 'en';
  return choice?.lang ?? remembered ?? asLanguage(cookies[SITE_COOKIE]) ?? acceptedLanguage(req.headers['accept-language']) ?? 'en';
}

/**
 * The switch of a page in `lang`: a button of the form `form` (its id) on a page with one, so what
 * was typed goes along; else a link to the same page with `?lang=`, written as a query alone
 * (`href="?lang=sq"`), so that no page echoes its own URL (an error page must not show a token or
 * whatever a mangled link carried).
 */
export function languageSwitch(lang: Language, form?: string): LanguageSwitch {
  const to = other(lang);
  return form ? { to, form } : { to, href: `?${LANG_QUERY}=${to}` };
}

/** The language a form's switch button asks for, when it was pressed. */
export function switchPressed(body: unknown): Language | undefined {
  return asLanguage(field(body, SWITCH_FIELD));
}
