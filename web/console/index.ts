/**
 * The secretariat's console: the coordinator's actions on a cycle, from its dashboard page.
 *   GET  /cycles/:year/console                 the actions open in the cycle's stage
 *   GET  /cycles/:year/console/:action         an action's form
 *   POST /cycles/:year/console/:action         `op=review`: the confirmation page, with the consequences in figures
 *                                              `op=confirm`: sends the Update; the result page, or the form again
 *                                              `op=edit`: the form again with what was typed
 *   GET  /cycles/:year/console/pending?u=…     what became of an action Temporal did not confirm in time
 *
 * Access: every /cycles path asks for the dashboard's credentials (web/dashboard/access.ts) before
 * these handlers run, for every method. A POST also needs a CSRF token, bound to the console of
 * its year (hidden field `t`), and acts only when a person presses the confirmation page's button.
 * Nothing typed is lost: a refusal, a failed CSRF check, a stage that does not take the action and
 * a field that could not be read all show the form (or the confirmation) again with every field.
 *
 * Each confirmation page carries a request id; the Update id is made of the year, the action, a
 * digest of its arguments and that id (`web-console:<year>:<action>:<digest>:<rid>`), so the same
 * confirmed form posted twice (a double click, a resent form, a proxy retry) acts once: Temporal
 * runs an Update id once, and this process answers the repeat "already recorded".
 *
 * The flow behind these routes is in ./flow.ts, its rules outside the flow in ./checks.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../plumbing/context';
import { isCsrfFailure } from '../plumbing/csrf-kept';
import { isConsoleAction } from './actions';
import { yearOf } from './checks';
import { ConsoleFlow, type ActionParams, type PendingRequest, type YearParams } from './flow';
import type { ConsolePort } from './port';

export type { ConsolePort } from './port';
export { temporalConsole } from './port';
export { consoleActor, consoleSubject, consoleUpdateId } from './checks';

/** The console's routes. `port`: the cycles' state and Updates. */
export const secretariatConsole: FastifyPluginAsync<{ ctx: WebContext; port: ConsolePort }> = async (app, { ctx, port }) => {
  const flow = new ConsoleFlow(ctx, port);

  // A POST whose CSRF check failed (an expired cookie, a restored tab) gets its page again, with
  // every field, a fresh token and a notice to press the button again; nothing is sent.
  app.setErrorHandler(async (err, req, reply) => {
    const params = req.params as { year?: string; action?: string } | undefined;
    const year = yearOf(params?.year ?? '');
    const action = params?.action ?? '';
    if (req.method !== 'POST' || !isCsrfFailure(err) || year === undefined || !isConsoleAction(action)) throw err;
    return flow.keptAfterCsrfFailure(req, reply, year, action, String((err as { code?: unknown }).code));
  });

  app.get<YearParams>('/cycles/:year/console', (req, reply) => flow.home(req, reply));
  app.get<PendingRequest>('/cycles/:year/console/pending', (req, reply) => flow.pending(req, reply));
  app.get<ActionParams>('/cycles/:year/console/:action', (req, reply) => flow.form(req, reply));
  app.post<ActionParams>('/cycles/:year/console/:action', { preHandler: app.csrfProtection }, (req, reply) => flow.post(req, reply));
};
