/**
 * The texts of the secretariat's dashboard (/cycles…): pages, figures, charts and event history,
 * in one language (web/locales: `dashboard.*`). Events are worded from their typed fields; areas
 * by their titles and mails by what they are, never by internal ids.
 */
import type { CycleEvent, EventKind } from '../../domain/events';
import type { Stage } from '../../domain/schemas';
import type { StuckStep } from '../../domain/state';
import type { Messages } from '../../infra/i18n';
import { localDate, type CommonTexts } from '../views/texts';

/** The labels of a group of the catalogue (`dashboard.channel`…) as a record by key. */
function group(m: Messages, prefix: string): Record<string, string> {
  return Object.fromEntries(m.keysOf(prefix).map((k) => [k, m(`${prefix}.${k}`)]));
}

/** The dashboard's texts over the messages `m` and the shared texts `t` of the same language. */
export function dashboardTexts(m: Messages, t: CommonTexts) {
  const d = (key: string, values?: Parameters<Messages>[1]) => m(`dashboard.${key}`, values);
  const mailKind = (kind: string) => (m.has(`dashboard.mailKind.${kind}`) ? d(`mailKind.${kind}`) : d('mailKind.other'));
  return {
    cyclesTitle: d('cyclesTitle'),
    cyclesIntro: d('cyclesIntro'),
    live: d('live'),
    updated: (time: string) => d('updated', { time }),
    liveFailed: d('liveFailed'),
    noCycles: d('noCycles'),
    listFailed: d('listFailed'),
    columns: {
      year: d('columns.year'), stage: d('columns.stage'), submitted: d('columns.submitted'), overdue: d('columns.overdue'),
      nextDeadline: d('columns.nextDeadline'), started: d('columns.started'), closed: d('columns.closed'),
    },
    areasOf: (n: number, total: number) => d('areasOf', { n, total }),
    running: d('running'),
    workflowStatus: (status: string) => (m.has(`dashboard.workflowStatus.${status}`) ? d(`workflowStatus.${status}`) : status.toLowerCase()),
    figuresUnavailable: d('figuresUnavailable'),
    figuresUnavailableNote: (what: string) => d('figuresUnavailableNote', { what }),
    timesIn: (zone: string) => d('timesIn', { zone }),
    timesInMixed: d('timesInMixed'),

    cycleTitle: (year: number) => d('cycleTitle', { year }),
    backToCycles: d('backToCycles'),
    temporalUi: d('temporalUi'),
    auditCsv: d('auditCsv'),
    auditJson: d('auditJson'),
    stateUnavailable: (message: string) => d('stateUnavailable', { message }),
    visibilityOnly: d('visibilityOnly'),

    summaryHeading: d('summaryHeading'),
    figures: {
      stage: d('figures.stage'), submitted: d('figures.submitted'), overdue: d('figures.overdue'), nextDeadline: d('figures.nextDeadline'),
      kickoff: d('figures.kickoff'), inputsDue: d('figures.inputsDue'), submissionDue: d('figures.submissionDue'), started: d('figures.started'),
      closed: d('figures.closed'), submittedAt: d('figures.submittedAt'), cancelledAt: d('figures.cancelledAt'),
    },
    overdueNone: d('overdueNone'),
    // ICU selectors are identifiers: stage `sign-off` is selected as `signOff`.
    overdueWhat: (n: number, stage: string) => (n === 0 ? d('overdueNone') : d('overdueWhat', { n, stage: stage === 'sign-off' ? 'signOff' : stage })),
    deadlineWhat: (kind: 'area' | 'stage' | 'submission', stage: string, count?: number) => d('deadlineWhat', { kind, stage, count: count ?? 0 }),
    noDeadline: d('noDeadline'),
    notYet: d('notYet'),
    cancelledBy: (name: string, reason: string) => d('cancelledBy', { name, reason }),
    /** A stuck cycle, worded by what cannot go on (a draft's render, the final's render, its delivery). */
    stuck: (date: string, version: number, reason: string, step?: StuckStep) =>
      d(step === 'final' ? 'stuckFinal' : step === 'submission' ? 'stuckSubmission' : 'stuck', { date, version, reason }),

    stagesHeading: d('stagesHeading'),
    stageState: { done: d('stageState.done'), current: d('stageState.current'), upcoming: d('stageState.upcoming') } as Record<'done' | 'current' | 'upcoming', string>,
    stageCancelled: d('stageCancelled'),
    stageEntered: (date: string) => d('stageEntered', { date }),

    statusHeading: d('statusHeading'),
    statusCategory: group(m, 'dashboard.statusCategory'),
    statusChartLabel: (parts: string) => d('statusChartLabel', { parts }),
    statusChartPart: (count: number, category: string) => d('statusChartPart', { count, category }),

    areasHeading: d('areasHeading'),
    areaColumns: {
      area: d('areaColumns.area'), status: d('areaColumns.status'), owners: d('areaColumns.owners'), due: d('areaColumns.due'),
      lastUpdate: d('areaColumns.lastUpdate'), nextReminder: d('areaColumns.nextReminder'),
    },
    overdueBadge: d('overdueBadge'),
    overdueBy: (days: number) => d('overdueBy', { days }),
    owner: (side: string, name: string) => d('owner', { side, name }),
    /** The short name of a side in the owners' column ("EU", "AL"). */
    ownerSide: (side: 'eu' | 'al') => d('ownerSide', { side }),
    revision: (n: number) => d('revision', { n }),
    noUpdate: d('noUpdate'),
    noReminder: d('noReminder'),

    timelineHeading: d('timelineHeading'),
    timelineRows: group(m, 'dashboard.timelineRows'),
    timelineLegend: {
      planned: d('timelineLegend.planned'), due: d('timelineLegend.due'), actual: d('timelineLegend.actual'), late: d('timelineLegend.late'),
      input: d('timelineLegend.input'), event: d('timelineLegend.event'), now: d('timelineLegend.now'),
    },
    timelineChartTitle: (year: number) => d('timelineChartTitle', { year }),
    timelineChartDesc: (stage: string, inputsIn: number, total: number) => d('timelineChartDesc', { stage, inputsIn, total }),
    timelineTable: { milestone: d('timelineTable.milestone'), planned: d('timelineTable.planned'), actual: d('timelineTable.actual') },
    plannedCollecting: (from: string, to: string) => d('plannedCollecting', { from, to }),
    plannedDue: (date: string) => d('plannedDue', { date }),
    actualSpan: (from: string, to?: string) => (to ? d('actualSpan', { from, to }) : d('actualSince', { from })),
    actualInputs: (n: number, total: number, last?: string) => (last ? d('actualInputsLast', { n, total, last }) : d('actualInputs', { n, total })),
    inputsRow: d('inputsRow'),
    kickoffRow: d('kickoffRow'),
    now: d('now'),

    draftsHeading: d('draftsHeading'),
    noDrafts: d('noDrafts'),
    draftTitle: (version: number) => d('draftTitle', { version }),
    draftMeta: (date: string, status: string) => d('draftMeta', { date, status }),
    changedAreas: (from: number, to: number) => d('changedAreas', { from, to }),
    noChangedAreas: (from: number, to: number) => d('noChangedAreas', { from, to }),
    changesPage: (from: number, to: number) => d('changesPage', { from, to }),
    downloads: d('downloads'),
    finalHeading: d('finalHeading'),
    finalMeta: (date: string, version: number, to: string) => d('finalMeta', { date, version, to }),

    decisionsHeading: d('decisionsHeading'),
    noDecisions: d('noDecisions'),
    decisionColumns: {
      version: d('decisionColumns.version'), director: d('decisionColumns.director'), decision: d('decisionColumns.decision'),
      comment: d('decisionColumns.comment'), when: d('decisionColumns.when'),
    },
    decision: (decision: string) => d('decision', { decision }),
    noComment: d('noComment'),

    eventsHeading: d('eventsHeading'),
    eventsIntro: (shown: number, total: number) => d('eventsIntro', { shown: shown < total ? String(shown) : 'all', total }),
    eventColumns: { when: d('eventColumns.when'), who: d('eventColumns.who'), what: d('eventColumns.what'), channel: d('eventColumns.channel') },
    channel: group(m, 'dashboard.channel'),
    action: (action: EventKind): string => (m.has(`dashboard.action.${action}`) ? d(`action.${action}`) : action),
    /**
     * The line under an event's kind, from its typed fields; `timeZone` is the cycle's, `areaTitle`
     * names an area of the cycle by its id. An event recorded before the typed fields existed
     * shows its free text as it is.
     */
    eventDetail(e: CycleEvent, timeZone: string, stageName: (stage: Stage) => string, areaTitle: (id: string) => string = (id) => id): string | undefined {
      const areas = (ids: string[]) => ids.map(areaTitle).join(', ');
      const text = (() => {
        switch (e.action) {
          case 'cycle-started':
            return e.kickoffDate && e.dueAt ? d('detail.cycleStarted', { kickoff: e.kickoffDate, due: localDate(e.dueAt, timeZone) }) : undefined;
          case 'stage-entered':
            return e.stage ? stageName(e.stage) : undefined;
          case 'contribution-submitted':
          case 'contribution-revised':
            return e.revision !== undefined ? d('detail.revision', { n: e.revision }) : undefined;
          case 'deadline-extended':
            return e.dueAt ? d('detail.due', { date: t.shortDateTime(e.dueAt, timeZone) }) : undefined;
          case 'rating-overridden':
            return e.rating ? d('detail.rating', { rating: e.rating, reason: e.reason ?? '' }) : undefined;
          case 'draft-assembled':
            return e.areaIds?.length ? d('detail.changed', { areas: areas(e.areaIds) }) : undefined;
          case 'areas-reopened':
            return e.areaIds ? d('detail.reopened', { areas: areas(e.areaIds), comment: e.comment ?? '' }) : undefined;
          case 'draft-approved-by-director':
          case 'changes-requested-by-director':
            return e.comment || undefined;
          case 'synthesis-written':
          case 'draft-updated':
            // The version is shown beside the kind; the text itself is on the draft and in the report.
            return undefined;
          case 'area-waived':
          case 'cycle-cancelled':
          case 'archive-failed':
            return e.reason;
          case 'report-submitted':
            return e.mail ? d('detail.submitted', { to: e.mail.to, messageId: e.mail.messageId ?? '' }) : undefined;
          case 'reminder-sent':
            return e.reminders ? d('detail.reminders', { to: e.reminders.to, items: e.reminders.items.join('; ') }) : undefined;
          case 'mail-sent':
            return e.mail ? d('detail.mailSent', { kind: mailKind(e.mail.kind), to: e.mail.to, messageId: e.mail.messageId ?? '', again: e.mail.alreadySent ? 'yes' : 'no' }) : undefined;
          case 'mail-failed':
            return e.mail ? d('detail.mailFailed', { kind: mailKind(e.mail.kind), to: e.mail.to, error: e.mail.error ?? '' }) : undefined;
          case 'collection-closed':
          case 'draft-approved-for-sign-off':
          case 'rating-override-removed':
          case 'draft-signed':
            return undefined;
        }
      })();
      return text ?? e.detail;
    },
    version: (version: number) => d('version', { version }),

    fileLabel: (format: string, name: string) => (m.has(`dashboard.fileLabel.${format}`) ? d(`fileLabel.${format}`) : name),
    unauthorizedTitle: d('unauthorizedTitle'),
    unauthorized: d('unauthorized'),
  };
}

/** The texts the dashboard's pages use: the shared ones and its own. */
export type DashboardTexts = CommonTexts & { dashboard: ReturnType<typeof dashboardTexts> };
