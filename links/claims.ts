/**
 * What an action link is: the claims its token carries and the page of each step. How a link is
 * signed and checked is ./issuer.ts.
 *
 * An action link is `<base>/<page>/<token>`, the token a JWT (HS256) whose claims bind:
 * - `wf`: the workflow the action goes to (`review-cycle-2026`, or the area's child workflow
 *   `review-cycle-2026/area/cyber-issues` for an input), and `cycle`, the cycle's workflow id;
 * - the step: `step` (`contribution`, `collection`, `draft-review`, `sign-off`) with `areaId` and
 *   `side`, or `version` (and `director` for a sign-off); `collection` needs nothing more;
 * - the recipient: `sub` (e-mail address, lower case), `name`, `role`, and `lang`, the language
 *   the page opens in (`sq`; absent for English, so English links are as they were before
 *   languages, and a link mailed before them opens in English like its mail);
 * - `actions`: what the page may do (`submit`; `close`; `approve`, `reopen`; `approve`, `request-changes`);
 * - `exp` (seconds), and `jti`, the link's id (kept as `Actor.linkId` and used for Update ids).
 */
import { z } from 'zod';
import { Language } from '../domain/schemas';

/** The `iss` of every link token. */
export const ISSUER = 'sdp-review';
/** The `aud` of every action link token. */
export const AUDIENCE = 'sdp-review/action';

/** The step of the review a link acts on; each has its page (STEP_PAGE). */
export const LinkStep = z.enum(['contribution', 'collection', 'draft-review', 'sign-off']);
export type LinkStep = z.infer<typeof LinkStep>;

const SideClaim = z.enum(['eu', 'al']);

/** The verified claims of an action link. */
export const LinkClaims = z.strictObject({
  iss: z.literal(ISSUER),
  aud: z.literal(AUDIENCE),
  jti: z.string().min(8).max(64),
  sub: z.string().min(3).max(320),
  name: z.string().max(200),
  role: z.enum(['area-owner', 'coordinator', 'director']),
  lang: Language.optional(),
  wf: z.string().min(1).max(200),
  cycle: z.string().min(1).max(100),
  step: LinkStep,
  areaId: z.string().max(100).optional(),
  side: SideClaim.optional(),
  version: z.number().int().min(1).optional(),
  director: SideClaim.optional(),
  actions: z.array(z.enum(['submit', 'close', 'approve', 'reopen', 'request-changes'])).min(1),
  exp: z.number().int(),
  iat: z.number().int().optional(),
  /** For a fresh link: the `jti` of the expired link it replaces. */
  replaces: z.string().max(64).optional(),
});
export type LinkClaims = z.infer<typeof LinkClaims>;

/** The page of each step: `/<page>/<token>`. */
export const STEP_PAGE: Record<LinkStep, string> = {
  contribution: 'contribute',
  collection: 'collection',
  'draft-review': 'review',
  'sign-off': 'sign-off',
};

/** What checking a token found. */
export type VerifiedLink =
  | { ok: true; claims: LinkClaims }
  /** Signature good, but past `exp`: the claims are trustworthy, the link is not usable. */
  | { ok: false; reason: 'expired'; claims: LinkClaims }
  /** Malformed, tampered, signed with another key, or claims of the wrong shape. */
  | { ok: false; reason: 'invalid'; detail: string };
