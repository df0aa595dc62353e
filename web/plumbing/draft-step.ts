/** The one renderer of the pages on a link's draft version (the coordinator's review, a director's sign-off). */
import type { FastifyReply } from 'fastify';
import type { FieldError } from '../../domain/validation';
import type { Texts } from '../texts';
import { draftFiles, type DraftStepView } from '../views/draft-step';
import type { WebContext } from './context';
import type { FormNotice } from './csrf-kept';
import { PAGE_FORM } from '../views/form-parts';
import { pathOf, type Opened } from './open-link';
import { csrfFor } from './security';

/** A function that sends `page` on the opened link's draft, with the form's `values` and `errors`, and a `notice` above the form when it is shown again. */
export type DraftStepRenderer<V> = (reply: FastifyReply, status: number, opened: Opened, token: string, values: V, errors: FieldError[], notice?: FormNotice) => FastifyReply;

/**
 * The renderer of `page` for the link step `step`: the draft, its signed downloads, the CSRF token,
 * the form's action, in the page's language with its switch (a button of the form `page-form`).
 */
export function renderDraftStep<V>(ctx: WebContext, page: (texts: Texts, view: DraftStepView<V>) => string, step: 'draft-review' | 'sign-off'): DraftStepRenderer<V> {
  return (reply, status, opened, token, values, errors, notice) => {
    const draft = opened.check.draft!;
    const { t } = opened.scope;
    return ctx.sendPage(
      reply,
      status,
      page(t, {
        state: opened.state, draft, claims: opened.claims, action: pathOf(ctx, step, token), root: ctx.root(), csrf: csrfFor(reply, token),
        files: draftFiles(t, opened.state, draft.version, (key) => ctx.links.fileUrl(key)), values, errors,
        switcher: opened.scope.switcher(PAGE_FORM), notice,
      }),
    );
  };
}
