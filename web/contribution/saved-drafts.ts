/**
 * The contribution form's saved drafts, as the routes use them (./drafts.ts stores them):
 * - GET: the form is filled from the recipient's draft, with a notice saying so and when it was
 *   saved, instead of from the input on record;
 * - POST `op=save-draft`: what was typed is checked (as a submission is, but it may be incomplete)
 *   and stored, and the form comes back saying "Draft saved at …; it is not submitted";
 * - a recorded submission clears the draft.
 * Nothing here sends an Update or a mail: a draft is the owner's own, in the document store.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SubmitContributionResult } from '../../domain/messages';
import type { AreaState } from '../../domain/state';
import type { FieldError } from '../../domain/validation';
import type { WebContext } from '../plumbing/context';
import type { FormNotice } from '../plumbing/csrf-kept';
import type { Opened } from '../plumbing/open-link';
import { yearOf } from '../plumbing/open-link';
import { clearDraft, draftErrors, draftPlace, draftStands, loadDraft, saveDraft } from './drafts';
import { valuesOf, type FormValues } from './form';

/** How the form is shown: its values, rows (kept exactly when from a draft), and a notice above it. */
export interface FormStart {
  values: FormValues;
  rows?: number;
  keepRows: boolean;
  info?: FormNotice;
}

/**
 * What the form of an opened link starts with: the recipient's draft when one stands (see
 * draftStands), else the input on record. A draft that cannot be read (the store not answering)
 * gives the input on record and a notice saying the draft is not lost.
 */
export async function formStart(ctx: WebContext, opened: Opened): Promise<FormStart> {
  const { claims, state, scope } = opened;
  const area = opened.check.area!;
  const d = scope.t.drafts;
  const place = draftPlace(yearOf(claims) || state.year, claims);
  try {
    const draft = await loadDraft(ctx.store, place);
    if (draft && draftStands(draft, area, claims.sub)) {
      const tz = state.timeZone;
      const newer = area.submittedAt && Date.parse(area.submittedAt) > Date.parse(draft.savedAt)
        ? ` ${d.newerInput(area.submittedBy?.name ?? area.submittedBy?.email ?? '', scope.t.dateTime(area.submittedAt, tz), area.revision)}`
        : '';
      return { values: draft.values, rows: draft.rows, keepRows: true, info: { title: d.resumedTitle, text: `${d.resumed(scope.t.dateTime(draft.savedAt, tz), draft.savedBy.name || draft.savedBy.email)}${newer}` } };
    }
  } catch (err) {
    ctx.log.warn({ err, cycle: claims.cycle, areaId: area.id }, 'the saved draft could not be read; the form shows the input on record');
    return { values: valuesOf(area, await ctx.cycles.input(area)), keepRows: false, info: { title: d.unreadableTitle, text: d.unreadable } };
  }
  return { values: valuesOf(area, await ctx.cycles.input(area)), keepRows: false };
}

/** Renders the form again with what was posted: `status`, field `errors`, and a notice (an error, or information). */
export type ShowForm = (status: number, errors: FieldError[], notice?: { error?: FormNotice; info?: FormNotice }) => FastifyReply;

/**
 * Answers "Save draft": refuses what a submission would refuse other than missing fields (400,
 * errors next to their fields, `unread` among them: fields not read exactly), else stores the
 * draft and shows the form with "Draft saved at …" (200); 503 when the store does not answer,
 * with everything typed still in the form. Written to the decisions log (it is a write), never sent
 * to the workflow.
 */
export async function answerSaveDraft(
  ctx: WebContext,
  req: FastifyRequest,
  opened: Opened,
  posted: { values: FormValues; rows: number; unread: FieldError[] },
  show: ShowForm,
): Promise<FastifyReply> {
  const { claims, state, scope } = opened;
  const area: AreaState = opened.check.area!;
  const d = scope.t.drafts;
  const errors = posted.unread.length ? posted.unread : draftErrors(area, posted.values, posted.rows);
  if (errors.length) {
    await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: `draft not saved: ${errors.map((e) => e.path).join(', ')}` }));
    return show(400, errors, { error: { title: d.notSavedTitle, text: d.notSaved } });
  }
  const place = draftPlace(yearOf(claims) || state.year, claims);
  try {
    const saved = await saveDraft(ctx.store, place, { values: posted.values, rows: posted.rows, savedBy: { email: claims.sub, name: claims.name }, savedAt: ctx.clock() });
    await ctx.audit.decision(ctx.entry(req, 200, 'draft-saved', claims, { detail: `draft ${place.year}/${place.areaId}/${place.side}: ${Object.keys(saved.values).length} fields, ${posted.rows} rows` }));
    return show(200, [], { info: { title: d.savedTitle, text: d.saved(scope.t.dateTime(saved.savedAt, state.timeZone)) } });
  } catch (err) {
    ctx.log.error({ err, cycle: claims.cycle, areaId: area.id }, 'a draft could not be saved to the document store');
    await ctx.audit.decision(ctx.entry(req, 503, 'refused', claims, { detail: `draft not saved: the store did not answer (${(err as Error).message.slice(0, 200)})` }));
    return show(503, [], { error: { title: d.storeDownTitle, text: d.storeDown } });
  }
}

/**
 * Clears the recipient's draft once their submission is recorded. Never throws: the input is
 * recorded whatever becomes of the draft, and a draft left behind is set aside when the form is
 * opened again (draftStands: an input of the recipient's own is newer).
 */
export async function clearDraftAfter(ctx: WebContext, opened: Opened, result: SubmitContributionResult): Promise<void> {
  const place = draftPlace(yearOf(opened.claims) || opened.state.year, opened.claims);
  try {
    await clearDraft(ctx.store, place, result.revision, ctx.clock());
  } catch (err) {
    ctx.log.warn({ err, cycle: opened.claims.cycle, areaId: place.areaId }, 'the draft could not be cleared after the submission');
  }
}
