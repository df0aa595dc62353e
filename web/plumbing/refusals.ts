/**
 * The page of a failed call to a cycle: a refusal by the workflow, worded from its code and facts
 * (web/views/outcome-texts.ts) with instants in the cycle's time zone, or what the client found
 * (finished, not found, not answering). Every such page says that nothing was recorded.
 */
import type { FastifyReply } from 'fastify';
import type { CycleError } from '../../client/errors';
import type { Texts } from '../texts';
import type { Interpolation, SafeHtml } from '../views/html';
import type { WebContext } from './context';

const STATUS = { invalid: 400, forbidden: 403, conflict: 409, gone: 410, 'not-found': 404, unavailable: 503 } as const;

/** The HTTP status of a CycleError's kind (400, 403, 409, 410, 404, 503). */
export function statusOf(err: CycleError): number {
  return STATUS[err.kind];
}

/** Why the call failed, in words: the refusal worded here, or the client's own sentence. */
export function refusalText(t: Texts, err: CycleError, timeZone: string): string {
  return err.refusal ? t.outcomes.refusal(err.refusal, timeZone) : err.message;
}

/**
 * Sends the page of `err` for the cycle of `year` (0 when unknown), in `timeZone`. `extra`: markup
 * after the paragraphs (what a refused form had typed, to copy).
 */
export function cycleErrorPage(ctx: WebContext, reply: FastifyReply, err: CycleError, year: number, timeZone: string, extra?: SafeHtml): FastifyReply {
  const scope = ctx.scope(reply.request, reply);
  const { t } = scope;
  const message = (title: string, paragraphs: Interpolation[]) => scope.message(title, paragraphs, extra);
  const e = t.errors;
  const status = statusOf(err);
  switch (err.kind) {
    case 'invalid':
      return ctx.sendPage(reply, status, message(e.badRequestTitle, [refusalText(t, err, timeZone), t.nothingRecorded]));
    case 'forbidden':
      return ctx.sendPage(reply, status, message(e.forbiddenTitle, [refusalText(t, err, timeZone), t.nothingRecorded]));
    case 'conflict':
      return ctx.sendPage(reply, status, message(e.closedTitle, [refusalText(t, err, timeZone), t.nothingRecorded]));
    case 'gone':
      return ctx.sendPage(reply, status, message(e.goneTitle(year), [refusalText(t, err, timeZone), t.nothingRecorded]));
    case 'not-found':
      return ctx.sendPage(reply, status, message(e.notFoundTitle, [e.cycleNotFound]));
    case 'unavailable':
      reply.header('retry-after', '30');
      return ctx.sendPage(reply, status, message(e.unavailableTitle, [e.unavailable, t.nothingRecorded]));
  }
}
