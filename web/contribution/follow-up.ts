/**
 * The follow-up section of the input form (issue 14): when the cycle before this one is on record
 * (its archive in the document store), the form shows that cycle's status per commitment and the
 * next steps the owners wrote then, and asks how far those next steps went (`followUp.outcome`:
 * done / partly / not done, and `followUp.comment`). A first cycle has no such section and no
 * such fields, and its input is as before.
 *
 * Last cycle's record is read from the archive and, by reference, its final input (no Temporal
 * query, so it works after retention), through one cache per web server (`CyclesOnRecord`:
 * finished cycles' archives and content-addressed inputs never change). The section's markup is
 * ./follow-up-section.ts.
 */
import { CyclesOnRecord, type LastCycleOfArea } from '../../activities/report/across-cycles/record';
import type { Contribution, ContributionInput, FollowUpOutcome } from '../../domain/schemas';
import type { DocumentStore } from '../../infra/storage';
import type { followUpTexts } from './follow-up-texts';

/** Form fields by name, as typed (./form.ts `FormValues`, which imports this module). */
type FormValues = Record<string, string>;

/** The form's fields of the follow-up, by the paths the schema's errors name. */
export const FOLLOW_UP_FIELDS = ['followUp.outcome', 'followUp.comment'] as const;

const readers = new WeakMap<DocumentStore, CyclesOnRecord>();

/**
 * What the cycle before `year` recorded of area `areaId` (statuses, next steps), read from the
 * archives in `store` through a cache kept per store; undefined for a first cycle, or when the
 * archives cannot be read (the form then asks nothing more than before, and says nothing wrong).
 */
export async function lastCycleForForm(store: DocumentStore, year: number, areaId: string): Promise<LastCycleOfArea | undefined> {
  let reader = readers.get(store);
  if (!reader) readers.set(store, (reader = new CyclesOnRecord(store)));
  return reader.lastCycleOfArea(year, areaId).catch(() => undefined);
}

/** The follow-up's form values of an input on record (empty when it has none). */
export function followUpValues(contribution: Pick<Contribution, 'followUp'> | undefined): FormValues {
  return { 'followUp.outcome': contribution?.followUp?.outcome ?? '', 'followUp.comment': contribution?.followUp?.comment ?? '' };
}

/**
 * The input's `followUp` from the form's values: absent when neither an outcome was chosen nor a
 * comment typed (a first cycle's form has neither field), else as typed, so the schema names a
 * comment without an outcome at `followUp.outcome`.
 */
export function followUpFrom(values: FormValues): Pick<ContributionInput, 'followUp'> {
  const outcome = values['followUp.outcome'] ?? '';
  const comment = values['followUp.comment'] ?? '';
  if (!outcome && !comment.trim()) return {};
  return { followUp: { outcome: outcome as FollowUpOutcome, comment } };
}

/** The label of a follow-up field (`followUp.outcome`, `followUp.comment`), or undefined for another path. */
export function followUpLabel(t: { followUp: ReturnType<typeof followUpTexts> }, path: string): string | undefined {
  if (path === 'followUp.outcome' || path === 'followUp') return t.followUp.outcome;
  if (path === 'followUp.comment') return t.followUp.comment;
  return undefined;
}
