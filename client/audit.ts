/**
 * The audit export of a review cycle: its whole event history (the `state` query's `events`, in the
 * order the workflow recorded them) as rows for people and tools. Pure functions of
 * `ReviewCycleState`, so the CLI (`sdp-review audit`) and the web dashboard give the same export.
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
 */
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { ReviewCycleState } from '../domain/schemas';

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
  action: string;
  areaId?: string;
  /** The area's title as the Partnership text gives it. */
  area?: string;
  /** Draft version the action concerns. */
  version?: number;
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
    if (e.detail) row.detail = e.detail;
    if (e.actor.linkId) row.linkId = e.actor.linkId;
    if (e.actor.clientAddress) row.clientAddress = e.actor.clientAddress;
    if (e.actor.userAgent) row.userAgent = e.actor.userAgent;
    return row;
  });
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
export function auditFileName(year: number, format: 'csv' | 'json'): string {
  return `sdp-review-${year}-audit.${format}`;
}
