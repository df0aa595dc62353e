/**
 * The contribution form as flat fields: names are the dotted paths of the contribution
 * (`commitments.2.status`, `deliverables.1.title`), the same paths the validation errors name
 * (domain/validation.ts), so each error lands next to its own field.
 */
import { createHash } from 'node:crypto';
import type { Contribution, ContributionInput } from '../../domain/schemas';
import type { AreaState } from '../../domain/state';
import type { FieldError } from '../../domain/validation';
import { formProblems, type FormProblem } from '../plumbing/form-body';
import { field } from '../views/form-parts';
import { attachmentValues, attachmentsFrom, postedAttachmentValues } from './attachments';
import { FOLLOW_UP_FIELDS, followUpFrom, followUpValues } from './follow-up';

/** Form fields by name, as typed (never cleaned or trimmed: nothing typed is lost on an error). */
export type FormValues = Record<string, string>;

/** Empty deliverable rows shown after the filled ones. */
export const BLANK_ROWS = 2;
/** Most deliverables one input holds (the schema's limit): "more rows" adds none beyond it. */
export const MAX_ROWS = 500;
/**
 * Most deliverable rows the server reads from a posted form: more than the form ever shows, so a
 * row typed is never dropped; the schema then says when there are more than MAX_ROWS deliverables.
 * Text sent in rows beyond it is not read, and the page says so (a `not-read` problem).
 */
export const ROWS_READ = 1_000;

/** The flat values of the area's current contribution (empty fields when there is none). */
export function valuesOf(area: Pick<AreaState, 'commitments'>, contribution: Contribution | undefined): FormValues {
  const values: FormValues = { narrative: contribution?.narrative ?? '', nextSteps: contribution?.nextSteps ?? '', ...followUpValues(contribution) };
  area.commitments.forEach((c, i) => {
    const progress = contribution?.commitments.find((p) => p.commitmentId === c.id);
    values[`commitments.${i}.status`] = progress?.status ?? '';
    values[`commitments.${i}.comment`] = progress?.comment ?? '';
  });
  (contribution?.deliverables ?? []).forEach((d, j) => {
    values[`deliverables.${j}.title`] = d.title;
    values[`deliverables.${j}.status`] = d.status;
    values[`deliverables.${j}.date`] = d.date ?? '';
    values[`deliverables.${j}.description`] = d.description;
  });
  Object.assign(values, attachmentValues(contribution?.attachments ?? []));
  return values;
}

/**
 * Number of deliverable rows that `values` fill: the highest row + 1 with something typed in it (a
 * title, a date, a description, or a status other than the default). A posted form carries every
 * row it showed, the blank ones too: counting those as filled would add BLANK_ROWS more each time
 * the form comes back (a language switch, an error).
 */
export function filledRows(values: FormValues): number {
  let n = 0;
  for (const [key, value] of Object.entries(values)) {
    const m = /^deliverables\.(\d+)\.(\w+)$/.exec(key);
    if (!m) continue;
    const typed = m[2] === 'status' ? value !== '' && value !== 'planned' : value.trim() !== '';
    if (typed) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

/** The names of the fields the form reads, other than the deliverables' (`narrative`, `commitments.0.status`, …). */
function fixedNames(area: Pick<AreaState, 'commitments'>): string[] {
  return ['narrative', 'nextSteps', ...area.commitments.flatMap((_c, i) => [`commitments.${i}.status`, `commitments.${i}.comment`]), ...FOLLOW_UP_FIELDS];
}

const DELIVERABLE_FIELD = /^deliverables\.(\d+)\.(title|status|date|description)$/;

/**
 * The form fields of a posted body that belong to the contribution, keeping what was typed, and
 * what could not be read exactly (form-body.ts): a field with a broken escape or sent twice, and
 * text in rows beyond ROWS_READ or under a row number not written as the form writes it (as one
 * `not-read` problem named `deliverables`). A page shows
 * each problem next to its field and records nothing until the form is sent without any.
 */
export function postedValues(area: Pick<AreaState, 'commitments'>, body: unknown): { values: FormValues; rows: number; problems: FormProblem[] } {
  const values: FormValues = {};
  for (const name of fixedNames(area)) values[name] = field(body, name);
  // The hidden `rows` field says how many rows the page had; the rows actually posted count too,
  // so a damaged or missing `rows` never drops a deliverable that was typed.
  let posted = 0;
  let notRead = 0;
  for (const [key, value] of Object.entries(typeof body === 'object' && body !== null ? body : {})) {
    const m = DELIVERABLE_FIELD.exec(key);
    if (!m) continue;
    const row = Number(m[1]);
    // A row the form reads under its own name (`deliverables.01.title` is not `deliverables.1.title`).
    if (row < ROWS_READ && String(row) === m[1]) posted = Math.max(posted, row + 1);
    else if (m[2] !== 'status' && (Array.isArray(value) ? value.join('') : String(value)).trim()) notRead++;
  }
  const rows = Math.min(ROWS_READ, Math.max(0, Number.parseInt(field(body, 'rows'), 10) || 0, posted));
  for (let j = 0; j < rows; j++) {
    for (const name of ['title', 'status', 'date', 'description']) values[`deliverables.${j}.${name}`] = field(body, `deliverables.${j}.${name}`);
  }
  Object.assign(values, postedAttachmentValues(body, field));
  const problems = formProblems(body).filter((p) => Object.hasOwn(values, p.name));
  if (notRead) problems.push({ name: 'deliverables', problem: 'not-read', count: notRead });
  return { values, rows, problems };
}

/** The number of rows the form shows after "more rows" was pressed on a form of `rows` rows. */
export function moreRows(rows: number): number {
  return Math.min(Math.max(rows, MAX_ROWS), rows + 3);
}

/**
 * The contribution the form describes. Commitments follow the area's order (their ids come from
 * the area, not the form); a deliverable row with nothing typed in its title, date or description
 * is skipped. `rowOf[k]` is the form row of the k-th deliverable, to put its errors back in place.
 */
export function contributionFrom(area: Pick<AreaState, 'id' | 'commitments'>, values: FormValues, rows: number): { input: ContributionInput; rowOf: number[] } {
  const rowOf: number[] = [];
  const deliverables: NonNullable<ContributionInput['deliverables']> = [];
  for (let j = 0; j < rows; j++) {
    const v = (name: string) => values[`deliverables.${j}.${name}`] ?? '';
    if (!v('title').trim() && !v('date').trim() && !v('description').trim()) continue;
    rowOf.push(j);
    deliverables.push({
      title: v('title'),
      status: (v('status') || 'planned') as 'planned',
      ...(v('date').trim() ? { date: v('date').trim() } : {}),
      description: v('description'),
    });
  }
  const input: ContributionInput = {
    areaId: area.id,
    commitments: area.commitments.map((c, i) => ({
      commitmentId: c.id,
      status: (values[`commitments.${i}.status`] ?? '') as 'achieved',
      comment: values[`commitments.${i}.comment`] ?? '',
    })),
    narrative: values.narrative ?? '',
    nextSteps: values.nextSteps ?? '',
    deliverables,
    ...followUpFrom(values),
    ...attachmentsFrom(values),
  };
  return { input, rowOf };
}

/** Error paths of the contribution renamed to the form's fields (deliverable index → form row). */
export function errorsToFields(errors: FieldError[], rowOf: number[]): FieldError[] {
  return errors.map((e) => {
    const m = /^deliverables\.(\d+)(\..*)?$/.exec(e.path);
    if (!m) return e;
    const row = rowOf[Number(m[1])];
    return row === undefined ? e : { ...e, path: `deliverables.${row}${m[2] ?? ''}` };
  });
}

/**
 * The Update id of a contribution sent from a link: `<jti>:<hash>`, the hash over the posted form
 * without its CSRF token. The form carries `rid`, a nonce made when the page was rendered, so:
 * - a double click (the same form posted twice) gives the same id, and Temporal runs it once;
 * - a revision (the page opened again, or the form changed) gives a new id, and is recorded,
 *   even when its content equals an earlier one (an owner confirming an input after a reopening).
 */
export function contributionUpdateId(jti: string, body: unknown): string {
  const entries = body && typeof body === 'object' ? Object.entries(body as Record<string, unknown>).filter(([k]) => k !== '_csrf') : [];
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 32);
  return `${jti}:${hash}`;
}
