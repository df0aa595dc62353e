/**
 * How links are signed and checked: action links (a JWT, HS256 with jose, over the claims of
 * ./claims.ts) and file links. The worker's mails and the web server use the same issuer, so a
 * link the worker mails is one the web server accepts.
 *
 * A link the worker mails is a pure function of its target (the `jti` is an HMAC of the target),
 * so a retried mail activity composes byte-identical links: a retry after a late `250` must not
 * mail a second, different link. A fresh link (asked for from the expired page) gets a random
 * `jti` and names the link it `replaces`.
 *
 * A file link is `<base>/files/<key>?exp=<seconds>&sig=<HMAC>`: `ActionLinks.fileUrl` is
 * synchronous, so it is signed with node:crypto rather than jose, with its own derived key.
 *
 * The secret is SDP_LINK_SECRET (at least 32 characters) or, for the embedded stack, a random one
 * generated once into `<dataDir>/link-secret` (mode 0600). Both keys are derived from it with HKDF,
 * so a token can never pass as a file signature or the reverse.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { ensurePrivateDir } from '../infra/files';
import { join } from 'node:path';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { ActionLinks, LinkTarget } from '../activities/mail/links';
import { areaCollectionId, yearOfCycleId } from '../domain/messages';
import { languageOf } from '../domain/schemas';
import { AUDIENCE, ISSUER, LinkClaims, STEP_PAGE, type VerifiedLink } from './claims';

/** Minimum length of SDP_LINK_SECRET. */
const MIN_SECRET_LENGTH = 32;

/** How long a file link stays valid (ms): the life of a cycle, with a margin. */
const FILE_LINK_TTL_MS = 180 * 24 * 3600 * 1000;

/** How long a fresh link stays valid (ms). */
const FRESH_LINK_TTL_MS = 14 * 24 * 3600 * 1000;

/**
 * Reads SDP_LINK_SECRET, or the secret kept in `<dataDir>/link-secret`, creating it (32 random
 * bytes, base64url, mode 0600) the first time. Throws when SDP_LINK_SECRET is shorter than
 * MIN_SECRET_LENGTH characters, or the data folder cannot be written.
 */
export async function loadLinkSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array> {
  const fromEnv = env.SDP_LINK_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new Error(`SDP_LINK_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. the output of \`openssl rand -base64 32\`)`);
    }
    return new TextEncoder().encode(fromEnv);
  }
  const file = join(dataDir, 'link-secret');
  await ensurePrivateDir(dataDir);
  try {
    const fh = await open(file, 'wx', 0o600);
    try {
      const secret = randomBytes(32).toString('base64url');
      await fh.writeFile(`${secret}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const text = (await readFile(file, 'utf8')).trim();
  if (text.length < MIN_SECRET_LENGTH) throw new Error(`${file} holds no usable secret; delete it to generate a new one (links already mailed stop working)`);
  return new TextEncoder().encode(text);
}

/** The link issuer and checker of one web server. */
export interface LinkIssuer extends ActionLinks {
  /** The public base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** A key derived from the link secret for the CSRF tokens' HMAC (base64), so forms survive a restart. */
  readonly csrfKey: string;
  /** The claims a mailed link for `target` carries (deterministic). */
  claimsFor(target: LinkTarget): LinkClaims;
  /** Signs claims into a token. */
  sign(claims: LinkClaims): Promise<string>;
  /** The URL of the page for a token with these claims. */
  pageUrl(claims: Pick<LinkClaims, 'step'>, token: string): string;
  /** Checks a token: signature, issuer, audience, shape, expiry. Never throws. */
  verify(token: string, now?: Date): Promise<VerifiedLink>;
  /** A fresh link for the same step and recipient as `old`: new `jti`, new expiry. */
  fresh(old: LinkClaims, now?: Date): Promise<{ claims: LinkClaims; token: string; url: string }>;
  /** Checks the signature and expiry of a file link. */
  checkFile(key: string, exp: string | undefined, sig: string | undefined, now?: Date): 'ok' | 'expired' | 'invalid';
}

/**
 * Builds the issuer. `baseUrl` is read on every call (a function), because the server knows its
 * port only once it listens.
 */
export function createLinkIssuer(secret: Uint8Array, baseUrl: () => string, clock: () => Date = () => new Date()): LinkIssuer {
  const tokenKey = new Uint8Array(hkdfSync('sha256', secret, 'sdp-review', 'link-token v1', 32));
  const idKey = Buffer.from(hkdfSync('sha256', secret, 'sdp-review', 'link-id v1', 32));
  const fileKey = Buffer.from(hkdfSync('sha256', secret, 'sdp-review', 'file-url v1', 32));
  const csrfKey = Buffer.from(hkdfSync('sha256', secret, 'sdp-review', 'csrf v1', 32)).toString('base64');

  const fileSig = (key: string, exp: number) => createHmac('sha256', fileKey).update(`${key}\n${exp}`).digest('base64url');

  function claimsFor(target: LinkTarget): LinkClaims {
    const year = yearOfCycleId(target.cycleId);
    if (year === undefined) throw new Error(`LinkTarget.cycleId must be review-cycle-YYYY, got "${target.cycleId}"`);
    const exp = Math.floor(Date.parse(target.expiresAt) / 1000);
    if (!Number.isFinite(exp)) throw new Error(`LinkTarget.expiresAt must be an ISO 8601 instant, got "${target.expiresAt}"`);
    const lang = languageOf(target.recipient);
    const base = {
      iss: ISSUER,
      aud: AUDIENCE,
      sub: target.recipient.email.toLowerCase(),
      name: target.recipient.name,
      role: target.role,
      ...(lang !== 'en' ? { lang } : {}),
      cycle: target.cycleId,
      exp,
    } as const;
    let claims: Omit<LinkClaims, 'jti'>;
    switch (target.step) {
      case 'contribution':
        claims = { ...base, wf: areaCollectionId(year, target.areaId), step: 'contribution', areaId: target.areaId, side: target.side, actions: ['submit'] };
        break;
      case 'collection':
        claims = { ...base, wf: target.cycleId, step: 'collection', actions: ['close'] };
        break;
      case 'draft-review':
        claims = { ...base, wf: target.cycleId, step: 'draft-review', version: target.version, actions: ['approve', 'reopen'] };
        break;
      case 'sign-off':
        claims = { ...base, wf: target.cycleId, step: 'sign-off', version: target.version, director: target.director, actions: ['approve', 'request-changes'] };
        break;
    }
    // The id is a MAC of the claims: the same target always gives the same link.
    const jti = createHmac('sha256', idKey).update(JSON.stringify(claims)).digest('base64url').slice(0, 22);
    return LinkClaims.parse({ ...claims, jti });
  }

  async function sign(claims: LinkClaims): Promise<string> {
    const { iss: _iss, aud: _aud, jti, sub, exp, iat, ...rest } = LinkClaims.parse(claims);
    let jwt = new SignJWT(rest).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer(ISSUER).setAudience(AUDIENCE).setJti(jti).setSubject(sub).setExpirationTime(exp);
    if (iat !== undefined) jwt = jwt.setIssuedAt(iat);
    return jwt.sign(tokenKey);
  }

  const pageUrl = (claims: Pick<LinkClaims, 'step'>, token: string) => `${baseUrl()}/${STEP_PAGE[claims.step]}/${token}`;

  async function verify(token: string, now = clock()): Promise<VerifiedLink> {
    if (typeof token !== 'string' || token.length > 4_000 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
      return { ok: false, reason: 'invalid', detail: 'not a link token' };
    }
    let payload: unknown;
    let expired = false;
    try {
      ({ payload } = await jwtVerify(token, tokenKey, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, currentDate: now, requiredClaims: ['exp', 'jti', 'sub'] }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) {
        // jose checks the signature before the claims: the payload of an expired token is genuine.
        payload = err.payload;
        expired = true;
      } else {
        return { ok: false, reason: 'invalid', detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
      }
    }
    const parsed = LinkClaims.safeParse(payload);
    if (!parsed.success) return { ok: false, reason: 'invalid', detail: `claims: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
    return expired ? { ok: false, reason: 'expired', claims: parsed.data } : { ok: true, claims: parsed.data };
  }

  return {
    get baseUrl() {
      return baseUrl();
    },
    csrfKey,
    claimsFor,
    sign,
    pageUrl,
    verify,
    async actionUrl(target) {
      const claims = claimsFor(target);
      return pageUrl(claims, await sign(claims));
    },
    fileUrl(key) {
      if (!isSafeKey(key)) return undefined;
      const exp = Math.floor((clock().getTime() + FILE_LINK_TTL_MS) / 1000);
      return `${baseUrl()}/files/${key.split('/').map(encodeURIComponent).join('/')}?exp=${exp}&sig=${fileSig(key, exp)}`;
    },
    async fresh(old, now = clock()) {
      const claims = LinkClaims.parse({
        ...old,
        jti: randomBytes(16).toString('base64url'),
        iat: Math.floor(now.getTime() / 1000),
        exp: Math.floor((now.getTime() + FRESH_LINK_TTL_MS) / 1000),
        replaces: old.jti,
      });
      const token = await sign(claims);
      return { claims, token, url: pageUrl(claims, token) };
    },
    checkFile(key, exp, sig, now = clock()) {
      if (!isSafeKey(key) || !exp || !sig || !/^\d{1,12}$/.test(exp)) return 'invalid';
      const expected = Buffer.from(fileSig(key, Number(exp)));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
      return Number(exp) * 1000 < now.getTime() ? 'expired' : 'ok';
    },
  };
}

/**
 * An artifact key as the activities write them: relative, `/`-separated, no empty, `.` or `..`
 * segment, no backslash or control character. The file route checks the resolved path as well.
 */
function isSafeKey(key: string): boolean {
  // Control characters are exactly what this refuses: a key with one could forge a header or a log line.
  // eslint-disable-next-line no-control-regex
  if (!key || key.length > 500 || key.startsWith('/') || key.includes('\\') || /[\u0000-\u001f\u007f]/.test(key)) return false;
  return key.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
