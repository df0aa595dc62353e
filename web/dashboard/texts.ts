/** The texts of the secretariat's dashboard (/cycles…): pages, figures, charts and event history. */
import type { CycleEvent, EventKind } from '../../domain/events';
import type { Stage } from '../../domain/schemas';
import { formatShortDateTime, localDate, type CommonTexts } from '../views/texts';

const ACTIONS: Record<EventKind, string> = {
  'cycle-started': 'Cycle started',
  'stage-entered': 'Stage entered',
  'mail-sent': 'Mail sent',
  'mail-failed': 'Mail failed',
  'reminder-sent': 'Reminder sent',
  'contribution-submitted': 'Input submitted',
  'contribution-revised': 'Input revised',
  'deadline-extended': 'Deadline extended',
  'area-waived': 'Area waived',
  'collection-closed': 'Collection closed',
  'draft-assembled': 'Draft assembled',
  'draft-approved-for-sign-off': 'Draft approved for sign-off',
  'areas-reopened': 'Areas reopened',
  'draft-approved-by-director': 'Approved by a director',
  'changes-requested-by-director': 'Changes requested by a director',
  'draft-signed': 'Draft signed by both directors',
  'report-submitted': 'Report submitted',
  'rating-overridden': 'Rating overridden',
  'rating-override-removed': 'Rating override removed',
  'cycle-cancelled': 'Cycle cancelled',
};

export const dashboardTexts = {
  cyclesTitle: 'Review cycles',
  cyclesIntro: 'Every review cycle on this server, running and closed, as Temporal lists them. Figures come from each cycle\'s own state.',
  live: 'This page updates itself every few seconds; without JavaScript, reload it to see new figures.',
  updated: (time: string) => `Updated at ${time}.`,
  liveFailed: 'The latest figures could not be read; trying again in a few seconds.',
  noCycles: 'No review cycle yet. Start one with: npx sdp-review start',
  listFailed: 'Temporal did not list the cycles. Please reload the page in a minute.',
  columns: { year: 'Year', stage: 'Stage', submitted: 'Areas submitted', overdue: 'Overdue', nextDeadline: 'Next deadline', started: 'Started', closed: 'Closed' },
  areasOf: (n: number, total: number) => `${n} of ${total}`,
  running: 'running',
  workflowStatus: (status: string) =>
    ({ RUNNING: 'running', COMPLETED: 'closed', FAILED: 'failed', CANCELLED: 'cancelled in Temporal', TERMINATED: 'terminated', CONTINUED_AS_NEW: 'continued', TIMED_OUT: 'timed out' } as Record<string, string>)[status] ?? status.toLowerCase(),
  figuresUnavailable: 'not available',
  figuresUnavailableNote: (what: string) => `The cycle's own state could not be read (${what}); the row shows what Temporal's list gives.`,
  timesIn: (zone: string) => `Times are in ${zone}.`,
  timesInMixed: 'Times are in each cycle\'s time zone; start and close times in UTC when the cycle could not be read.',

  cycleTitle: (year: number) => `Review cycle ${year}`,
  backToCycles: 'All review cycles',
  temporalUi: 'This cycle\'s workflow in the Temporal UI',
  auditCsv: 'Event history (.csv, for spreadsheets)',
  auditJson: 'Event history (.json)',
  stateUnavailable: (message: string) => `The cycle's state could not be read: ${message}`,
  visibilityOnly: 'What Temporal\'s list says about it:',

  summaryHeading: 'Summary',
  figures: {
    stage: 'Stage',
    submitted: 'Areas submitted',
    overdue: 'Overdue',
    nextDeadline: 'Next deadline',
    kickoff: 'Kick-off',
    inputsDue: 'Inputs due',
    submissionDue: 'Submission due',
    started: 'Workflow started',
    closed: 'Workflow closed',
    submittedAt: 'Report submitted',
    cancelledAt: 'Cancelled',
  },
  overdueNone: 'none',
  overdueWhat: (n: number, stage: string) =>
    n === 0 ? 'none' : stage === 'collecting' ? (n === 1 ? '1 area' : `${n} areas`) : stage === 'drafting' ? 'the draft review' : stage === 'sign-off' ? (n === 1 ? '1 director\'s sign-off' : `${n} directors' sign-offs`) : String(n),
  deadlineWhat: (kind: 'area' | 'stage' | 'submission', stage: string, count?: number) =>
    kind === 'area' ? `input of ${count === 1 ? '1 area' : `${count ?? 0} areas`}` : kind === 'submission' ? 'submission to the SA Council' : `end of ${stage}`,
  noDeadline: 'none ahead',
  notYet: 'not yet',
  cancelledBy: (name: string, reason: string) => `by ${name}: ${reason}`,

  stagesHeading: 'Stages',
  stageState: { done: 'done', current: 'current stage', upcoming: 'to come' } as Record<'done' | 'current' | 'upcoming', string>,
  stageCancelled: 'cancelled during this stage',
  stageEntered: (date: string) => `since ${date}`,

  statusHeading: 'Areas at a glance',
  statusCategory: { submitted: 'Submitted', 'awaiting-input': 'Awaiting input', overdue: 'Overdue', reopened: 'Reopened', waived: 'Waived', missing: 'Missing' } as Record<string, string>,
  statusChartLabel: (parts: string) => `Areas by status: ${parts}.`,

  areasHeading: 'Areas of cooperation',
  areaColumns: { area: 'Area', status: 'Status', owners: 'Owners', due: 'Due', lastUpdate: 'Last update', nextReminder: 'Next reminder' },
  overdueBadge: 'Overdue',
  overdueBy: (days: number) => (days === 0 ? 'due date passed today' : days === 1 ? 'overdue by 1 day' : `overdue by ${days} days`),
  owner: (side: string, name: string) => `${side}: ${name}`,
  revision: (n: number) => `revision ${n}`,
  noUpdate: 'nothing yet',
  noReminder: 'none planned',

  timelineHeading: 'Timeline: planned and actual',
  timelineRows: { collecting: 'Collecting inputs', drafting: 'Drafting', 'sign-off': 'Director sign-off', submission: 'Submission' } as Record<string, string>,
  timelineLegend: {
    planned: 'Planned: kick-off to inputs due',
    due: 'Planned due date',
    actual: 'Actual time in the stage',
    late: 'In the stage after its due date',
    input: 'An input arrived',
    event: 'Draft assembled, decision or submission',
    now: 'Now',
  },
  timelineChartTitle: (year: number) => `Planned and actual dates of the ${year} cycle`,
  timelineChartDesc: (stage: string, inputsIn: number, total: number) => `The cycle is ${stage}. ${inputsIn} of ${total} areas have sent an input.`,
  timelineTable: { milestone: 'Stage', planned: 'Planned', actual: 'Actual' },
  plannedCollecting: (from: string, to: string) => `${from} to ${to}`,
  plannedDue: (date: string) => `due ${date}`,
  actualSpan: (from: string, to?: string) => (to ? `${from} to ${to}` : `since ${from}`),
  actualInputs: (n: number, total: number, last?: string) => `${n} of ${total} areas${last ? `; last input ${last}` : ''}`,
  inputsRow: 'Inputs received',
  kickoffRow: 'Kick-off',
  now: 'now',

  draftsHeading: 'Draft versions',
  noDrafts: 'No draft yet: drafts are assembled when collection closes.',
  draftTitle: (version: number) => `Draft v${version}`,
  draftMeta: (date: string, status: string) => `Assembled ${date}; ${status}.`,
  changedAreas: (from: number, to: number) => `Areas changed from v${from} to v${to}:`,
  noChangedAreas: (from: number, to: number) => `No area changed from v${from} to v${to}.`,
  changesPage: (from: number, to: number) => `Readable changes from v${from} to v${to} (.html)`,
  downloads: 'Downloads:',
  finalHeading: 'Submitted report',
  finalMeta: (date: string, version: number, to: string) => `Submitted ${date} (draft v${version} as signed) to ${to}.`,

  decisionsHeading: "Directors' decisions",
  noDecisions: 'No decision yet.',
  decisionColumns: { version: 'Draft', director: 'Director', decision: 'Decision', comment: 'Comment', when: 'When' },
  decision: (d: string) => (d === 'approve' ? 'Approved' : 'Requested changes'),
  noComment: 'no comment',

  eventsHeading: 'Event history',
  eventsIntro: (shown: number, total: number) => (shown < total ? `The latest ${shown} of ${total} events, newest first. The downloads have them all.` : `${total} events, newest first.`),
  eventColumns: { when: 'When', who: 'Who', what: 'What', channel: 'Through' },
  channel: { cli: 'command line', web: 'web link', schedule: 'schedule', system: 'system' } as Record<string, string>,
  action: (action: EventKind): string => ACTIONS[action] ?? action,
  /**
   * The line under an event's kind, from its typed fields; `timeZone` is the cycle's. An event
   * recorded before the typed fields existed shows its free text as it is.
   */
  eventDetail(e: CycleEvent, timeZone: string, stageName: (stage: Stage) => string): string | undefined {
    const text = (() => {
      switch (e.action) {
        case 'cycle-started':
          return e.kickoffDate && e.dueAt ? `kick-off ${e.kickoffDate}, inputs due ${localDate(e.dueAt, timeZone)}` : undefined;
        case 'stage-entered':
          return e.stage ? stageName(e.stage) : undefined;
        case 'contribution-submitted':
        case 'contribution-revised':
          return e.revision !== undefined ? `revision ${e.revision}` : undefined;
        case 'deadline-extended':
          return e.dueAt ? `due ${formatShortDateTime(e.dueAt, timeZone)}` : undefined;
        case 'rating-overridden':
          return e.rating ? `${e.rating}: ${e.reason ?? ''}` : undefined;
        case 'draft-assembled':
          return e.areaIds?.length ? `changed: ${e.areaIds.join(', ')}` : undefined;
        case 'areas-reopened':
          return e.areaIds ? `${e.areaIds.join(', ')}: ${e.comment ?? ''}` : undefined;
        case 'draft-approved-by-director':
        case 'changes-requested-by-director':
          return e.comment || undefined;
        case 'area-waived':
        case 'cycle-cancelled':
          return e.reason;
        case 'report-submitted':
          return e.mail ? `to ${e.mail.to} (${e.mail.messageId ?? ''})` : undefined;
        case 'reminder-sent':
          return e.reminders ? `${e.reminders.to}: ${e.reminders.items.join('; ')}` : undefined;
        case 'mail-sent':
          return e.mail ? `${e.mail.kind} to ${e.mail.to} (${e.mail.messageId ?? ''})${e.mail.alreadySent ? ', already sent before' : ''}` : undefined;
        case 'mail-failed':
          return e.mail ? `${e.mail.kind} to ${e.mail.to}: ${e.mail.error ?? ''}` : undefined;
        case 'collection-closed':
        case 'draft-approved-for-sign-off':
        case 'rating-override-removed':
        case 'draft-signed':
          return undefined;
      }
    })();
    return text ?? e.detail;
  },
  version: (v: number) => `draft v${v}`,

  fileLabel: (format: string, name: string) => ({ docx: `Word (.docx)`, html: `Web page (.html)`, md: `Markdown (.md)` } as Record<string, string>)[format] ?? name,
  unauthorizedTitle: 'Sign-in needed',
  unauthorized: 'The dashboard and the outbox need the credentials the secretariat set for this server (SDP_DASHBOARD_USER and SDP_DASHBOARD_PASSWORD). The links in your mails work without them.',
};

/** The texts the dashboard's pages use: the shared ones and its own. */
export type DashboardTexts = CommonTexts & { dashboard: typeof dashboardTexts };
