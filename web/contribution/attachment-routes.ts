/**
 * The attachments of an input, as the routes use them (issue 12):
 *   POST /contribute/:token/attachments   multipart: the whole input form and the chosen files
 *     (the form's "Upload" button, see ./attachments.ts); each file is checked by content and
 *     size and written to the document store (./attachment-store.ts), and the form comes back
 *     with everything typed, the new attachments in its list, and each refused file named with why
 *   POST /contribute/:token `op=remove-attachment.<i>` drops one from the list (nothing recorded)
 *   POST /contribute/:token `op=submit`: before the input is sent, each attachment must be a file
 *     of this area that the store holds as the form describes it.
 * Same link checks and CSRF protection as the form (the CSRF token is the form's own hidden field,
 * read from the multipart body before the check); a failed check shows the form again with what
 * was typed (plumbing/csrf-kept.ts). Nothing here sends an Update: an upload is not a submission.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENTS_MAX, type Contribution } from '../../domain/schemas';
import type { FieldError } from '../../domain/validation';
import type { WebContext } from '../plumbing/context';
import type { FormNotice } from '../plumbing/csrf-kept';
import { problemErrors } from '../plumbing/form-body';
import { openLink, yearOf, type KeepTyped, type Opened, type TokenParams } from '../plumbing/open-link';
import { fields } from '../views/form-parts';
import { attachmentMaxBytes, attachmentProblems, storeAttachment } from './attachment-store';
import { FILE_FIELD, attachmentList, refusalText, withAttachments, type AttachmentValues } from './attachments';
import { ROWS_READ, postedValues, type FormValues } from './form';
import { contributionBodyLimit } from './limits';

/** Shows the form with `values` (rows kept as posted), `errors`, and a notice (an error, or information). */
export type ShowAttachmentsForm = (reply: FastifyReply, status: number, opened: Opened, values: FormValues, errors: FieldError[], rows: number, notice?: { error?: FormNotice; info?: FormNotice }) => FastifyReply | Promise<FastifyReply>;

/** A file of a multipart post: its name as sent, its bytes (cut at the limit), and whether it was cut. */
interface Upload {
  name: string;
  bytes: Buffer;
  truncated: boolean;
}

/** The files of each multipart request, read before the CSRF check (the body's fields are the form's). */
const uploadsOf = new WeakMap<FastifyRequest, Upload[]>();

/**
 * Busboy reads the filename parameter as Latin-1; browsers send it as raw UTF-8 (the HTML
 * standard's multipart encoding, with `"` and line breaks %-escaped), so the bytes are read again
 * as UTF-8 when they make valid UTF-8. A name that does not is kept as read.
 */
function utf8Name(name: string): string {
  if (![...name].every((ch) => ch.charCodeAt(0) < 256)) return name;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(name, 'latin1')).replace(/%22/g, '"');
  } catch {
    return name;
  }
}

/** The route of uploads, in its own scope (only it reads multipart). `show` renders the form; `keepTyped` what an expired link's page keeps. */
export const attachmentUploads: FastifyPluginAsync<{ ctx: WebContext; offerFreshLink: boolean; keepTyped: (body: unknown) => KeepTyped; show: ShowAttachmentsForm }> = async (app, { ctx, offerFreshLink, keepTyped, show }) => {
  const maxBytes = attachmentMaxBytes();
  await app.register(multipart, {
    // Files past the size limit are cut and refused by name (throwFileSizeLimit: false), never a bare 413.
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes, files: ATTACHMENTS_MAX, fieldSize: contributionBodyLimit(), fields: 4 * ROWS_READ + 2_000, fieldNameSize: 200, headerPairs: 100 },
  });
  // The fields become the body (strings, a repeated name an array, as the form parser gives them),
  // so that the CSRF preHandler reads `_csrf` and a failed check shows the form again with them.
  app.addHook('preValidation', async (req) => {
    const body = Object.create(null) as Record<string, string | string[]>;
    const files: Upload[] = [];
    uploadsOf.set(req, files);
    if (!req.isMultipart()) return;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.filename) files.push({ name: utf8Name(part.filename), bytes, truncated: part.file.truncated });
        continue;
      }
      const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      const known = body[part.fieldname];
      body[part.fieldname] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
    }
    req.body = body;
  });

  app.post<TokenParams>('/contribute/:token/attachments', { preHandler: app.csrfProtection }, async (req, reply) => {
    const opened = await openLink(ctx, 'contribution', req.params.token, req, reply, 'decision', offerFreshLink, keepTyped(req.body));
    if (!opened) return reply;
    const { claims, scope } = opened;
    const area = opened.check.area!;
    const a = scope.t.attachments;
    const { values, rows, problems } = postedValues(area, req.body);
    const unread = problemErrors(scope.t.input, problems);
    const uploads = uploadsOf.get(req) ?? [];
    if (uploads.length === 0) {
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: 'upload without a file' }));
      return show(reply, 400, opened, values, [...unread, { path: `attachments.${FILE_FIELD}`, message: a.noFile }], rows);
    }
    const place = { year: yearOf(claims) || opened.state.year, areaId: area.id };
    const list: AttachmentValues[] = attachmentList(values);
    const refused: string[] = [];
    const added: string[] = [];
    try {
      for (const upload of uploads) {
        if (list.length >= ATTACHMENTS_MAX) {
          refused.push(refusalText(a, { name: upload.name, reason: 'count', max: ATTACHMENTS_MAX }, scope.lang));
          continue;
        }
        const r = await storeAttachment(ctx.store, place, upload, { maxBytes }, { email: claims.sub, name: claims.name }, ctx.clock());
        if ('reason' in r) {
          refused.push(refusalText(a, r, scope.lang));
          continue;
        }
        // The same file under the same name twice is one attachment.
        if (!list.some((x) => x.key === r.key && x.name === r.name)) list.push({ ...r, bytes: String(r.bytes) });
        added.push(`«${r.name}»`);
      }
    } catch (err) {
      ctx.log.error({ err, cycle: claims.cycle, areaId: area.id }, 'an attachment could not be written to the document store');
      await ctx.audit.decision(ctx.entry(req, 503, 'refused', claims, { detail: `attachments not stored: ${(err as Error).message.slice(0, 200)}` }));
      return show(reply, 503, opened, values, unread, rows, { error: { title: a.storeDownTitle, text: a.storeDown } });
    }
    const status = refused.length ? 400 : 200;
    await ctx.audit.decision(ctx.entry(req, status, refused.length ? 'refused' : 'attachments-uploaded', claims, { detail: `attachments: ${added.length} stored, ${refused.length} refused` }));
    const errors = refused.length ? [{ path: `attachments.${FILE_FIELD}`, message: refused.join(' ') }] : [];
    return show(reply, status, opened, withAttachments(values, list), [...unread, ...errors], rows, added.length ? { info: { title: a.uploadedTitle, text: a.uploaded(added.join(', ')) } } : undefined);
  });
};

/** Answers a Remove button: the form again without attachment `index` (nothing stored or recorded; the file stays in the store, where other inputs may use it). */
export async function answerRemoveAttachment(ctx: WebContext, req: FastifyRequest, reply: FastifyReply, opened: Opened, posted: { values: FormValues; rows: number; unread: FieldError[] }, index: number, show: ShowAttachmentsForm): Promise<FastifyReply> {
  const list = attachmentList(posted.values);
  const removed = list[index];
  const a = opened.scope.t.attachments;
  await ctx.audit.view(ctx.entry(req, 200, 'attachment-removed', opened.claims, { detail: removed ? removed.key : `no attachment ${index}` }));
  const values = withAttachments(posted.values, list.filter((_x, i) => i !== index));
  return show(reply, 200, opened, values, posted.unread, posted.rows, removed ? { info: { title: a.removedTitle, text: a.removed(removed.name) } } : undefined);
}

/**
 * What keeps a checked input's attachments from being sent, as field errors: a file chosen but
 * sent with "Submit" (a urlencoded post carries only its name: it was never uploaded), or an
 * attachment the store does not hold as the form describes it. Store errors are thrown.
 */
export async function attachmentsBeforeSubmit(ctx: WebContext, opened: Opened, body: unknown, input: Pick<Contribution, 'attachments'>): Promise<FieldError[]> {
  const a = opened.scope.t.attachments;
  const chosen = fields(body, FILE_FIELD).filter((x) => x !== '');
  if (chosen.length) return [{ path: `attachments.${FILE_FIELD}`, message: a.notUploaded(chosen.join(', ')) }];
  const list = input.attachments ?? [];
  const place = { year: yearOf(opened.claims) || opened.state.year, areaId: opened.check.area!.id };
  const problems = await attachmentProblems(ctx.store, place, list);
  return problems.map((p) => {
    const i = /^attachments\.(\d+)$/.exec(p.path)?.[1];
    return { path: p.path, message: i === undefined ? p.message : a.notInStore(list[Number(i)]!.name) };
  });
}

