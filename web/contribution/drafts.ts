/**
 * An area owner's saved draft of an input: what the form held when "Save draft" was pressed, kept
 * server-side in the document store, one per area and side (`<year>/drafts/<areaId>/<side>.json`),
 * so the EU and the Albanian owner never overwrite each other's. A draft is not a submission: the
 * web server writes it to the store itself — no workflow Update, no event, no mail — and the form
 * opened again from the link is filled from it. Submitting clears it.
 *
 * The draft keeps the form's fields as typed (FormValues, with the number of deliverable rows), not
 * a cleaned input, so that the form comes back exactly as it was left, blank rows and half-typed
 * fields included. What may be stored is checked like a submission (size, exact reading, each
 * field's limits), except that an incomplete draft — required fields left empty — is kept.
 */
import { z } from 'zod';
import { CONTRIBUTION_MAX_BYTES, contributionSchemaFor } from '../../domain/schemas';
import type { AreaState } from '../../domain/state';
import { fieldErrors, type FieldError } from '../../domain/validation';
import { DocumentMissingError, type DocumentStore } from '../../infra/storage';
import type { LinkClaims } from '../../links';
import { ROWS_READ, contributionFrom, errorsToFields, type FormValues } from './form';

/** The names of the form's fields a draft may hold (form.ts names them the same way). */
const DRAFT_FIELD = /^(?:narrative|nextSteps|commitments\.\d{1,3}\.(?:status|comment)|deliverables\.\d{1,4}\.(?:title|status|date|description)|attachments\.\d{1,2}\.(?:name|key|sha256|bytes|type))$/;

/** Whose draft: the side of the link's recipient (an area owner's link always names one), else the role. */
const DraftOwner = z.enum(['eu', 'al', 'coordinator', 'area-owner', 'director']);

/** A draft as the store holds it. */
export const SavedDraft = z.strictObject({
  kind: z.literal('draft'),
  areaId: z.string().min(1).max(100),
  side: DraftOwner,
  /** ISO 8601 instant (UTC) of the save. */
  savedAt: z.iso.datetime(),
  /** The link's recipient who saved it. */
  savedBy: z.strictObject({ email: z.string().max(320), name: z.string().max(200) }),
  /** Deliverable rows the form had. */
  rows: z.number().int().min(0).max(ROWS_READ),
  values: z.record(z.string().regex(DRAFT_FIELD), z.string()),
});
export type SavedDraft = z.infer<typeof SavedDraft>;

/**
 * What a submission leaves under the draft's key: the store has no delete (infra/storage), so a
 * cleared draft is overwritten by this marker, which holds none of the text.
 */
const ClearedDraft = z.strictObject({
  kind: z.literal('cleared'),
  areaId: z.string().min(1).max(100),
  side: DraftOwner,
  clearedAt: z.iso.datetime(),
  /** The revision whose submission cleared it. */
  revision: z.number().int().min(1),
});

const DraftDocument = z.discriminatedUnion('kind', [SavedDraft, ClearedDraft]);

/** Where a link's draft is: the cycle's year, the area, and the recipient's side. */
export interface DraftPlace {
  year: number;
  areaId: string;
  side: z.infer<typeof DraftOwner>;
}

/** The place of the draft of the link `claims` in `year`'s cycle (its area and its recipient's side). */
export function draftPlace(year: number, claims: Pick<LinkClaims, 'areaId' | 'side' | 'role'>): DraftPlace {
  return { year, areaId: claims.areaId ?? '', side: claims.side ?? claims.role };
}

/** The store key of a draft: `<year>/drafts/<areaId>/<side>.json`. */
export function draftKey(p: DraftPlace): string {
  return `${p.year}/drafts/${p.areaId}/${p.side}.json`;
}

/**
 * The errors that keep `values` from being saved as a draft of `area`'s input: the schema's, with
 * the paths of the form's fields, except those of a field left empty (a draft may be incomplete),
 * and the size in all (UTF-8 JSON of the input, at most CONTRIBUTION_MAX_BYTES) — the schema checks
 * the size only of an input that is otherwise valid, which a draft need not be. Empty when it may
 * be saved.
 */
export function draftErrors(area: Pick<AreaState, 'id' | 'commitments'>, values: FormValues, rows: number): FieldError[] {
  const { input, rowOf } = contributionFrom(area, values, rows);
  const errors: FieldError[] = [];
  const checked = contributionSchemaFor(area).safeParse(input);
  if (!checked.success) {
    for (const e of errorsToFields(fieldErrors(checked.error), rowOf)) {
      const typed = values[e.path];
      if (typed !== undefined && typed.trim() === '') continue;
      errors.push(e);
    }
  }
  const bytes = new TextEncoder().encode(JSON.stringify(input)).length;
  if (bytes > CONTRIBUTION_MAX_BYTES && !errors.some((e) => e.path === 'narrative')) {
    // Worded as the schema words it, so each language's page translates it the same way (web/views/texts.ts fieldMessage).
    errors.push({ path: 'narrative', message: `the input is ${Math.ceil(bytes / 1024)} KB; at most ${CONTRIBUTION_MAX_BYTES / 1024} KB in all (shorten the narrative or move detail into an annex)` });
  }
  return errors;
}

/**
 * Writes the draft at `place` (replacing the one before). `values`: the form's fields as typed;
 * fields the form does not have are not kept. Returns the draft as stored. Throws the store's error.
 */
export async function saveDraft(
  store: DocumentStore,
  place: DraftPlace,
  draft: { values: FormValues; rows: number; savedBy: { email: string; name: string }; savedAt: Date },
): Promise<SavedDraft> {
  const values = Object.fromEntries(Object.entries(draft.values).filter(([name]) => DRAFT_FIELD.test(name)));
  const saved = SavedDraft.parse({
    kind: 'draft', areaId: place.areaId, side: place.side, savedAt: draft.savedAt.toISOString(),
    savedBy: draft.savedBy, rows: Math.min(ROWS_READ, draft.rows), values,
  });
  await store.put(draftKey(place), JSON.stringify(saved), { contentType: 'application/json' });
  return saved;
}

/**
 * The draft saved at `place`, or undefined when there is none (never saved, or cleared by a
 * submission). Throws the store's error when it does not answer, and an Error naming the key when
 * what it holds is not a draft (not UTF-8 JSON of the shape above).
 */
export async function loadDraft(store: DocumentStore, place: DraftPlace): Promise<SavedDraft | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(draftKey(place));
  } catch (err) {
    if (err instanceof DocumentMissingError) return undefined;
    throw err;
  }
  let doc: z.infer<typeof DraftDocument>;
  try {
    doc = DraftDocument.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
  } catch (err) {
    throw new Error(`the draft ${draftKey(place)} in ${store.location} cannot be read: ${(err as Error).message.slice(0, 300)}`, { cause: err });
  }
  return doc.kind === 'draft' ? doc : undefined;
}

/**
 * Clears the draft at `place` after the submission of `revision` (overwrites it with a marker; see
 * ClearedDraft). Does nothing when there is none. Throws the store's error.
 */
export async function clearDraft(store: DocumentStore, place: DraftPlace, revision: number, at: Date): Promise<void> {
  if (!(await store.has(draftKey(place)))) return;
  const cleared = ClearedDraft.parse({ kind: 'cleared', areaId: place.areaId, side: place.side, clearedAt: at.toISOString(), revision });
  await store.put(draftKey(place), JSON.stringify(cleared), { contentType: 'application/json' });
}

/**
 * Whether a draft still stands for the form of `area`: not when the link's own recipient recorded
 * an input after saving it (a submission whose answer came late, or one from the command line),
 * which the draft would otherwise hide. An input from the other owner leaves the draft standing.
 */
export function draftStands(draft: SavedDraft, area: Pick<AreaState, 'submittedAt' | 'submittedBy'>, recipient: string): boolean {
  if (!area.submittedAt || Date.parse(area.submittedAt) <= Date.parse(draft.savedAt)) return true;
  return area.submittedBy?.email.toLowerCase() !== recipient.toLowerCase();
}
