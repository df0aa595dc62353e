/**
 * The audit export of a review cycle: its whole event history (the `state` query's `events`, in the
 * order the workflow recorded them) as rows for people and tools. Pure functions of
 * `ReviewCycleState`, so the CLI (`sdp-review audit`), the web dashboard and the durable archive (./index.ts) give the same export.
 *
 * Rows keep the recorded order (`seq`), not a sort by time: an area's action carries the instant it
 * happened in the area's own workflow and reaches the cycle's history a moment later, so a system
 * event (e.g. `mail-sent`) can sit between them with a time a few milliseconds apart.
 *
 * CSV: RFC 4180 as written by `csv-stringify` (maintained by the `csv` project, the most used CSV
 * writer on npm): comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote
 * or a line break, quotes doubled. Encoded UTF-8 with a byte-order mark, because Excel reads a
 * CSV without one in the machine's legacy code page and would show "Ã«" for "ë". Fields that
 * begin with `=`, `+`, `-`, `@`, tab or CR get a leading `'` (csv-stringify's `escape_formulas`),
 * so text people typed (a comment, a reason) cannot run as a spreadsheet formula (CSV injection);
 * the JSON export keeps every value as it is.
 *
 * The `detail` column words each event from its typed fields (`eventDetail`), with instants as
 * local times in the cycle's zone; an event recorded before the typed fields existed keeps its
 * free-text `detail` as it was.
 */
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { CycleEvent } from '../../domain/events';
import type { ReviewCycleState } from '../../domain/state';

/** The export formats, as `sdp-review audit --format` and the dashboard's download offer them. */
export const AUDIT_FORMATS = ['csv', 'json'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** One event of the audit trail. Absent values are omitted (JSON) or empty (CSV). */
export interface AuditRow {
  /** 1-based position in the cycle's history. */
  seq: number;
  /** The instant, ISO 8601 UTC (`2026-03-30T08:00:00.000Z`). */
  at: string;
  /** The same instant in the cycle's time zone, ISO 8601 with offset (`2026-03-30T10:00:00.000+02:00`). */
  local: string;
  /** IANA zone of `local`, e.g. `Europe/Brussels`. */
  timeZone: string;
  actor: { email: string; name?: string };
  /** coordinator, area-owner, director or system. */
  role: string;
  /** How the action arrived: cli, web, schedule or system. */
  channel: string;
  /** Short verb-phrase id: `cycle-started`, `contribution-submitted`, `draft-approved-for-sign-off`, … */
  action: CycleEvent['action'];
  areaId?: string;
  /** The area's title as the Partnership text gives it. */
  area?: string;
  /** Draft version the action concerns. */
  version?: number;
  /** What the event was about, as one phrase (`revision 2`, `due 2026-05-10 23:59 (Europe/Brussels)`); see `eventDetail`. */
  detail?: string;
  /** For actions through a mailed link: the link's id (never the token), client address and user agent. */
  linkId?: string;
  clientAddress?: string;
  userAgent?: string;
}

/** The CSV columns, in order: header name and how to read it from a row. */
const CSV_COLUMNS: [string, (r: AuditRow) => string | number | undefined][] = [
  ['seq', (r) => r.seq],
  ['time_utc', (r) => r.at],
  ['time_local', (r) => r.local],
  ['time_zone', (r) => r.timeZone],
  ['actor_email', (r) => r.actor.email],
  ['actor_name', (r) => r.actor.name],
  ['role', (r) => r.role],
  ['channel', (r) => r.channel],
  ['action', (r) => r.action],
  ['area_id', (r) => r.areaId],
  ['area', (r) => r.area],
  ['draft_version', (r) => r.version],
  ['detail', (r) => r.detail],
  ['link_id', (r) => r.linkId],
  ['client_address', (r) => r.clientAddress],
  ['user_agent', (r) => r.userAgent],
];

/** The CSV header names, in column order. */
export const AUDIT_CSV_HEADER = CSV_COLUMNS.map(([name]) => name);

/** Every event of the cycle, in recorded order, with local times in the cycle's zone. */
export function auditRows(state: ReviewCycleState): AuditRow[] {
  const titles = new Map(state.areas.map((a) => [a.id, a.title]));
  return state.events.map((e, i) => {
    const row: AuditRow = {
      seq: i + 1,
      at: e.at,
      local: DateTime.fromISO(e.at, { zone: 'utc' }).setZone(state.timeZone).toISO() ?? e.at,
      timeZone: state.timeZone,
      actor: { email: e.actor.email, ...(e.actor.name ? { name: e.actor.name } : {}) },
      role: e.actor.role,
      channel: e.actor.channel,
      action: e.action,
    };
    if (e.areaId) {
      row.areaId = e.areaId;
      const title = titles.get(e.areaId);
      if (title) row.area = title;
    }
    if (e.version !== undefined) row.version = e.version;
    const detail = eventDetail(e, state.timeZone);
    if (detail) row.detail = detail;
    if (e.actor.linkId) row.linkId = e.actor.linkId;
    if (e.actor.clientAddress) row.clientAddress = e.actor.clientAddress;
    if (e.actor.userAgent) row.userAgent = e.actor.userAgent;
    return row;
  });
}

/**
 * One phrase saying what an event was about, from its typed fields: `kick-off 2026-03-30, inputs
 * due 2026-04-27`, `revision 2`, `changed: cyber-issues, fimi`, `cyber-issues: <comment>`, a
 * reason or a comment as typed, `<mail kind> to <address> (<message id>)`… Instants are worded as
 * local dates or times in `timeZone`. The legacy free-text `detail` wins when present; undefined
 * when the kind has nothing to add (`collection-closed`, `draft-signed`, …).
 */
export function eventDetail(e: CycleEvent, timeZone: string): string | undefined {
  if (e.detail) return e.detail;
  const date = (instant: string) => DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).toISODate()!;
  const time = (instant: string) => `${DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).toFormat('yyyy-LL-dd HH:mm')} (${timeZone})`;
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(', ') || undefined;
  const areas = e.areaIds?.join(', ');
  switch (e.action) {
    case 'cycle-started':
      return join(e.kickoffDate && `kick-off ${e.kickoffDate}`, e.dueAt && `inputs due ${date(e.dueAt)}`);
    case 'stage-entered':
      return e.stage;
    case 'contribution-submitted':
    case 'contribution-revised':
      return e.revision !== undefined ? `revision ${e.revision}` : undefined;
    case 'deadline-extended':
      return e.dueAt && `due ${time(e.dueAt)}`;
    case 'draft-assembled':
      return areas && `changed: ${areas}`;
    case 'areas-reopened':
      return areas && e.comment ? `${areas}: ${e.comment}` : areas ?? e.comment;
    case 'rating-overridden':
      return e.rating && e.reason ? `${e.rating}: ${e.reason}` : e.rating ?? e.reason;
    case 'area-waived':
    case 'cycle-cancelled':
    case 'archive-failed':
    case 'cycle-stuck':
      return e.reason;
    case 'cycle-resumed':
      return e.version === undefined ? undefined : `draft v${e.version} rendered`;
    case 'role-reassigned': {
      const p = e.people;
      const role = p?.role && (p.role.kind === 'director' ? `${p.role.side.toUpperCase()} director` : `${p.role.side.toUpperCase()} owner of ${p.role.areaId}`);
      return join(role && p?.previous && p.next && `${role}: ${p.previous.name} <${p.previous.email}> → ${p.next.name} <${p.next.email}>`, e.reason);
    }
    case 'deputy-named':
      return join(e.people?.deputy && e.people.principal && `${e.people.deputy.name} <${e.people.deputy.email}> for ${e.people.principal.name}, ${e.people.fromDate} to ${e.people.untilDate}`, e.reason);
    case 'deputy-ended':
      return join(e.people?.principal && `${e.people.principal.name} <${e.people.principal.email}>`, e.reason);
    case 'draft-approved-by-director':
    case 'changes-requested-by-director':
      return e.comment || undefined;
    case 'reminder-sent':
      return e.reminders && `${e.reminders.to}: ${e.reminders.items.join('; ')}`;
    case 'report-submitted':
      return e.mail && `to ${e.mail.to}${e.mail.messageId ? ` (${e.mail.messageId})` : ''}`;
    case 'mail-sent':
      return e.mail && `${e.mail.kind} to ${e.mail.to}${e.mail.messageId ? ` (${e.mail.messageId})` : ''}${e.mail.alreadySent ? ', already sent before' : ''}`;
    case 'mail-failed':
      return e.mail && `${e.mail.kind} to ${e.mail.to}${e.mail.error ? `: ${e.mail.error}` : ''}`;
    case 'synthesis-written':
      return e.version === undefined ? undefined : `synthesis of draft v${e.version}`;
    case 'draft-updated':
      return e.version === undefined ? undefined : `draft v${e.version} rendered again`;
    case 'collection-closed':
    case 'draft-approved-for-sign-off':
    case 'rating-override-removed':
    case 'draft-signed':
      return undefined;
    default:
      return noDetail(e.action);
  }
}

/** A kind added to `EventKind` without a phrase here: tsc flags it; at run time, no detail. */
function noDetail(_kind: never): undefined {
  return undefined;
}

/** The rows as CSV text (see the module comment): BOM, header line, CRLF, RFC 4180 quoting. */
export function auditCsv(rows: AuditRow[]): string {
  return stringify(
    rows.map((r) => CSV_COLUMNS.map(([, get]) => get(r) ?? '')),
    { bom: true, header: true, columns: AUDIT_CSV_HEADER, record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true, cast: { number: (n) => String(n) } },
  );
}

/** The rows as a JSON array (two-space indent, trailing newline). */
export function auditJson(rows: AuditRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** The file name people get for a download: `sdp-review-2026-audit.csv`. */
export function auditFileName(year: number, format: AuditFormat): string {
  return `sdp-review-${year}-audit.${format}`;
}
