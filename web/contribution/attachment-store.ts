/**
 * Attachments of an input in the document store (issue 12): each file is written once under a
 * content-addressed key `<year>/attachments/<areaId>/<sha256>.<ext>`, beside a small metadata
 * record `<key>.json` (its type found from the content, size, the names it was uploaded under, who
 * uploaded it and when). The input carries only the reference (domain/schemas.ts `Attachment`); no
 * Temporal payload ever holds the bytes.
 *
 * The type is found from the content with `file-type`, never from the name or the browser's
 * Content-Type: a text file renamed `.pdf` or a program is refused. The name's extension must
 * agree with the content, so nobody downloads "minutes.pdf" and gets a spreadsheet.
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { ATTACHMENT_TYPES, ATTACHMENTS_MAX, Attachment, type AttachmentExtension } from '../../domain/schemas';
import { DocumentMissingError, type DocumentStore } from '../../infra/storage';

/** Default largest file, in MB (SDP_ATTACHMENT_MAX_MB). */
export const DEFAULT_ATTACHMENT_MAX_MB = 20;

/**
 * The largest file an owner may attach, in bytes, from `SDP_ATTACHMENT_MAX_MB` (a whole number of
 * MB, 1–100; default 20). Throws an Error naming the variable when it is not one.
 */
export function attachmentMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SDP_ATTACHMENT_MAX_MB;
  if (raw === undefined || raw === '') return DEFAULT_ATTACHMENT_MAX_MB * 1024 * 1024;
  const mb = Number(raw);
  if (!/^\d{1,3}$/.test(raw) || mb < 1 || mb > 100) throw new Error(`SDP_ATTACHMENT_MAX_MB: must be a whole number of MB from 1 to 100, got "${raw}"`);
  return mb * 1024 * 1024;
}

/** The extensions a name may end in for each type (`.jpeg` and `.jpg` are both JPEG). */
const NAME_EXTENSIONS: Record<AttachmentExtension, string[]> = {
  pdf: ['pdf'], docx: ['docx'], xlsx: ['xlsx'], odt: ['odt'], ods: ['ods'], png: ['png'], jpg: ['jpg', 'jpeg'],
};

/** The store key of an attachment: `<year>/attachments/<areaId>/<sha256>.<ext>`. */
export function attachmentKey(year: number, areaId: string, sha256: string, ext: AttachmentExtension): string {
  return `${year}/attachments/${areaId}/${sha256}.${ext}`;
}

/** The key of an attachment's metadata record: its key with `.json`. */
export function attachmentRecordKey(key: string): string {
  return `${key}.json`;
}

/** The metadata record beside an attachment's bytes. */
export const AttachmentRecord = z.strictObject({
  kind: z.literal('attachment'),
  key: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(1),
  type: z.string(),
  /** Every name the same bytes were uploaded under, first first (a download is named with one of them). */
  names: z.array(z.string().min(1).max(200)).min(1).max(100),
  /** ISO 8601 instant (UTC) of the first upload. */
  uploadedAt: z.iso.datetime(),
  uploadedBy: z.strictObject({ email: z.string().max(320), name: z.string().max(200) }),
});
export type AttachmentRecord = z.infer<typeof AttachmentRecord>;

/** Why a file was refused: its content is not an allowed type (`found`: what it is, when known), its name says another type, it is too large or empty, its name cannot be kept, or the input has its most files already. */
export type AttachmentRefusal =
  | { name: string; reason: 'type'; found?: string }
  | { name: string; reason: 'mismatch'; found: string }
  | { name: string; reason: 'size'; bytes: number; max: number }
  | { name: string; reason: 'empty' }
  | { name: string; reason: 'name' }
  | { name: string; reason: 'count'; max: number };

/**
 * The allowed type of `bytes` from their content (`file-type`): its extension and MIME type, or
 * `found` (what file-type saw, e.g. `exe`, `zip`, or nothing for text) when it is not allowed. A
 * .docx/.xlsx is a ZIP: file-type looks inside for the Office parts, so a plain ZIP is `zip`.
 */
export async function attachmentTypeOf(bytes: Uint8Array): Promise<{ ext: AttachmentExtension; mime: string } | { found?: string }> {
  const t = await fileTypeFromBuffer(bytes);
  if (!t) return {};
  const ext = (Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[]).find((e) => ATTACHMENT_TYPES[e] === t.mime);
  return ext ? { ext, mime: t.mime } : { found: t.ext };
}

/**
 * Checks one uploaded file and writes it (and its metadata record) to `store`; returns the
 * reference the input carries, or why it was refused. The bytes are written once per content (a
 * second upload of the same file only adds its name to the record). Store errors are thrown.
 */
export async function storeAttachment(
  store: DocumentStore,
  place: { year: number; areaId: string },
  file: { name: string; bytes: Uint8Array; truncated: boolean },
  limits: { maxBytes: number },
  by: { email: string; name: string },
  at: Date,
): Promise<Attachment | AttachmentRefusal> {
  const { name } = file;
  if (!Attachment.shape.name.safeParse(name).success) return { name, reason: 'name' };
  if (file.truncated || file.bytes.byteLength > limits.maxBytes) return { name, reason: 'size', bytes: file.bytes.byteLength, max: limits.maxBytes };
  if (file.bytes.byteLength === 0) return { name, reason: 'empty' };
  const type = await attachmentTypeOf(file.bytes);
  if (!('ext' in type)) return { name, reason: 'type', found: type.found };
  const said = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!said || !NAME_EXTENSIONS[type.ext].includes(said)) return { name, reason: 'mismatch', found: type.ext };
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const key = attachmentKey(place.year, place.areaId, sha256, type.ext);
  const recordKey = attachmentRecordKey(key);
  const known = await readAttachmentRecord(store, key);
  if (!known || !(await store.has(key))) await store.put(key, file.bytes, { contentType: type.mime });
  const record: AttachmentRecord = known
    ? { ...known, names: known.names.includes(name) ? known.names : [...known.names, name].slice(-100) }
    : { kind: 'attachment', key, sha256, bytes: file.bytes.byteLength, type: type.mime, names: [name], uploadedAt: at.toISOString(), uploadedBy: by };
  if (!known || record.names !== known.names) await store.put(recordKey, JSON.stringify(record), { contentType: 'application/json' });
  return { name, key, sha256, bytes: file.bytes.byteLength, type: type.mime };
}

/** The metadata record of the attachment `key`, or undefined when there is none (or it is not one). Store errors other than a missing key are thrown. */
export async function readAttachmentRecord(store: DocumentStore, key: string): Promise<AttachmentRecord | undefined> {
  try {
    const parsed = AttachmentRecord.safeParse(JSON.parse(Buffer.from(await store.get(attachmentRecordKey(key))).toString('utf8')));
    return parsed.success && parsed.data.key === key ? parsed.data : undefined;
  } catch (err) {
    if (err instanceof DocumentMissingError || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/**
 * What keeps the attachments of an input from being sent: each must be a file of `areaId` in
 * `year` that the store holds, with the SHA-256, size and type its record states (the form carries
 * the reference, so it is checked against the store, never trusted), at most ATTACHMENTS_MAX.
 * Returns field errors under `attachments.<i>` (empty when all hold); store errors are thrown.
 */
export async function attachmentProblems(store: DocumentStore, place: { year: number; areaId: string }, list: Attachment[]): Promise<{ path: string; message: string }[]> {
  const problems: { path: string; message: string }[] = [];
  if (list.length > ATTACHMENTS_MAX) problems.push({ path: 'attachments', message: `must be at most ${ATTACHMENTS_MAX} files` });
  for (const [i, a] of list.entries()) {
    const prefix = `${place.year}/attachments/${place.areaId}/`;
    const record = a.key.startsWith(prefix) ? await readAttachmentRecord(store, a.key) : undefined;
    const holds = record && record.sha256 === a.sha256 && record.bytes === a.bytes && record.type === a.type && (await store.has(a.key));
    if (!holds) problems.push({ path: `attachments.${i}`, message: `"${a.name}" is not an uploaded file of this input` });
  }
  return problems;
}
