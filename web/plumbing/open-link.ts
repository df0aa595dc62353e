/**
 * Opening a signed link: the token is verified (signature, expiry, the page it is for), the cycle's
 * state read, and the step checked still open, before a page is shown or an action sent. GET and
 * HEAD only ever read (a mail scanner opens every link); every opening is written to the audit log,
 * as a view or as a decision.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CycleError } from '../../client/errors';
import type { Actor } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import type { LinkViewScope } from '../../domain/link-view';
import { STEP_PAGE, type LinkClaims, type LinkStep } from '../../links';
import type { Texts } from '../texts';
import { expiredPage, keptFields, type KeptField } from '../views/pages';
import type { PageScope, WebContext } from './context';
import { cycleErrorPage, statusOf } from './refusals';
import { csrfFor } from './security';
import { checkStep, type StepCheck } from './step-check';

/** Route parameters of a link page: `/<page>/:token`. */
export type TokenParams = { Params: { token: string } };

/** A link that opened: its verified claims, the cycle's state, what its step is on, and the page's language. */
export interface Opened {
  /** The link's token, as in the path. */
  token: string;
  claims: LinkClaims;
  state: ReviewCycleState;
  check: Extract<StepCheck, { open: true }>;
  /** The language of the page (the link's recipient's, unless switched) and its texts. */
  scope: PageScope;
}

/** The path of a step's page for `token`, under the public base URL's path. */
export function pathOf(ctx: WebContext, step: LinkStep, token: string): string {
  return `${ctx.root()}/${STEP_PAGE[step]}/${token}`;
}

/** What a link's page reads of its cycle: its area for an area's link, else the whole cycle's view (no mail events). */
export function viewScopeOf(claims: LinkClaims): LinkViewScope {
  return claims.areaId ? { areaId: claims.areaId } : {};
}

/** The cycle's year, from the link's cycle id (0 when it names none). */
export function yearOf(claims: LinkClaims): number {
  return Number(/(\d{4})$/.exec(claims.cycle)?.[1] ?? 0);
}

/** Who acts through this link, as the workflow records it: the recipient, the link's id, the client's address and user agent. */
export function actorOf(req: FastifyRequest, claims: LinkClaims): Actor {
  return {
    email: claims.sub,
    name: claims.name,
    role: claims.role,
    channel: 'web',
    linkId: claims.jti,
    clientAddress: req.ip.slice(0, 100),
    ...(req.headers['user-agent'] ? { userAgent: String(req.headers['user-agent']).slice(0, 500) } : {}),
  };
}

/**
 * What a POST's form had typed, for the page that refuses it (an expired link, a closed step, a
 * cycle that cannot be read): each field labelled in the page's texts, with the cycle's state
 * when it could be read.
 */
export type KeepTyped = (t: Texts, state: ReviewCycleState | undefined, claims: LinkClaims) => KeptField[];

/** A link whose step is closed, as openLink found it: for a step's own page of it (see ClosedView). */
export interface ClosedLink {
  token: string;
  claims: LinkClaims;
  state: ReviewCycleState;
  check: Extract<StepCheck, { open: false }>;
  scope: PageScope;
}

/**
 * A step's own page for its link once the step is closed (an owner's read-only view of the input
 * on record): sends it, writes its audit entry, and resolves true; false leaves the common page.
 */
export type ClosedView = (closed: ClosedLink) => Promise<boolean>;

/**
 * Verifies the token and reads the step's state. On any refusal it sends the page (400 invalid,
 * 410 expired or finished, 403 wrong page, 409 closed, 404/503 from Temporal), logs it as a view
 * or a decision (`kind`), and returns undefined. `keep`: the fields a POST typed, which the page
 * of an expired link, a closed step or a cycle that cannot be read shows to copy, so that nothing
 * typed is lost. `closedView`: the step's own page for a closed step, tried before the common one.
 */
export async function openLink(
  ctx: WebContext,
  step: LinkStep,
  token: string,
  req: FastifyRequest,
  reply: FastifyReply,
  kind: 'view' | 'decision',
  offerFreshLink: boolean,
  keep?: KeepTyped,
  closedView?: ClosedView,
): Promise<Opened | undefined> {
  const write = kind === 'view' ? ctx.audit.view : ctx.audit.decision;
  const verified = await ctx.links.verify(token, ctx.clock());
  if (!verified.ok && verified.reason === 'invalid') {
    const { t, message } = ctx.scope(req, reply);
    await write(ctx.entry(req, 400, 'refused', undefined, { detail: `invalid token: ${verified.detail}` }));
    ctx.sendPage(reply, 400, message(t.errors.invalidTitle, [t.errors.invalid, t.nothingRecorded]));
    return undefined;
  }
  const claims = verified.claims;
  // The claims of an expired link are genuine too: its page is in its recipient's language.
  const scope = ctx.scope(req, reply, claims);
  const { t, message } = scope;
  const e = t.errors;
  const kept = (state: ReviewCycleState | undefined) => keep?.(t, state, claims).filter((k) => k.value.trim() !== '');
  if (!verified.ok) {
    let timeZone = 'UTC';
    let closedOutcome: string[] | undefined;
    let state: ReviewCycleState | undefined;
    try {
      state = await ctx.cycles.state(claims.cycle, viewScopeOf(claims));
      timeZone = state.timeZone;
      const check = checkStep(t, state, claims);
      if (!check.open) closedOutcome = [check.title, ...check.outcome];
    } catch {
      // The expired page is still right without the state; the fresh-link request checks again.
    }
    await write(ctx.entry(req, 410, 'refused', claims, { detail: 'expired' }));
    const csrf = offerFreshLink && !closedOutcome ? csrfFor(reply, token) : undefined;
    ctx.sendPage(reply, 410, expiredPage(t, { claims, timeZone, token, csrf, closedOutcome, kept: kept(state), root: ctx.root(), switcher: scope.switcher() }));
    return undefined;
  }
  if (claims.step !== step) {
    await write(ctx.entry(req, 403, 'refused', claims, { detail: `link for ${claims.step} used at ${step}` }));
    ctx.sendPage(reply, 403, message(e.wrongPageTitle, [e.wrongPage(claims.name, t.roleName(claims.role), t.stepName(claims.step), t.stepName(step)), t.nothingRecorded]));
    return undefined;
  }
  let state: ReviewCycleState;
  try {
    state = await ctx.cycles.state(claims.cycle, viewScopeOf(claims));
  } catch (err) {
    if (!(err instanceof CycleError)) throw err;
    await write(ctx.entry(req, statusOf(err), 'refused', claims, { detail: `${err.kind}: ${err.message}` }));
    cycleErrorPage(ctx, reply, err, yearOf(claims), 'UTC', keptFields(t, kept(undefined)));
    return undefined;
  }
  const check = checkStep(t, state, claims);
  if (!check.open) {
    if (closedView && (await closedView({ token, claims, state, check, scope }))) return undefined;
    await write(ctx.entry(req, check.status, 'refused', claims, { detail: `step closed: ${check.outcome.join(' ')}` }));
    ctx.sendPage(reply, check.status, message(check.title, [...check.outcome, kind === 'decision' ? t.nothingRecorded : undefined], keptFields(t, kept(state))));
    return undefined;
  }
  return { token, claims, state, check, scope };
}

/**
 * Refuses an action the page's form did not send: no `button` pressed with one of the `expected`
 * values (400, the form is shown again by `rerender`), or one the link does not allow (403).
 * Returns the reply when it refused, undefined when the action may go ahead.
 */
export async function refuseUnlessAllowed(
  ctx: WebContext,
  req: FastifyRequest,
  reply: FastifyReply,
  claims: LinkClaims,
  pressed: { button: 'action' | 'decision'; value: string; expected: readonly string[] },
  rerender: () => FastifyReply | Promise<FastifyReply>,
): Promise<FastifyReply | undefined> {
  const { t, message } = ctx.scope(req, reply, claims);
  if (!pressed.expected.includes(pressed.value)) {
    await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: `no ${pressed.button} button pressed` }));
    return rerender();
  }
  if (!(claims.actions as readonly string[]).includes(pressed.value)) {
    await ctx.audit.decision(ctx.entry(req, 403, 'refused', claims, { detail: `action ${pressed.value} not allowed by the link` }));
    return ctx.sendPage(reply, 403, message(t.errors.notAllowedTitle, [t.errors.notAllowed(pressed.value, claims.actions.join(', ')), t.nothingRecorded]));
  }
  return undefined;
}
