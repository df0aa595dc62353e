/**
 * The shapes of sdp-review, as zod schemas: the single description of each shape; TypeScript types
 * are inferred from them. This module is imported by workflows (so it is deterministic and free of
 * Node imports), activities, the worker, the CLI and the web server.
 *
 * Source of the domain: the EU–Albania Security and Defence Partnership (seeds/partnership.txt):
 * areas of cooperation (§13–31) and the General Framework (§9–11), reviewed each year in the
 * Security and Defence Dialogue at Directors' level and discussed at the SA Council (§9, §32).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { cleanText } from './text';

// ---------------------------------------------------------------------------------------------
// Scalars

/** A stable identifier: lower-case letters, digits and single hyphens, e.g. `cyber-issues`. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens');

/** An e-mail address (RFC 5322 addr-spec as zod checks it), kept lower-case. */
export const EmailAddress = z.email({ message: 'must be an e-mail address' }).transform((s) => s.toLowerCase());

/** An instant, ISO 8601 in UTC with a `Z` (e.g. `2026-03-30T21:59:59.999Z`). */
export const Instant = z.iso.datetime({ message: 'must be an ISO 8601 instant in UTC, e.g. 2026-03-30T08:00:00Z' });

/** The first and last calendar dates a date field takes (YYYY-MM-DD). */
export const CALENDAR_DATE_MIN = '1900-01-01';
export const CALENDAR_DATE_MAX = '2999-12-31';

/** A calendar date, ISO 8601 `YYYY-MM-DD`, read in the cycle's time zone. */
export const CalendarDate = z
  .string()
  // zod's own z.iso.date() rejects valid dates inside Temporal's workflow sandbox, so the check is
  // a plain pattern plus luxon's calendar validation (e.g. 2026-02-30 is refused).
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => DateTime.fromISO(s, { zone: 'UTC' }).isValid, 'must be a real calendar date YYYY-MM-DD')
  // Days around it are computed (the day before a deputy's first day, the end of a local day): a
  // year such as 0000 has no day before it that the format can write, and no cycle is that far off.
  .refine((s) => s >= CALENDAR_DATE_MIN && s <= CALENDAR_DATE_MAX, `must be a date from ${CALENDAR_DATE_MIN} to ${CALENDAR_DATE_MAX}`);

/** A review year: the cycle reviews the Partnership for this calendar year. */
export const ReviewYear = z.number().int().min(2024, 'must be 2024 or later').max(2100, 'must be 2100 or earlier');

/** Text typed by a person: cleaned once here (see `cleanText`: pasted control characters removed, letters kept), then trimmed. */
export const PersonText = (max: number) =>
  z
    .string()
    .transform((s) => cleanText(s).trim())
    .pipe(z.string().max(max, `must be at most ${max} characters`));

/** Like `PersonText` but must not be empty after cleaning. */
export const RequiredText = (max: number) =>
  z
    .string()
    .transform((s) => cleanText(s).trim())
    .pipe(z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`));

// ---------------------------------------------------------------------------------------------
// The Partnership: areas of cooperation and their commitments (seeds/areas.json)

/** A side of the Partnership. */
export const Side = z.enum(['eu', 'al']);
export type Side = z.infer<typeof Side>;

/** An undertaking in the Partnership text, tracked per cycle. */
export const Commitment = z.strictObject({
  /** Stable id, `<area id>-<n>`, e.g. `cyber-issues-2`. */
  id: Slug,
  /** Paragraph of the Partnership text that makes the undertaking (1–33). */
  paragraph: z.number().int().min(1).max(33),
  /** Short wording of our own, as shown in tables. */
  wording: RequiredText(300),
  /**
   * The same short wording in Albanian, for Albanian readers (seeds/areas.json requires it; a cycle
   * started before it existed has none, and its pages fall back to the English wording).
   */
  wordingSq: RequiredText(300).optional(),
  /** The undertaking as the text gives it (an excerpt of the paragraph). */
  quote: RequiredText(1000),
});
export type Commitment = z.infer<typeof Commitment>;

/** An area of cooperation (§13–31) or the cross-cutting General Framework (§10–11). */
export const AreaOfCooperation = z.strictObject({
  id: Slug,
  /** The title as the Partnership text gives it. */
  title: RequiredText(300),
  /** The title in Albanian (our translation; see seeds/README.md). Optional here, required in the seed file. */
  titleSq: RequiredText(300).optional(),
  /** The paragraphs of the text that belong to the area, ascending. */
  paragraphs: z.array(z.number().int().min(1).max(33)).min(1),
  /** True for the General Framework, which cuts across the areas. */
  crossCutting: z.boolean().default(false),
  commitments: z.array(Commitment).min(1),
});
export type AreaOfCooperation = z.infer<typeof AreaOfCooperation>;

export const AreasSeed = z
  .array(AreaOfCooperation)
  .min(1)
  .superRefine((areas, ctx) => {
    const seen = new Set<string>();
    areas.forEach((area, i) => {
      if (seen.has(area.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate area id "${area.id}"` });
      seen.add(area.id);
      area.commitments.forEach((c, j) => {
        if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'commitments', j, 'id'], message: `duplicate id "${c.id}"` });
        seen.add(c.id);
      });
    });
  });

/**
 * The areas as seeds/areas.json must give them: every area's title and every commitment's wording
 * in both languages, none empty. A cycle's input (`AreasSeed`) keeps the Albanian texts optional,
 * so histories recorded before they existed still replay.
 */
export const AreasSeedFile = AreasSeed.superRefine((areas, ctx) => {
  areas.forEach((area, i) => {
    if (area.titleSq === undefined) ctx.addIssue({ code: 'custom', path: [i, 'titleSq'], message: 'must give the Albanian title' });
    area.commitments.forEach((c, j) => {
      if (c.wordingSq === undefined) ctx.addIssue({ code: 'custom', path: [i, 'commitments', j, 'wordingSq'], message: 'must give the Albanian wording' });
    });
  });
});

/** An area's title in `lang`: the Albanian one when there is one, else the English (the Partnership's). */
export function areaTitleIn(area: { title: string; titleSq?: string }, lang: Language): string {
  return lang === 'sq' && area.titleSq ? area.titleSq : area.title;
}

/** A commitment's short wording in `lang`, falling back to the English one. */
export function commitmentWordingIn(commitment: { wording: string; wordingSq?: string }, lang: Language): string {
  return lang === 'sq' && commitment.wordingSq ? commitment.wordingSq : commitment.wording;
}

// ---------------------------------------------------------------------------------------------
// People (seeds/participants.json)

/** The language a person reads mails and pages in: Albanian (`sq`) or English (`en`). */
export const Language = z.enum(['en', 'sq'], { message: 'must be en or sq' });
export type Language = z.infer<typeof Language>;

/**
 * The language of a person: their own, else by side (the Albanian side reads Albanian, the EU side
 * English), else English — for a recipient that is no person of the seeds (the SA Council
 * secretariat) and for links mailed before people had a language.
 */
export function languageOf(person: { language?: Language; side?: Side }): Language {
  return person.language ?? (person.side === 'al' ? 'sq' : 'en');
}

/** A person who takes part in the cycle. Names keep Albanian letters exactly (ë, ç, Ë, Ç). */
export const Person = z.strictObject({
  name: RequiredText(200),
  email: EmailAddress,
  /** Ministry, agency or EU service. */
  organisation: RequiredText(300),
  side: Side,
  /** Job title, e.g. "Director for Security and Defence Policy". */
  position: PersonText(200).optional(),
  /**
   * The language of the person's mails and pages; absent means by side (`languageOf`). Optional so
   * that cycles started before it existed keep replaying.
   */
  language: Language.optional(),
});
export type Person = z.infer<typeof Person>;

/** The two owners of an area of cooperation: one on each side. */
export const AreaOwners = z.strictObject({ eu: Person, al: Person });
export type AreaOwners = z.infer<typeof AreaOwners>;

export const Participants = z.strictObject({
  /** The secretariat that runs the cycle. */
  coordinator: Person,
  /** The co-chairs of the Security and Defence Dialogue (Directors' level, §9). */
  directors: z.strictObject({ eu: Person, al: Person }),
  /** Where the signed report goes (§9, §32). */
  saCouncilSecretariat: z.strictObject({ name: RequiredText(200), email: EmailAddress }),
  /** Keyed by area id; every area of the seeds has owners. */
  areaOwners: z.record(Slug, AreaOwners),
});
export type Participants = z.infer<typeof Participants>;

// ---------------------------------------------------------------------------------------------
// Timing (seeds/timeline.json)

/** An IANA time zone name, e.g. `Europe/Brussels`. */
export const TimeZoneName = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone, e.g. Europe/Brussels' },
);

/**
 * Default timing of a cycle, in calendar days after the kick-off date (local, in `timeZone`).
 * A due day means the end of that day (23:59:59.999 local).
 */
export const Timeline = z.strictObject({
  timeZone: TimeZoneName,
  /** Inputs from area owners are due at the end of kick-off + this many days. */
  inputsDueDays: z.number().int().min(1).max(365),
  /** The coordinator reviews each draft within this many days of its assembly. */
  draftReviewDays: z.number().int().min(1).max(90),
  /** The directors sign off within this many days of the draft being sent to them. */
  signOffDays: z.number().int().min(1).max(90),
  /** The report reaches the SA Council secretariat by kick-off + this many days. */
  submissionDueDays: z.number().int().min(1).max(365),
  /** Owners of a reopened area revise within this many days. */
  reopenDays: z.number().int().min(1).max(90),
});
export type Timeline = z.infer<typeof Timeline>;

// ---------------------------------------------------------------------------------------------
// Contributions: what an area owner submits (by web form, CLI file, or sample input)

export const CommitmentStatus = z.enum(['not-started', 'in-progress', 'achieved', 'ongoing'], {
  message: 'must be one of not-started, in-progress, achieved, ongoing',
});
export type CommitmentStatus = z.infer<typeof CommitmentStatus>;

/** Progress on one commitment in the reporting year. */
export const CommitmentProgress = z.strictObject({
  commitmentId: Slug,
  status: CommitmentStatus,
  comment: PersonText(5_000).default(''),
});
export type CommitmentProgress = z.infer<typeof CommitmentProgress>;

export const DeliverableStatus = z.enum(['planned', 'in-progress', 'delivered', 'cancelled'], {
  message: 'must be one of planned, in-progress, delivered, cancelled',
});

/** A concrete output of the area (an exercise held, a training, an agreement signed…). */
export const Deliverable = z.strictObject({
  title: RequiredText(300),
  status: DeliverableStatus.default('planned'),
  /** Date reached or planned, YYYY-MM-DD. */
  date: CalendarDate.optional(),
  description: PersonText(2_000).default(''),
});
export type Deliverable = z.infer<typeof Deliverable>;

/** How far one of last cycle's next steps went: done, partly done, or not done. */
export const FollowUpOutcome = z.enum(['done', 'partly', 'not-done'], { message: 'must be one of done, partly, not-done' });
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;

/**
 * The follow-up of last cycle's next steps (issue 14), one per area: an area's next steps are one
 * free text (`nextSteps`), not a list with stable items, so the owners judge them as a whole and
 * say in the comment which parts went how. Absent in a first cycle and in inputs from before it.
 */
export const FollowUp = z.strictObject({
  outcome: FollowUpOutcome,
  comment: PersonText(20_000).default(''),
});
export type FollowUp = z.output<typeof FollowUp>;

/** Most files attached to one input. */
export const ATTACHMENTS_MAX = 10;

/**
 * The file types an input may attach, by the extension its store key ends in, with their MIME type
 * (as `file-type` reports them from the content: web/contribution/attachment-store.ts).
 */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  png: 'image/png',
  jpg: 'image/jpeg',
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

/**
 * A file attached to an input as evidence (issue 12), held in the document store under a
 * content-addressed key `<year>/attachments/<areaId>/<sha256>.<ext>`; the input carries only this
 * reference. The name is kept exactly as the owner's file had it (Albanian letters included): not
 * cleaned, only refused when it holds a path separator or a control character.
 */
export const Attachment = z
  .strictObject({
    // eslint-disable-next-line no-control-regex -- control characters are what the name must not hold
    name: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters').regex(/^[^/\\\u0000-\u001f\u007f-\u009f]+$/, 'must not contain / or \\ or control characters'),
    key: z.string().regex(/^\d{4}\/attachments\/[a-z0-9-]+\/[0-9a-f]{64}\.(?:pdf|docx|xlsx|odt|ods|png|jpg)$/, 'must be <year>/attachments/<area>/<sha256>.<ext>'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256 (64 characters 0-9a-f)'),
    /** Size in bytes. */
    bytes: z.number().int().min(1).max(1024 * 1024 * 1024),
    /** MIME type, one of ATTACHMENT_TYPES (found from the content, not from the name). */
    type: z.enum(Object.values(ATTACHMENT_TYPES) as [string, ...string[]], { message: `must be one of ${Object.values(ATTACHMENT_TYPES).join(', ')}` }),
  })
  .superRefine((a, ctx) => {
    // The key names the bytes and their type: a reference that says otherwise is a forged or broken one.
    const m = /\/([0-9a-f]{64})\.(\w+)$/.exec(a.key);
    if (m && m[1] !== a.sha256) ctx.addIssue({ code: 'custom', path: ['sha256'], message: 'must be the SHA-256 its key names' });
    if (m && ATTACHMENT_TYPES[m[2] as AttachmentExtension] !== a.type) ctx.addIssue({ code: 'custom', path: ['type'], message: `must be the type of its key (.${m[2]})` });
  });
export type Attachment = z.infer<typeof Attachment>;

/**
 * The input of one area for one cycle. Limits: 2 000 000 characters of narrative, 500
 * deliverables, and a size in all that depends on how the input travels (see
 * `contributionSchemaFor`): 2 MB when it is stored and the workflows carry its reference, 120 KB
 * when a client of an earlier version sends it inline in the Update.
 * Paths of errors name the field exactly (e.g. `deliverables.1.title`, `commitments.2.status`),
 * never a merged message under a parent field.
 */
export const Contribution = z.strictObject({
  areaId: Slug,
  commitments: z.array(CommitmentProgress).max(200),
  narrative: RequiredText(2_000_000),
  nextSteps: PersonText(200_000).default(''),
  deliverables: z.array(Deliverable).max(500).default([]),
  /** The outcome of last cycle's next steps, when the area had a previous cycle on record. */
  followUp: FollowUp.optional(),
  /** Files attached as evidence, by reference (absent in inputs from before attachments). */
  attachments: z.array(Attachment).max(ATTACHMENTS_MAX, `must be at most ${ATTACHMENTS_MAX} files`).optional(),
});

/** Largest input of one area stored by reference, in UTF-8 bytes of its JSON. */
export const CONTRIBUTION_MAX_BYTES = 2 * 1024 * 1024;
/** Largest input of one area sent inline in an Update (clients before storage by reference). */
export const INLINE_CONTRIBUTION_MAX_BYTES = 120 * 1024;
/** A contribution after validation and cleaning. */
export type Contribution = z.output<typeof Contribution>;
/** A contribution as sent by a client, before defaults are applied. */
export type ContributionInput = z.input<typeof Contribution>;

/**
 * The contribution schema for one area: the generic shape plus the area's own rules — the area id
 * matches, every commitment of the area is reported exactly once and no unknown one is — and the
 * size in all, at most `maxBytes` UTF-8 bytes of JSON (default CONTRIBUTION_MAX_BYTES).
 */
export function contributionSchemaFor(area: Pick<AreaOfCooperation, 'id' | 'commitments'>, maxBytes = CONTRIBUTION_MAX_BYTES) {
  const known = new Set(area.commitments.map((c) => c.id));
  return Contribution.superRefine((value, ctx) => {
    const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
    if (bytes > maxBytes) {
      const kb = (n: number) => `${Math.ceil(n / 1024).toLocaleString('en-GB')} KB`;
      ctx.addIssue({ code: 'custom', path: [], message: `the input is ${kb(bytes)}; at most ${kb(maxBytes)} in all (shorten the narrative or move detail into an annex)` });
    }
    if (value.areaId !== area.id) {
      ctx.addIssue({ code: 'custom', path: ['areaId'], message: `must be "${area.id}"` });
    }
    value.attachments?.forEach((a, i) => {
      if (a.key.split('/')[2] !== area.id) ctx.addIssue({ code: 'custom', path: ['attachments', i, 'key'], message: `must be a file of area ${area.id}` });
    });
    const seen = new Set<string>();
    value.commitments.forEach((c, i) => {
      if (!known.has(c.commitmentId)) {
        ctx.addIssue({ code: 'custom', path: ['commitments', i, 'commitmentId'], message: `unknown commitment "${c.commitmentId}" for area ${area.id}` });
      } else if (seen.has(c.commitmentId)) {
        ctx.addIssue({ code: 'custom', path: ['commitments', i, 'commitmentId'], message: `commitment "${c.commitmentId}" is reported twice` });
      }
      seen.add(c.commitmentId);
    });
    const missing = [...known].filter((id) => !seen.has(id));
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['commitments'], message: `must report every commitment of the area; missing: ${missing.join(', ')}` });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Who acts

export const Role = z.enum(['coordinator', 'area-owner', 'director', 'system']);
export type Role = z.infer<typeof Role>;

/** How an action reached the system. */
export const Channel = z.enum(['cli', 'web', 'schedule', 'system']);
export type Channel = z.infer<typeof Channel>;

/**
 * Who performs an action, and through what. For web actions the link's token id, client address
 * and user agent are kept so the audit trail can tell a person's action from a scanner's visit.
 */
export const Actor = z.strictObject({
  email: EmailAddress,
  name: PersonText(200).optional(),
  role: Role,
  channel: Channel,
  linkId: z.string().max(200).optional(),
  clientAddress: z.string().max(100).optional(),
  userAgent: z.string().max(500).optional(),
});
export type Actor = z.infer<typeof Actor>;

// ---------------------------------------------------------------------------------------------
// The review cycle: input and state

/** The stages, as the Partnership's process names them. */
export const Stage = z.enum(['collecting', 'drafting', 'sign-off', 'submission', 'submitted', 'cancelled']);
export type Stage = z.infer<typeof Stage>;

/**
 * Status of an area's input:
 * - `awaiting-input`: nothing submitted yet;
 * - `submitted`: an input is in (revisable while the area is open);
 * - `reopened`: the coordinator sent it back to its owners with a comment;
 * - `waived`: the coordinator waived it with a reason;
 * - `missing`: collection closed without an input.
 */
export const AreaStatus = z.enum(['awaiting-input', 'submitted', 'reopened', 'waived', 'missing']);
export type AreaStatus = z.infer<typeof AreaStatus>;

export const Waiver = z.strictObject({ reason: RequiredText(2_000), by: Actor, at: Instant });
export type Waiver = z.infer<typeof Waiver>;

export const DraftStatus = z.enum(['in-review', 'reopened', 'in-sign-off', 'changes-requested', 'signed', 'superseded']);
export type DraftStatus = z.infer<typeof DraftStatus>;

export const Decision = z.enum(['approve', 'request-changes']);

export type Decision = z.infer<typeof Decision>;

/** A red/amber/green rating of an area: derived from its commitments, or set by the coordinator. */
export const Rag = z.enum(['green', 'amber', 'red'], { message: 'must be green, amber or red' });
export type Rag = z.infer<typeof Rag>;
