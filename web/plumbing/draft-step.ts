/** The one renderer of the pages on a link's draft version (the coordinator's review, a director's sign-off). */
import type { FastifyReply } from 'fastify';
import type { ReviewCycleState } from '../../domain/state';
import type { FieldError } from '../../domain/validation';
import type { Texts } from '../texts';
import { draftFiles, type DraftStepView } from '../views/draft-step';
import type { InputAttachmentLink, InputAttachments } from '../views/input-attachments';
import type { WebContext } from './context';
import type { FormNotice } from './csrf-kept';
import { PAGE_FORM } from '../views/form-parts';
import { pathOf, type Opened } from './open-link';
import { csrfFor } from './security';

/**
 * A function that sends `page` on the opened link's draft, with the form's `values` and `errors`,
 * and a `notice` above the form when it is shown again. Reads the inputs' attachments only then: a
 * decision that is recorded shows its result page, not the form.
 */
export type DraftStepRenderer<V> = (reply: FastifyReply, status: number, opened: Opened, token: string, values: V, errors: FieldError[], notice?: FormNotice) => Promise<FastifyReply>;

/**
 * The attachments of the inputs on record in `state` (areas with an input, not waived), each with
 * a signed file link named as its owner named the file. An input the store does not give just now
 * is logged and its area listed as unreadable: the page is shown all the same.
 */
export async function inputAttachments(ctx: WebContext, state: ReviewCycleState): Promise<InputAttachments> {
  const areas = state.areas.filter((a) => a.revision > 0 && a.status !== 'waived' && (a.input || a.contribution));
  const read = await Promise.all(
    areas.map(async (area) => {
      try {
        return { area, input: await ctx.cycles.input(area) };
      } catch (err) {
        ctx.log.warn({ err, cycle: state.workflowId, areaId: area.id }, 'an input could not be read to list its attachments');
        return { area, failed: true as const };
      }
    }),
  );
  const links: InputAttachmentLink[] = [];
  for (const r of read) {
    if ('failed' in r) continue;
    for (const a of r.input?.attachments ?? []) {
      const url = ctx.links.fileUrl(a.key);
      // The download route serves it under one of the names it was uploaded under (web/files/).
      if (url) links.push({ area: r.area, name: a.name, type: a.type, bytes: a.bytes, sha256: a.sha256, url: `${url}&name=${encodeURIComponent(a.name)}` });
    }
  }
  return { links, unreadable: read.filter((r) => 'failed' in r).map((r) => r.area) };
}

/**
 * The renderer of `page` for the link step `step`: the draft, its signed downloads and those of
 * its inputs' attachments, the CSRF token, the form's action, in the page's language with its
 * switch (a button of the form `page-form`).
 */
export function renderDraftStep<V>(ctx: WebContext, page: (texts: Texts, view: DraftStepView<V>) => string, step: 'draft-review' | 'sign-off'): DraftStepRenderer<V> {
  return async (reply, status, opened, token, values, errors, notice) => {
    const draft = opened.check.draft!;
    const attachments = await inputAttachments(ctx, opened.state);
    const { t } = opened.scope;
    return ctx.sendPage(
      reply,
      status,
      page(t, {
        state: opened.state, draft, claims: opened.claims, action: pathOf(ctx, step, token), root: ctx.root(), csrf: csrfFor(reply, token),
        files: draftFiles(t, opened.state, draft.version, (key) => ctx.links.fileUrl(key)), attachments, values, errors,
        switcher: opened.scope.switcher(PAGE_FORM), notice,
      }),
    );
  };
}
