/**
 * The secretariat's actions on the console, one description each: the stages it belongs to, the
 * fields of its form, how what was typed becomes the Update's arguments (checked with the same zod
 * schema as the workflow's validator, so a mistake is a field error before anything is sent), the
 * figures of its consequences (domain/consequences.ts, shared with the CLI) and the Update it sends.
 *
 * What was typed is kept as posted (`Typed`: each field's value, or values for check boxes): the
 * form, the confirmation page and every refusal show it again, so nothing typed is ever lost.
 */
import type { UpdateDefinition } from '@temporalio/client';
import { z } from 'zod';
import { SWITCH_FIELD } from '../plumbing/language';
import {
  cancelFigures,
  closeFigures,
  cyclePeople,
  deputyFigures,
  extendFigures,
  overrideFigures,
  reassignFigures,
  remindFigures,
  reopenFigures,
  resumeFigures,
  waiveFigures,
} from '../../domain/consequences';
import {
  CancelCycleArgs,
  CloseCollectionArgs,
  ExtendDeadlineArgs,
  OverrideRatingArgs,
  RemindNowArgs,
  ReopenAreasArgs,
  ResumeCycleArgs,
  WaiveAreaArgs,
  cancelCycleUpdate,
  closeCollectionUpdate,
  extendDeadlineUpdate,
  overrideRatingUpdate,
  reassignUpdate,
  remindNowUpdate,
  reopenAreasUpdate,
  resumeCycleUpdate,
  setDeputyUpdate,
  waiveAreaUpdate,
  type UpdateOutcome,
} from '../../domain/messages';
import { ReassignArgs, SetDeputyArgs, type RoleRef } from '../../domain/people';
import { coordinatorRound } from '../../domain/rounds';
import type { Actor, Side, Stage } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import { fieldErrors, type FieldError } from '../../domain/validation';

/** The console's actions, in the order the console lists them. */
export const CONSOLE_ACTIONS = ['remind', 'extend', 'waive', 'close', 'reopen', 'override', 'reassign', 'deputy', 'resume', 'cancel'] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

/** Whether `name` is one of the console's actions. */
export function isConsoleAction(name: string): name is ConsoleAction {
  return (CONSOLE_ACTIONS as readonly string[]).includes(name);
}

/** What a form typed, as posted: a value per field, or the values of a group of check boxes. */
export type Typed = Record<string, string | string[]>;

/** One value typed ('' when absent). */
export function one(typed: Typed, name: string): string {
  const v = typed[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** Every value of a group of check boxes. */
export function many(typed: Typed, name: string): string[] {
  const v = typed[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

/** A field of an action's form; labels are worded by the page (web/console/pages.ts). */
export type FieldKind = 'text' | 'email' | 'date' | 'textarea' | 'area' | 'areas' | 'rating' | 'role' | 'principal' | 'deputy-mode' | 'language' | 'hidden';
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
  maxlength?: number;
}

/** The figures of an action's consequences, by action (domain/consequences.ts), or why there are none. */
export type Figures =
  | { action: 'close'; f: NonNullable<ReturnType<typeof closeFigures>> }
  | { action: 'cancel'; f: NonNullable<ReturnType<typeof cancelFigures>> }
  | { action: 'reopen'; f: NonNullable<ReturnType<typeof reopenFigures>> }
  | { action: 'remind'; f: NonNullable<ReturnType<typeof remindFigures>> }
  | { action: 'extend'; f: NonNullable<ReturnType<typeof extendFigures>>; dueDate: string }
  | { action: 'waive'; f: NonNullable<ReturnType<typeof waiveFigures>> }
  | { action: 'override'; f: NonNullable<ReturnType<typeof overrideFigures>>; rating: 'green' | 'amber' | 'red' | null }
  | { action: 'reassign'; f: NonNullable<ReturnType<typeof reassignFigures>>; role: RoleRef; to: { name: string; email: string } }
  | { action: 'deputy'; f: NonNullable<ReturnType<typeof deputyFigures>>; deputy?: { name: string }; from?: string; until?: string }
  | { action: 'resume'; f: NonNullable<ReturnType<typeof resumeFigures>> };

/** An Update ready to send: its definition and arguments (the actor included). */
export interface Request {
  def: UpdateDefinition<UpdateOutcome, [never]>;
  args: unknown;
}

/** What became of what was typed: the Update and its figures, or the fields to correct. */
export type Prepared = { ok: true; request: Request; figures?: Figures } | { ok: false; errors: FieldError[] };

interface ActionSpec {
  /** The stages in which the workflow takes it (`stuck`: while the cycle is stuck). */
  stages: readonly Stage[] | 'stuck';
  fields: readonly FieldSpec[];
  /** The arguments from what was typed, before the actor is added: checked by `schema`. */
  args(typed: Typed, state: ReviewCycleState): Record<string, unknown>;
  schema: z.ZodType;
  def: UpdateDefinition<UpdateOutcome, [never]>;
  /** The figures of its consequences, from the state and the checked arguments; undefined when the stage does not take it. */
  figures(state: ReviewCycleState, args: Record<string, unknown>, now: string): Figures | undefined;
  /** Initial values of the form (hidden facts of the round it is shown in). */
  initial?(state: ReviewCycleState): Typed;
}

const RUNNING: readonly Stage[] = ['collecting', 'drafting', 'sign-off', 'submission'];
const opt = (s: string) => (s.trim() === '' ? undefined : s);
const def = <A>(d: UpdateDefinition<UpdateOutcome, [A]>) => d as unknown as UpdateDefinition<UpdateOutcome, [never]>;

/** `area-owner:<areaId>:<side>` or `director:<side>`, as the role select posts it. */
export function roleValue(role: RoleRef): string {
  return role.kind === 'director' ? `director:${role.side}` : `area-owner:${role.areaId}:${role.side}`;
}

function parseRole(value: string): RoleRef | undefined {
  const parts = value.split(':');
  const side = parts.at(-1);
  if (side !== 'eu' && side !== 'al') return undefined;
  if (parts[0] === 'director' && parts.length === 2) return { kind: 'director', side };
  if (parts[0] === 'area-owner' && parts.length === 3 && parts[1]) return { kind: 'area-owner', areaId: parts[1], side };
  return undefined;
}

/** The side of the person `email` in the cycle: a deputy or a new holder is on the same side by default. */
function sideOf(state: ReviewCycleState, email: string): Side {
  return cyclePeople(state).find((p) => p.email.toLowerCase() === email.toLowerCase())?.side ?? 'eu';
}

/** A person typed under `prefix` (`to.name`, `to.email`, …) on `side`. */
function personTyped(typed: Typed, prefix: string, side: Side): Record<string, unknown> {
  const language = one(typed, `${prefix}.language`);
  return {
    name: one(typed, `${prefix}.name`),
    email: one(typed, `${prefix}.email`).trim(),
    organisation: one(typed, `${prefix}.organisation`),
    side,
    ...(opt(one(typed, `${prefix}.position`)) ? { position: one(typed, `${prefix}.position`) } : {}),
    ...(language ? { language } : {}),
  };
}

const SPECS: Record<ConsoleAction, ActionSpec> = {
  remind: {
    stages: ['collecting'],
    fields: [{ name: 'areaIds', kind: 'areas' }],
    args: (typed) => (many(typed, 'areaIds').length ? { areaIds: many(typed, 'areaIds') } : {}),
    schema: RemindNowArgs,
    def: def(remindNowUpdate),
    figures: (state, a) => {
      const f = remindFigures(state, a.areaIds as string[] | undefined);
      return f && { action: 'remind', f };
    },
  },
  extend: {
    stages: ['collecting'],
    fields: [{ name: 'areaId', kind: 'area', required: true }, { name: 'dueDate', kind: 'date', required: true }],
    args: (typed) => ({ areaId: one(typed, 'areaId'), dueDate: one(typed, 'dueDate') }),
    schema: ExtendDeadlineArgs,
    def: def(extendDeadlineUpdate),
    figures: (state, a) => {
      const f = extendFigures(state, a.areaId as string);
      return f && { action: 'extend', f, dueDate: a.dueDate as string };
    },
  },
  waive: {
    stages: ['collecting'],
    fields: [{ name: 'areaId', kind: 'area', required: true }, { name: 'reason', kind: 'textarea', required: true, maxlength: 2_000 }],
    args: (typed) => ({ areaId: one(typed, 'areaId'), reason: one(typed, 'reason') }),
    schema: WaiveAreaArgs,
    def: def(waiveAreaUpdate),
    figures: (state, a) => {
      const f = waiveFigures(state, a.areaId as string);
      return f && { action: 'waive', f };
    },
  },
  close: {
    stages: ['collecting'],
    fields: [],
    args: () => ({}),
    schema: CloseCollectionArgs,
    def: def(closeCollectionUpdate),
    figures: (state) => {
      const f = closeFigures(state);
      return f && { action: 'close', f };
    },
  },
  reopen: {
    stages: ['drafting'],
    fields: [{ name: 'areaIds', kind: 'areas', required: true }, { name: 'comment', kind: 'textarea', required: true, maxlength: 5_000 }, { name: 'version', kind: 'hidden' }, { name: 'round', kind: 'hidden' }],
    // The form carries the draft and the round it was shown in: a confirmation posted after the
    // coordinator's round moved on (an old tab, a resent form) is refused and changes nothing.
    initial: (state) => {
      const version = state.drafts.at(-1)?.version ?? 0;
      return { version: String(version), round: String(coordinatorRound(state.events, version)) };
    },
    args: (typed) => ({ version: Number(one(typed, 'version')), round: Number(one(typed, 'round')), areaIds: many(typed, 'areaIds'), comment: one(typed, 'comment') }),
    schema: ReopenAreasArgs,
    def: def(reopenAreasUpdate),
    figures: (state, a) => {
      const f = reopenFigures(state, a.areaIds as string[], a.version as number);
      return f && { action: 'reopen', f };
    },
  },
  override: {
    stages: ['collecting', 'drafting'],
    fields: [{ name: 'areaId', kind: 'area', required: true }, { name: 'rating', kind: 'rating', required: true }, { name: 'reason', kind: 'textarea', maxlength: 2_000 }],
    args: (typed) => {
      const rating = one(typed, 'rating');
      return { areaId: one(typed, 'areaId'), rating: rating === 'none' ? null : rating, ...(opt(one(typed, 'reason')) ? { reason: one(typed, 'reason') } : {}) };
    },
    schema: OverrideRatingArgs,
    def: def(overrideRatingUpdate),
    figures: (state, a) => {
      const f = overrideFigures(state, a.areaId as string);
      return f && { action: 'override', f, rating: a.rating as 'green' | 'amber' | 'red' | null };
    },
  },
  reassign: {
    stages: RUNNING,
    fields: [
      { name: 'role', kind: 'role', required: true },
      { name: 'to.name', kind: 'text', required: true, maxlength: 200 },
      { name: 'to.email', kind: 'email', required: true, maxlength: 254 },
      { name: 'to.organisation', kind: 'text', required: true, maxlength: 300 },
      { name: 'to.position', kind: 'text', maxlength: 200 },
      { name: 'to.language', kind: 'language' },
      { name: 'reason', kind: 'textarea', required: true, maxlength: 2_000 },
    ],
    args: (typed) => {
      const role = parseRole(one(typed, 'role'));
      return { role: role ?? one(typed, 'role'), to: personTyped(typed, 'to', role?.side ?? 'eu'), reason: one(typed, 'reason') };
    },
    schema: ReassignArgs,
    def: def(reassignUpdate),
    figures: (state, a) => {
      const role = a.role as RoleRef;
      const f = reassignFigures(state, role);
      const to = a.to as { name: string; email: string };
      return f && { action: 'reassign', f, role, to };
    },
  },
  deputy: {
    stages: RUNNING,
    fields: [
      { name: 'principal', kind: 'principal', required: true },
      { name: 'mode', kind: 'deputy-mode', required: true },
      { name: 'deputy.name', kind: 'text', maxlength: 200 },
      { name: 'deputy.email', kind: 'email', maxlength: 254 },
      { name: 'deputy.organisation', kind: 'text', maxlength: 300 },
      { name: 'from', kind: 'date' },
      { name: 'until', kind: 'date' },
      { name: 'reason', kind: 'textarea', maxlength: 2_000 },
    ],
    initial: () => ({ mode: 'name' }),
    args: (typed, state) => {
      const principal = one(typed, 'principal');
      const end = one(typed, 'mode') === 'end';
      return {
        principal,
        deputy: end ? null : personTyped(typed, 'deputy', sideOf(state, principal)),
        ...(!end && opt(one(typed, 'from')) ? { from: one(typed, 'from') } : {}),
        ...(!end && opt(one(typed, 'until')) ? { until: one(typed, 'until') } : {}),
        ...(opt(one(typed, 'reason')) ? { reason: one(typed, 'reason') } : {}),
      };
    },
    schema: SetDeputyArgs,
    def: def(setDeputyUpdate),
    figures: (state, a, now) => {
      const deputy = a.deputy as { name: string } | null;
      const period = deputy ? { from: a.from as string, until: a.until as string } : undefined;
      const f = deputyFigures(state, a.principal as string, period, now);
      return f && { action: 'deputy', f, ...(deputy ? { deputy, from: period!.from, until: period!.until } : {}) };
    },
  },
  resume: {
    stages: 'stuck',
    fields: [],
    args: () => ({}),
    schema: ResumeCycleArgs,
    def: def(resumeCycleUpdate),
    figures: (state) => {
      const f = resumeFigures(state);
      return f && { action: 'resume', f };
    },
  },
  cancel: {
    stages: RUNNING,
    fields: [{ name: 'reason', kind: 'textarea', required: true, maxlength: 2_000 }],
    args: (typed) => ({ reason: one(typed, 'reason') }),
    schema: CancelCycleArgs,
    def: def(cancelCycleUpdate),
    figures: (state) => {
      const f = cancelFigures(state);
      return f && { action: 'cancel', f };
    },
  },
};

/** The fields of `action`'s form, in order. */
export function fieldsOf(action: ConsoleAction): readonly FieldSpec[] {
  return SPECS[action].fields;
}

/** The names an action's form posts (its fields; check boxes may repeat). */
export function fieldNames(action: ConsoleAction): string[] {
  return SPECS[action].fields.map((f) => f.name);
}

/** Whether the cycle's state takes `action` now (its stage, or being stuck for `resume`). */
export function isOpen(action: ConsoleAction, state: ReviewCycleState): boolean {
  const stages = SPECS[action].stages;
  return stages === 'stuck' ? !!state.stuck && !['submitted', 'cancelled'].includes(state.stage) : stages.includes(state.stage);
}

/** The stages `action` belongs to, for the refusal of one the stage does not take. */
export function stagesOf(action: ConsoleAction): Stage[] {
  const stages = SPECS[action].stages;
  return stages === 'stuck' ? [...RUNNING] : [...stages];
}

/** What a form first shows: empty fields, with the facts of the round it is shown in. */
export function initialTyped(action: ConsoleAction, state: ReviewCycleState): Typed {
  return SPECS[action].initial?.(state) ?? {};
}

/** The fields every console POST carries besides the action's own: the CSRF token and its subject, the page's language and step, the request id, the button, the language switch. */
const FRAME_FIELDS: ReadonlySet<string> = new Set(['_csrf', 't', 'lang', 'step', 'rid', 'op', SWITCH_FIELD]);

/**
 * The names of a posted body that `action`'s pages do not have (neither its fields nor the frame's),
 * in the order sent. The console reads its fields by name, so such a field would be dropped
 * without a word: a misspelt name from a script, a form from another version of the page.
 */
export function unknownFields(action: ConsoleAction, body: unknown): string[] {
  const own = new Set(fieldNames(action));
  return Object.keys(body && typeof body === 'object' ? body : {}).filter((name) => !own.has(name) && !FRAME_FIELDS.has(name));
}

/** Only the action's own fields of a posted body, as posted. */
export function typedOf(action: ConsoleAction, body: unknown): Typed {
  const out: Typed = {};
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  for (const f of SPECS[action].fields) {
    const v = b[f.name];
    if (typeof v === 'string') out[f.name] = v;
    else if (Array.isArray(v)) out[f.name] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** Field errors of the Update's arguments, named as the form names its fields. */
function formErrors(action: ConsoleAction, errors: FieldError[]): FieldError[] {
  return errors.map((e) => {
    if (e.path.startsWith('role')) return { ...e, path: 'role' };
    if (e.path.startsWith('areaIds')) return { ...e, path: 'areaIds' };
    if (action === 'reopen' && (e.path === 'version' || e.path === 'round')) return { ...e, path: 'areaIds' };
    return e;
  });
}

/**
 * The Update `action` sends for what was `typed`, as `actor`, with the figures of its consequences
 * at `now` (ISO 8601): `{ ok: false, errors }` naming the form's fields when the arguments do not
 * pass the Update's schema. `figures` is undefined when the cycle's stage does not take the action.
 */
export function prepare(action: ConsoleAction, typed: Typed, state: ReviewCycleState, actor: Actor, now: string): Prepared {
  const spec = SPECS[action];
  const args = { ...spec.args(typed, state), actor };
  const parsed = spec.schema.safeParse(args);
  if (!parsed.success) return { ok: false, errors: formErrors(action, fieldErrors(parsed.error)) };
  // Sent as typed (the workflow parses them again); the parsed copy gives the figures.
  return { ok: true, request: { def: spec.def, args }, figures: spec.figures(state, parsed.data as Record<string, unknown>, now) };
}

/** The arguments of a request without its actor, for the digest of its update id. */
export function argsForDigest(request: Request): unknown {
  const { actor: _actor, ...rest } = request.args as Record<string, unknown>;
  return rest;
}
