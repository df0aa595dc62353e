/**
 * The texts every page shares, in one language: the site's frame, the names of roles, stages and
 * statuses, the result and refusal pages, and what a closed step says. The wording is in the
 * catalogues web/locales/{en,sq}.json; this module gives it a typed shape (web/texts.ts joins it
 * with each step's texts). Dates are shown in the cycle's time zone, in the reader's language,
 * e.g. "Monday 30 March 2026, 23:59 (Europe/Brussels)" or "30 mars 2026 (e hënë), ora 23:59 (Europe/Brussels)".
 */
import { DateTime } from 'luxon';
import type { AreaStatus, CommitmentStatus, DraftStatus, Language, Role, Side, Stage } from '../../domain/schemas';
import { commitmentWordingIn } from '../../domain/schemas';
import { LOCALE, calendarDateText, localDateTimeText, type Messages } from '../../infra/i18n';
import type { LinkStep } from '../../links';
import type { AreaNames } from '../../seeds/area-names';

const utc = (instant: string | Date) => (typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant, { zone: 'utc' }));

/** A local date-time as people read it in `lang`, with the zone named; the input as is when it is not an instant. */
export function formatDateTime(instant: string | Date, timeZone = 'UTC', lang: Language = 'en'): string {
  const text = localDateTimeText(instant, timeZone, lang, 'long');
  return text ? `${text} (${timeZone})` : String(instant);
}

/** A short local date-time for tables, e.g. "Mon 30 Mar 2026, 23:59" (the page names the zone once). */
export function formatShortDateTime(instant: string | Date, timeZone = 'UTC', lang: Language = 'en'): string {
  return localDateTimeText(instant, timeZone, lang, 'short') ?? String(instant);
}

/** The local calendar date (YYYY-MM-DD) of an instant in `timeZone`; a value that is already a date, as is. */
export function localDate(value: string, timeZone = 'UTC'): string {
  const dt = utc(value);
  return dt.isValid && value.length > 10 ? (dt.setZone(timeZone).toISODate() ?? value) : value;
}

/** An address shown on a page that anyone holding the link can see: `g•••@example.al`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

const COMMITMENT_STATUSES: readonly CommitmentStatus[] = ['not-started', 'in-progress', 'achieved', 'ongoing'];
const DELIVERABLE_STATUSES = ['planned', 'in-progress', 'delivered', 'cancelled'] as const;
const AREA_STATUSES: readonly AreaStatus[] = ['awaiting-input', 'submitted', 'reopened', 'waived', 'missing'];
const DRAFT_STATUSES: readonly DraftStatus[] = ['in-review', 'reopened', 'in-sign-off', 'changes-requested', 'signed', 'superseded'];

/** `{ key: message }` for each of `keys` under `group`, in the order given. */
function labels<K extends string>(m: Messages, group: string, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, m(`${group}.${k}`)])) as Record<K, string>;
}

/**
 * The shared texts in the language of `m`. `areaNames` gives the Albanian titles of areas whose
 * state or outcome carries the English one only (cycles started before areas had Albanian titles).
 */
export function commonTexts(m: Messages, areaNames?: AreaNames) {
  const lang = m.lang;
  const stepClosed = {
    areaClosed: (title: string, status: string) => m('stepClosed.areaClosed', { title, status }),
    areaLastInput: (name: string, date: string, revision: number) => m('stepClosed.areaLastInput', { name, date, revision }),
    areaWaived: (name: string, date: string, reason: string) => m('stepClosed.areaWaived', { name, date, reason }),
    collectionClosedBy: (name: string, date: string) => m('stepClosed.collectionClosedBy', { name, date }),
    collectionClosedItself: (date: string) => m('stepClosed.collectionClosedItself', { date }),
    collectionClosed: m('stepClosed.collectionClosed'),
    draftComing: m('stepClosed.draftComing'),
    draftSuperseded: (version: number, current: number, status: string) => m('stepClosed.draftSuperseded', { version, current, status }),
    draftNotCurrentStage: (version: number, stage: string) => m('stepClosed.draftNotCurrentStage', { version, stage }),
    draftApproved: (version: number, name: string, date: string) => m('stepClosed.draftApproved', { version, name, date }),
    draftReopened: (version: number, name: string, date: string, detail: string) => m('stepClosed.draftReopened', { version, name, date, detail }),
    draftStatus: (version: number, status: string) => m('stepClosed.draftStatus', { version, status }),
    decided: (name: string, version: number, decision: string, date: string) => m('stepClosed.decided', { name, version, decision, date }),
    decidedHere: m('stepClosed.decidedHere'),
    changesRequested: (name: string, version: number, date: string) => m('stepClosed.changesRequested', { name, version, date }),
    bothApproved: (version: number) => m('stepClosed.bothApproved', { version }),
    reassigned: (name: string, date: string, by: string, reason: string) => m('stepClosed.reassigned', { name, date, by, reason }),
    deputyOver: (name: string) => m('stepClosed.deputyOver', { name }),
  };
  return {
    /** The language of the page (`<html lang>`). */
    lang,
    product: 'sdp-review',
    productLine: m('common.productLine'),
    skipToContent: m('common.skipToContent'),
    footer: m('common.footer'),
    nothingRecorded: m('common.nothingRecorded'),
    errorPrefix: m('common.errorPrefix'),

    /** An instant as a local date-time with its zone, in this language. */
    dateTime: (instant: string | Date, timeZone = 'UTC') => formatDateTime(instant, timeZone, lang),
    /** An instant as a short local date-time, in this language. */
    shortDateTime: (instant: string | Date, timeZone = 'UTC') => formatShortDateTime(instant, timeZone, lang),
    /** Items joined as this language joins a list ("a, b and c" / "a, b dhe c"; `or`: "a or b" / "a ose b"). */
    list: (items: readonly string[], type: 'and' | 'or' = 'and') => new Intl.ListFormat(LOCALE[lang], { type: type === 'or' ? 'disjunction' : 'conjunction' }).format(items),

    sideName: (side: Side) => m('common.side', { side }),
    /** An area's title in this language: its Albanian title (from the cycle, else the seeds) for Albanian readers. */
    areaTitle: (area: { id: string; title: string; titleSq?: string }): string =>
      lang === 'sq' ? (area.titleSq ?? areaNames?.(area.id)?.titleSq ?? area.title) : area.title,
    /** A commitment's short wording in this language. */
    commitmentWording: (c: { wording: string; wordingSq?: string }) => commitmentWordingIn(c, lang),

    /** A role's name in this language; a role this version does not know (an older or a newer history) as it is. */
    roleName: (role: Role): string => (m.has(`role.${role}`) ? m(`role.${role}`) : String(role)),
    stepName: (step: LinkStep): string => m(`step.${step}`),
    stageName: (stage: Stage): string => m(`stage.${stage}`),
    commitmentStatus: labels(m, 'commitmentStatus', COMMITMENT_STATUSES),
    deliverableStatus: labels(m, 'deliverableStatus', DELIVERABLE_STATUSES) as Record<string, string>,
    areaStatus: labels(m, 'areaStatus', AREA_STATUSES),
    draftStatus: labels(m, 'draftStatus', DRAFT_STATUSES),
    fileLabel: (format: string, name: string): string => (m.has(`fileLabel.${format}`) ? m(`fileLabel.${format}`, { name }) : name),

    /**
     * Makes a validation message read as a sentence next to its field. The schemas' messages are
     * English (domain/schemas.ts); the known ones are worded here in the page's language, and a
     * message already worded as a sentence (e.g. "Write a comment for the owners.", a refusal that
     * starts with the address typed) is kept exactly.
     */
    fieldMessage(message: string, value?: string): string {
      if (message === 'must not be empty') return m('fieldMessage.required');
      if (/^must be one of/.test(message) && (!value || lang !== 'en')) return m('fieldMessage.chooseOption');
      const max = /^must be at most (\d+) characters$/.exec(message);
      if (max) return m('fieldMessage.tooLong', { max: max[1]! });
      const range = /^must be a date from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$/.exec(message);
      if (range) return m('fieldMessage.dateRange', { min: range[1]!, max: range[2]! });
      if (/^must be a real calendar date/.test(message)) return m('fieldMessage.realDate');
      if (/^must be a date/.test(message)) return m('fieldMessage.date');
      const size = /^the input is (\d+) KB; at most (\d+) KB in all/.exec(message);
      if (size) return m('fieldMessage.tooLarge', { kb: size[1]!, max: size[2]! });
      // A deputy's period (domain/people.ts SetDeputyArgs): worded here, the first day in this language.
      const notBefore = /^must not be before the first day \((\d{4}-\d{2}-\d{2})\)$/.exec(message);
      if (notBefore) return m('fieldMessage.notBeforeFirstDay', { date: calendarDateText(notBefore[1]!, lang) ?? notBefore[1]! });
      if (/^must be the first day the deputy acts/.test(message)) return m('fieldMessage.deputyFirstDay');
      if (/^must be the last day the deputy acts/.test(message)) return m('fieldMessage.deputyLastDay');
      if (message === 'must be someone else than the person away') return m('fieldMessage.someoneElse');
      if (message === 'must be an e-mail address') return m('fieldMessage.email');
      if (lang !== 'en' && /^must /.test(message)) return m('fieldMessage.invalid');
      // A sentence already (a refusal, a page's own wording) is shown as it is: it may start with
      // an e-mail address or a name, which must read as typed, not capitalised.
      if (/[.!?]$/.test(message)) return message;
      return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    },

    /** The link that shows a page in another language: its label and its hint, in that language. */
    languageSwitch: {
      label: (to: Language) => m('language.switchTo', { lang: to }),
      hint: (to: Language) => m('language.switchHint', { lang: to }),
    },

    home: {
      title: m('home.title'),
      intro: m('home.intro'),
      outbox: m('home.outbox'),
      dashboard: m('home.dashboard'),
    },

    result: {
      title: m('result.title'),
      recordedHeading: m('result.recordedHeading'),
      nextHeading: m('result.nextHeading'),
      at: (date: string) => m('result.at', { date }),
      reference: (jti: string) => m('result.reference', { jti }),
      again: m('result.again'),
      alreadyTitle: m('result.alreadyTitle'),
      already: (name: string, date: string) => m('result.already', { name, date }),
    },

    errors: {
      invalidTitle: m('errors.invalidTitle'),
      invalid: m('errors.invalid'),
      wrongPageTitle: m('errors.wrongPageTitle'),
      wrongPage: (name: string, role: string, step: string, page: string) => m('errors.wrongPage', { name, role, step, page }),
      notAllowedTitle: m('errors.notAllowedTitle'),
      notAllowed: (action: string, allowed: string) => m('errors.notAllowed', { action, allowed }),
      forbiddenTitle: m('errors.forbiddenTitle'),
      csrfTitle: m('errors.csrfTitle'),
      csrf: m('errors.csrf'),
      /** The notice above a form shown again, with what was typed, after its CSRF check failed. */
      csrfKept: m('errors.csrfKept'),
      expiredTitle: m('errors.expiredTitle'),
      expired: (date: string) => m('errors.expired', { date }),
      freshOffer: (masked: string) => m('errors.freshOffer', { masked }),
      freshButton: m('errors.freshButton'),
      freshUnavailable: m('errors.freshUnavailable'),
      freshStepClosed: m('errors.freshStepClosed'),
      /** A refusal page after a POST (expired link, closed step, Temporal not answering): the heading and the hint above what was typed. */
      keptHeading: m('errors.keptHeading'),
      keptCopy: m('errors.keptCopy'),
      closedTitle: m('errors.closedTitle'),
      reassignedTitle: m('errors.reassignedTitle'),
      collectionClosedTitle: m('errors.collectionClosedTitle'),
      alreadyDecidedTitle: m('errors.alreadyDecidedTitle'),
      goneTitle: (year: number) => m('errors.goneTitle', { year }),
      submitted: (version: number, date: string, to: string) => m('errors.submitted', { version, date, to }),
      cancelled: (date: string, name: string, reason: string) => m('errors.cancelled', { date, name, reason }),
      notFoundTitle: m('errors.notFoundTitle'),
      notFound: m('errors.notFound'),
      cycleNotFound: m('errors.cycleNotFound'),
      unavailableTitle: m('errors.unavailableTitle'),
      unavailable: m('errors.unavailable'),
      tooManyTitle: m('errors.tooManyTitle'),
      tooMany: (seconds: number) => m('errors.tooMany', { minutes: Math.max(1, Math.ceil(seconds / 60)) }),
      tooLargeTitle: m('errors.tooLargeTitle'),
      tooLarge: m('errors.tooLarge'),
      badRequestTitle: m('errors.badRequestTitle'),
      badRequest: m('errors.badRequest'),
      internalTitle: m('errors.internalTitle'),
      internal: m('errors.internal'),
      fileInvalidTitle: m('errors.fileInvalidTitle'),
      fileInvalid: m('errors.fileInvalid'),
      fileExpiredTitle: m('errors.fileExpiredTitle'),
      fileExpired: m('errors.fileExpired'),
    },

    /** What a link's page says when its step is closed (web/plumbing/step-check.ts). */
    stepClosed,

    /** The page of an action sent that Temporal has not confirmed yet (web/pending/), and its outcome. */
    pending: {
      title: m('pending.title'),
      sent: (step: string) => m('pending.sent', { step }),
      doNotRepeat: (seconds: number) => m('pending.doNotRepeat', { seconds }),
      checkNow: m('pending.checkNow'),
      notRecordedTitle: m('pending.notRecordedTitle'),
      notRecorded: m('pending.notRecorded'),
      openAgain: m('pending.openAgain'),
      openPage: m('pending.openPage'),
    },

    /** What a form says of a field it could not read exactly (web/plumbing/form-body.ts). */
    input: {
      malformed: (sample: string) => m('input.malformed', { sample }),
      repeated: m('input.repeated'),
      notRead: (count: number) => m('input.notRead', { count }),
      /** Fields a form does not have: `names` (some of them), `count` in all. */
      unknown: (names: readonly string[], count: number) => m('input.unknown', { names: names.map((n) => `«${n}»`).join(', '), count, more: count - names.length }),
    },

    /** The cue above a table wider than a phone's screen. */
    tableScrollHint: m('common.tableScrollHint'),
  };
}

export type CommonTexts = ReturnType<typeof commonTexts>;
