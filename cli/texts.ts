/**
 * Every sentence `sdp-review` prints: help, results, refusals and errors, in English. The workflow
 * answers with codes and facts (domain/outcomes.ts); this module words them, with dates in the
 * cycle's time zone. Command modules take their words from here and hold none of their own.
 */
import { DateTime } from 'luxon';
import type { Refusal, UpdateOutcome } from '../domain/outcomes';
import type { Stage } from '../domain/schemas';
import type { StuckStep } from '../domain/state';
import { describeFieldErrors } from '../domain/validation';
import type { AddressSource, ConnectionFailureReason } from '../infra/temporal-connection';

/** An instant as a local date-time `2026-03-30 10:00` in `timeZone`; `—` when absent. */
export function localTime(instant: string | undefined, timeZone: string): string {
  return instant ? DateTime.fromISO(instant).setZone(timeZone).toFormat('yyyy-LL-dd HH:mm') : '—';
}

const quoted = (stages: readonly Stage[]) => stages.map((s) => `"${s}"`).join(' or ');

/** The two sentences that answer an update: what was recorded, and what happens next. */
export interface OutcomeWords {
  recorded: string;
  next: string;
}

/** Words an update's outcome as the workflow used to (dates are local dates in the cycle's zone). */
export function outcomeWords(o: UpdateOutcome): OutcomeWords {
  switch (o.code) {
    case 'contribution-recorded':
      return {
        recorded: `Input for "${o.area.title}" recorded (revision ${o.revision})${o.late ? ', after the due date' : ''}.`,
        next: o.afterReopening
          ? 'The next draft is assembled as soon as every reopened area is in; until then you may revise it.'
          : 'You may revise it until the coordinator closes collection; the coordinator then assembles the draft report.',
      };
    case 'deadline-extended':
      return { recorded: `The deadline for "${o.area.title}" is now ${o.dueDate} (end of day, ${o.timeZone}).`, next: 'Its owners can submit until then and are mailed the new date with an updated calendar invitation; reminders follow the new date.' };
    case 'area-waived':
      return { recorded: `"${o.area.title}" is waived for ${o.year}.`, next: 'The report will list it as waived, with the reason.' };
    case 'collection-closed':
      return { recorded: 'Collection is closed.', next: 'The draft report is being assembled; you will receive it by mail.' };
    case 'draft-approved':
      return { recorded: `Draft approved for the directors' sign-off.`, next: 'Both directors receive it by mail; each approves or requests changes.' };
    case 'areas-reopened':
      return { recorded: `Reopened: ${o.areas.map((a) => a.title).join('; ')}.`, next: 'Their owners receive the comment by mail and revise; a new draft follows.' };
    case 'rating-overridden':
      return { recorded: `"${o.area.title}" is rated ${o.rating}.`, next: 'The next draft shows the rating and your reason.' };
    case 'rating-override-removed':
      return { recorded: `The rating of "${o.area.title}" is derived from its commitments again.`, next: 'The next draft shows it.' };
    case 'director-decided':
      if (o.decision === 'request-changes') {
        return { recorded: `${o.directorName} requested changes to draft v${o.version}.`, next: 'The draft returns to the coordinator; the next version needs both approvals again.' };
      }
      return o.bothApproved
        ? { recorded: `${o.directorName} approved draft v${o.version}; both directors have now approved it.`, next: 'The final report goes to the SA Council secretariat.' }
        : { recorded: `${o.directorName} approved draft v${o.version}.`, next: `The other director, ${o.otherDirectorName}, still has to decide.` };
    case 'cycle-cancelled':
      return { recorded: `The ${o.year} cycle is cancelled.`, next: 'No more requests or reminders are sent.' };
    case 'resume-requested':
      return { recorded: `The cycle tries again to ${o.step === 'submission' ? 'deliver the final report' : o.step === 'final' ? 'render the final report' : `render draft v${o.version}`}.`, next: 'If the missing document is back in the store, the cycle goes on; otherwise it stays stuck and says why.' };
    case 'role-reassigned': {
      const side = o.role.side === 'eu' ? 'EU' : 'Albanian';
      const what = o.role.kind === 'director' ? `The ${side} director's role` : `The ${side} ownership of "${o.area?.title ?? o.role.areaId}"`;
      return { recorded: `${what} passed from ${o.previousName} to ${o.nextName}.`, next: 'The new holder receives fresh links by mail; the earlier holder is told by mail, and their links answer that the role has passed on.' };
    }
    case 'deputy-named':
      return { recorded: `${o.deputyName} stands in for ${o.principalName} from ${o.from} to ${o.until}.`, next: 'Over that period, mails go to the deputy, and what the deputy decides is recorded on behalf of the person away.' };
    case 'deputy-ended':
      return { recorded: `${o.principalName} has no deputy any more.`, next: 'Mails go to the person again.' };
    case 'reminders-sent':
      return { recorded: `A reminder went to ${o.people} ${o.people === 1 ? 'person' : 'people'} for: ${o.areas.map((a) => a.title).join('; ')}.`, next: 'The planned reminders go on as before.' };
    case 'synthesis-saved':
      return {
        recorded: `The synthesis of draft v${o.version} is recorded: the executive summary and the points for the SA Council's attention.`,
        next: `Draft v${o.version} is being rendered again with it, first in the report; later drafts and the final carry it until it is rewritten.`,
      };
    default:
      return { recorded: raw(o), next: '' };
  }
}

const ROLE_LABEL: Record<Extract<Refusal, { code: 'not-permitted' }>['as'], string> = {
  coordinator: 'the coordinator',
  'eu-director': 'the EU director',
  'al-director': 'the AL director',
};

/**
 * Words a refusal as one line, as the workflow used to. `command` is the CLI command that was
 * refused (`extend`, `waive`, …): `area-closed` is worded for the command that met it.
 */
export function refusalWords(r: Refusal, command?: string): string {
  switch (r.code) {
    case 'invalid-input':
      return describeFieldErrors(r.errors);
    case 'unknown-area':
      return `${r.field}: unknown area "${r.areaId}"; known: ${r.known.join(', ')}`;
    case 'due-date-passed':
      return `dueDate: ${r.dueDate} has already passed in ${r.timeZone}`;
    case 'due-date-not-later':
      return `dueDate: ${r.dueDate} is not later than the current due date (${r.currentDueDate}); an extension moves it later`;
    case 'due-date-after-submission':
      return `dueDate: ${r.dueDate} is after the submission to the SA Council is due (${r.submissionDueDate})`;
    case 'due-date-not-working-day':
      return `dueDate: ${r.dueDate} is a weekend or a closed day; the next working day is ${r.nextWorkingDate}`;
    case 'area-waived-not-reopenable':
      return `areaIds: "${r.areaId}" is waived and cannot be reopened`;
    case 'not-permitted':
      return `${r.email} may not act as ${ROLE_LABEL[r.as]}; only ${r.permitted} may.`;
    case 'not-area-owner':
      return `${r.email} is not an owner of "${r.area.title}"; its owners are ${r.owners.join(' and ')}.`;
    case 'wrong-role':
      return `actor.role must be ${r.expected}, got ${r.got}`;
    case 'cycle-cancelling':
      return `The cycle ${r.year} is being cancelled: ${r.reason}`;
    case 'wrong-stage':
      return `The cycle ${r.year} is in stage "${r.stage}"; this action belongs to ${quoted(r.allowed)}.`;
    case 'area-closed':
      return command === 'extend' ? `"${r.area.title}" is ${r.status}; its deadline can no longer change.` : `"${r.area.title}" is already ${r.status}.`;
    case 'area-not-accepting':
      return `"${r.area.title}" no longer accepts input: ${r.status === 'waived' ? 'it was waived' : 'collection is closed'}.`;
    case 'too-many-revisions':
      return `"${r.area.title}" has been revised ${r.max} times in this cycle, the most it takes; ask the coordinator to record any further change.`;
    case 'round-closed':
      return `This decision on draft v${r.version} was made for round ${r.round + 1}, which is over (round ${r.currentRound + 1} now); nothing was changed. Open the latest link or page and decide again.`;
    case 'extension-pending':
      return `An extension of "${r.area.title}" is being applied; try again in a moment.`;
    case 'closed-before-applied':
      return `"${r.area.title}" closed before the ${r.action === 'extend' ? 'extension' : 'waiver'} applied; it is ${r.status}.`;
    case 'collection-closing':
      return 'Collection is already closing.';
    case 'no-draft-waiting':
      return 'No draft is waiting for the coordinator.';
    case 'draft-not-current':
      return `Draft v${r.version} is no longer current; the current draft is v${r.current?.version ?? 0} (${r.current?.status ?? 'none'}).`;
    case 'draft-not-in-sign-off':
      return `Draft v${r.version} is not the draft in sign-off; the current draft is v${r.current?.version ?? 0} (${r.current?.status ?? 'none'}).`;
    case 'already-decided':
      return `${r.byName} already decided on draft v${r.version} (${r.decision}) at ${localTime(r.at, r.timeZone)} (${r.timeZone}).`;
    case 'changes-already-requested':
      return `Changes were already requested on draft v${r.version}; it is back with the coordinator.`;
    case 'cancel-pending':
      return 'The cycle is already being cancelled.';
    case 'not-stuck':
      return `The ${r.year} cycle is not stuck; there is nothing to resume.`;
    case 'same-person':
      return `${r.name} holds this role already.`;
    case 'conflicting-roles':
      return `${r.email} is ${r.holds === 'coordinator' ? 'the coordinator' : ROLE_LABEL[r.holds]}; one person cannot hold both roles in the sign-off.`;
    case 'not-a-participant':
      return `${r.email} is neither a director nor an area owner of this cycle.`;
    case 'nothing-outstanding':
      return r.areaIds ? `${r.areaIds.join(', ')}: not waiting for input (submitted, waived or closed); there is nobody to remind.` : `No area of the ${r.year} cycle is waiting for input: there is nobody to remind.`;
    default:
      return raw(r);
  }
}

/** The facts of a failed connection to Temporal (infra/temporal-connection.ts TemporalUnavailableError). */
export interface ConnectionFailureFacts {
  reason: ConnectionFailureReason;
  detail: string;
  target: { address: string; addressFrom: AddressSource; namespace: string };
}

/**
 * Why the CLI could not use Temporal, and which setting to look at: one sentence per reason,
 * naming the address and where it came from (a CLI without TEMPORAL_ADDRESS uses the embedded
 * stack's port, SDP_TEMPORAL_PORT).
 */
export function connectionFailureWords({ reason, detail, target }: ConnectionFailureFacts): string {
  const from = {
    override: '',
    TEMPORAL_ADDRESS: '; address from TEMPORAL_ADDRESS',
    profile: '; address from the Temporal config profile',
    SDP_TEMPORAL_PORT: "; the embedded stack's address, from SDP_TEMPORAL_PORT, as TEMPORAL_ADDRESS is not set",
  }[target.addressFrom];
  const where = `Temporal at ${target.address} (namespace ${target.namespace}${from})`;
  const host = target.address.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  switch (reason) {
    case 'dns':
      return `cannot reach ${where}: the host name "${host}" was not found (DNS: ${detail}). Check TEMPORAL_ADDRESS.`;
    case 'refused':
      return target.addressFrom === 'SDP_TEMPORAL_PORT'
        ? `cannot reach ${where}: connection refused, nothing listens there. Start the stack (\`npm start\`), or set TEMPORAL_ADDRESS to your Temporal.`
        : `cannot reach ${where}: connection refused, nothing listens there. Check TEMPORAL_ADDRESS and that Temporal runs.`;
    case 'unreachable':
      return `cannot reach ${where}: no route to it, or no answer at all (${detail}); a firewall, or a wrong address. Check TEMPORAL_ADDRESS.`;
    case 'tls':
      return `cannot connect to ${where}: the TLS handshake failed (${detail}). Check TEMPORAL_TLS (does the server use TLS?), TEMPORAL_TLS_SERVER_CA_CERT_PATH, TEMPORAL_TLS_SERVER_NAME and the client certificate.`;
    case 'unauthenticated':
      return `${where} rejected the credentials (UNAUTHENTICATED: ${detail}). Check TEMPORAL_API_KEY (or the TLS client certificate).`;
    case 'permission-denied':
      return `${where} refused access to namespace ${target.namespace} (PERMISSION_DENIED: ${detail}). Check TEMPORAL_NAMESPACE and what the API key may do.`;
    case 'no-answer':
      return `cannot use ${where}: the server accepts connections but no Temporal answered (${detail}). Check TEMPORAL_ADDRESS, and TEMPORAL_TLS if the server requires TLS.`;
    default:
      return raw(reason);
  }
}

/** `n` and its noun: `1 area`, `3 areas` (`plural` when the noun does not take an s). */
function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** A code added to the contract but not worded here: tsc flags it; at run time (a newer worker), its JSON. */
function raw(x: never): string {
  return JSON.stringify(x);
}

/** Help texts (descriptions of commands and options) and the lines commands print, by command. */
export const texts = {
  program: 'Annual review cycle of the EU–Albania Security and Defence Partnership, on Temporal.',
  errorPrefix: 'sdp-review: ',
  invalidInput: 'the input is not valid',
  invalidInputList: 'the input is not valid:',
  wholeInput: '(input)',
  cancelledCycle: (year: number) => `The ${year} cycle was cancelled; nothing can change it now.`,
  options: {
    year: 'review year',
    yearDefault: 'this year',
    as: 'who acts (default: the person of that role in the cycle)',
    version: 'draft version (default: the current one)',
    json: 'print one JSON object',
    jsonArray: 'print a JSON array',
    badYear: 'must be a year between 2024 and 2100',
    badVersion: 'must be a draft version: 1, 2, …',
    badDate: 'must be a date YYYY-MM-DD',
    badTime: 'must be a local time HH:MM (24-hour), e.g. 09:00',
    badWholeNumber: (min: number, max: number) => `must be a whole number from ${min} to ${max}`,
  },
  start: {
    description: "start the year's review cycle from the seeds",
    kickoff: 'kick-off date YYYY-MM-DD (default: now); a date after today schedules the start for 09:00 local that day, and nobody is mailed before then',
    marking:
      "distribution marking on the cover and every page of this cycle's reports, e.g. LIMITE (at most 60 characters: letters, digits, spaces, common punctuation); " +
      '`none` for no marking (default: the worker setting SDP_REPORT_MARKING)',
    started: (workflowId: string, areas: number, marking?: string) =>
      `Started ${workflowId}: ${areas} areas collecting.${marking === undefined ? '' : marking ? ` Its reports are marked ${marking}.` : ' Its reports carry no marking.'}`,
  },
  status: {
    description: 'show a cycle: stage, each area with its status and due date',
    watch: 'refresh every 2 seconds until Ctrl-C',
    title: (year: number) => `Review cycle ${year}`,
    heading: (title: string, workflowId: string, stage: string, due: string | undefined, timeZone: string) =>
      `${title} (${workflowId}) — stage ${stage}${due ? `, due ${due}` : ''} (${timeZone})`,
    head: ['Area of cooperation', 'Status', 'Due', 'Rev.', 'Submitted'],
    overdue: ' OVERDUE',
    summary: (submitted: number, total: number, waived: number, overdue: number) => `${submitted} of ${total} areas submitted, ${waived} waived, ${overdue} overdue.`,
    draft: (version: number, status: string, at: string) => `Draft v${version}: ${status} (${at})`,
    decision: (version: number, director: string, decision: string, comment: string | undefined) =>
      `  v${version} ${director.toUpperCase()} director: ${decision}${comment ? ` — ${comment}` : ''}`,
    submitted: (at: string, version: number) => `Submitted to the SA Council secretariat at ${at} (draft v${version}).`,
    cancelled: (reason: string) => `Cancelled: ${reason}`,
    /**
     * A stuck cycle: what cannot go on (`step`: a draft's render, absent in histories from before
     * steps were recorded; the final report's render; its delivery to the SA Council), since when
     * and why. The final report is the signed draft: it is named as such, never "draft vN".
     */
    stuck: (since: string, version: number, reason: string, step?: StuckStep) =>
      step === 'final'
        ? `STUCK since ${since}: the final report cannot be rendered: ${reason}. Restore the document in the store, then: sdp-review resume`
        : step === 'submission'
          ? `STUCK since ${since}: the final report cannot be delivered to the SA Council secretariat: ${reason}. Once the cause is fixed: sdp-review resume`
          : `STUCK since ${since}: draft v${version} cannot be rendered: ${reason}. Restore the document in the store, then: sdp-review resume`,
  },
  list: {
    description: 'list review cycles (Temporal visibility); running ones with areas submitted, overdue items and the next deadline',
    stage: 'only cycles in this stage',
    year: 'only this year',
    noFigures: (workflowId: string, why: string) => `${workflowId}: no figures (${why})`,
    scheduled: (startsAt: string) => `scheduled (starts ${startsAt})`,
    none: 'No review cycles.',
    head: ['Year', 'Workflow id', 'Stage', 'Status', 'Areas submitted', 'Overdue', 'Next deadline (local)', 'Started (UTC)', 'Closed (UTC)'],
  },
  audit: {
    description: 'the whole event history of a cycle (who did what, when, through what): CSV for Excel, or JSON',
    format: 'csv (UTF-8 with BOM, RFC 4180) or json',
    out: 'write to this new file (private: mode 0600) instead of standard output; an existing file is not replaced without --force',
    force: 'with --out: replace the file if it exists',
    noFolder: (out: string, folder: string) => `--out ${out}: the folder ${folder} does not exist; create it first or choose another path. Nothing was written.`,
    notAFolder: (out: string, folder: string) => `--out ${out}: ${folder} is not a folder. Nothing was written.`,
    isAFolder: (out: string) => `--out ${out}: this is a folder; give the path of a file. Nothing was written.`,
    exists: (out: string) => `--out ${out}: the file exists already and was left as it is; choose another path, or add --force to replace it.`,
    wrote: (events: number, workflowId: string, file: string) => `Wrote ${events} events of ${workflowId} to ${file}.`,
  },
  schedule: {
    description: (scheduleId: string) => `the yearly kick-off: one Temporal Schedule (${scheduleId}) that starts the year's cycle at a local time`,
    set: "create or change the yearly kick-off, at a local time in the cycle's time zone (seeds/timeline.json)",
    month: 'month 1–12',
    day: 'day of the month 1–31',
    time: 'local time, 24-hour',
    show: 'the yearly kick-off: when, whether paused, the next runs in local time and UTC, recent kick-offs',
    pause: 'pause the yearly kick-off (nothing starts until resumed)',
    resume: 'resume the yearly kick-off',
    note: 'why (shown by schedule show)',
    delete: 'delete the yearly kick-off (cycles already started go on)',
    title: 'Yearly kick-off',
    every: (dayMonth: string, time: string, timeZone: string) => `every year on ${dayMonth} at ${time} (${timeZone})`,
    custom: (timeZone: string) => `a custom calendar (${timeZone})`,
    heading: (title: string, scheduleId: string, when: string, state: string, note: string | undefined) => `${title} (schedule ${scheduleId}): ${when} — ${state}${note ? ` (${note})` : ''}`,
    paused: 'PAUSED',
    active: 'active',
    nextRunsHead: (timeZone: string) => [`Next runs (${timeZone})`, 'UTC'],
    whilePaused: 'While paused, the runs above do not happen. Resume with: sdp-review schedule resume',
    recent: 'Recent kick-offs (the launcher checks the year and starts review-cycle-<year>, or is refused if it exists):',
    didPause: (scheduleId: string) => `Paused the yearly kick-off (${scheduleId}).`,
    didResume: (scheduleId: string) => `Resumed the yearly kick-off (${scheduleId}).`,
    didDelete: (scheduleId: string) => `Deleted the yearly kick-off (${scheduleId}). Cycles it started go on.`,
  },
  collecting: {
    submit: "submit or revise an area's input from a .json or .md file",
    file: 'the input (.json in the Contribution shape, or .md)',
    waive: 'waive an area for this cycle, with a reason',
    waiveReason: 'why the area is waived (shown in the report)',
    extend: "extend an area's deadline to the end of a local day",
    due: 'new due date YYYY-MM-DD',
    close: 'close collection and assemble the draft',
  },
  drafting: {
    description: "the coordinator's decisions on the current draft",
    approve: 'approve the current draft for the directors’ sign-off',
    reopen: 'send areas back to their owners with a comment',
    comment: 'what the owners should change',
    synthesis: "write the draft's synthesis: the executive summary and the points for the SA Council's attention, placed first in the report",
    summaryFile: 'the executive summary: a UTF-8 text file (blank lines between paragraphs, "- " at the start of a list item); an empty file for none',
    attentionFile: "the points for the SA Council's attention: a UTF-8 text file, written as the summary",
  },
  signOff: {
    description: "a director's decision on the draft in sign-off: approve or request-changes",
    director: 'which director',
    comment: 'comment (required to request changes)',
    badDecision: (decision: string, allowed: readonly string[]) => `decision: must be ${allowed.join(' or ')}, got "${decision}"`,
  },
  timeline: {
    description: 'planned reminders and escalations: of a running cycle, or with --kickoff of a cycle not yet started',
    kickoff: 'plan for a cycle kicked off on this date (YYYY-MM-DD), from the seeds',
    nothing: (year: number, stage: string) => `Nothing planned for the ${year} cycle (stage ${stage}).`,
    head: ['When (local)', 'When (UTC)', 'Kind', 'Stage', 'Area / item', 'To', 'Why'],
    title: (year: number, timeZone: string) => `Planned reminders for the ${year} cycle (${timeZone}):`,
    detail: 'every planned item on its own row (by default: one row per mail, i.e. per person per day)',
    mailHead: ['When (local)', 'To', 'Kind', 'What it lists'],
    mailTitle: (year: number, timeZone: string, mails: number) => `Planned reminder mails for the ${year} cycle (${timeZone}): ${mails}, one per person per day; --detail lists every item.`,
    escalation: 'escalation',
    reminder: 'reminder',
  },
  cancel: {
    description: 'cancel a cycle (no more requests or reminders)',
    reason: 'why',
  },
  resume: {
    description: 'try a stuck cycle again now, once the missing document is back in the store',
  },
  remind: {
    description: 'remind the owners of the areas still waiting for input now (one mail per person; the planned reminders go on)',
    area: 'only these areas (ids); all outstanding areas by default',
  },
  people: {
    reassignDescription: "hand an area owner's or a director's role to another person for the rest of the cycle (the coordinator's decision); the new holder gets fresh links",
    deputyDescription: 'name a deputy for a director or an area owner who is away (mails and links go to the deputy, decisions are recorded on their behalf), or end one with --end',
    area: 'the area of cooperation whose owner changes (with --side)',
    side: 'eu or al: which owner of the area',
    director: 'eu or al: which director',
    reason: 'why (kept in the cycle history)',
    deputyReason: 'why (kept in the cycle history)',
    name: 'the person\'s full name, as it should appear in mails',
    email: 'the person\'s e-mail address',
    organisation: 'ministry, agency or EU service',
    personSide: 'eu or al: the person\'s side (by default that of the role)',
    position: 'job title',
    language: 'en or sq: the language of the person\'s mails and pages',
    principal: 'the e-mail address of the director or area owner who is away',
    from: 'first day the deputy acts (YYYY-MM-DD, in the cycle\'s time zone)',
    until: 'last day the deputy acts (YYYY-MM-DD)',
    end: 'end the current deputy now',
    badSide: 'must be eu or al',
    badEmail: 'must be an e-mail address',
    badLanguage: 'must be en or sq',
    whichRole: 'say whose role passes on: --area <id> --side <eu|al>, or --director <eu|al>',
    whichDeputy: 'name the deputy (--name, --email, --organisation, with --from and --until), or give --end',
  },
  confirm: {
    yes: 'do not ask for confirmation (for scripts)',
    question: (consequence: string) => `${consequence} [y/N] `,
    needYes: (consequence: string) => `${consequence}\nNothing was done: there is no terminal to ask for confirmation on. Add --yes to confirm.`,
    declined: 'Nothing was done.',
    start: (f: { year: number; areas: number; owners: number; requests: number; startsAt?: string; timeZone: string; backdatedTo?: string }) =>
      `Start the ${f.year} cycle: ${count(f.owners, 'area owner')} in ${count(f.areas, 'area')} will be mailed ` +
      (f.startsAt ? `on ${f.startsAt} (${f.timeZone}), and nobody before then` : 'now') +
      ` (${count(f.requests, 'input request')}).` +
      (f.backdatedTo ? ` The kick-off date ${f.backdatedTo} has passed: the deadlines count from it.` : ''),
    close: (f: { inputs: number; total: number; waived: number; missing: number; owners: number }) =>
      `Close collection with ${f.inputs} of ${count(f.total, 'input')}${f.waived ? ` (${f.waived} waived)` : ''}? ` +
      (f.missing
        ? `${count(f.missing, 'area')} will be reported missing, and ${f.owners === 1 ? 'its owner' : `their ${f.owners} owners`} can no longer submit; the draft report is then assembled.`
        : 'No area will be reported missing; the draft report is then assembled.'),
    cancel: (f: { year: number; stage: string; inputs: number; total: number; draft?: number; told: number }) =>
      `Cancel the ${f.year} cycle (stage ${f.stage}, ${f.inputs} of ${count(f.total, 'input')} in${f.draft ? `, draft v${f.draft}` : ''})? ` +
      `No more requests or reminders are sent and no report is made; ${count(f.told, 'person', 'people')} (the coordinator, the directors and the area owners) are told by mail. ` +
      `The year cannot have another cycle.`,
    cancelScheduled: (f: { year: number; startsAt: string; timeZone: string }) =>
      `Cancel the ${f.year} cycle scheduled to start on ${f.startsAt} (${f.timeZone})? It will not start and nobody will be mailed; the year can be started again.`,
    reopen: (f: { version: number; titles: string[]; owners: number }) =>
      `Reopen ${count(f.titles.length, 'area')} of draft v${f.version} (${f.titles.join('; ')})? ` +
      `${f.owners === 1 ? 'Its owner' : `Their ${f.owners} owners`} will be mailed your comment and asked to revise; a new draft follows.`,
  },
  requests: {
    requestId: 'names this request: the same command run again with the same id is recorded at most once (default: a new id)',
    badRequestId: 'must be 1 to 64 letters, digits, dots, dashes or underscores',
    unconfirmed: (f: { command: string; year: number; requestId?: string; detail: string }) =>
      `${f.command} was sent to the ${f.year} cycle, but Temporal did not confirm it in time (${f.detail}).\n` +
      `It is NOT YET CONFIRMED: it may still be recorded once the worker answers. Check with: sdp-review status --year ${f.year}` +
      (f.requestId
        ? `\nTo try again safely, run the same command with --request-id ${f.requestId}: if the first one was recorded, Temporal answers with its outcome instead of recording it twice.`
        : `\nRunning it again says whether it was recorded.`),
  },
  scheduled: {
    started: (workflowId: string, startsAt: string, timeZone: string, year: number) =>
      `Scheduled ${workflowId} to start on ${startsAt} (${timeZone}); nobody is mailed before then.\n` +
      `See it with: sdp-review status --year ${year}. Cancel it with: sdp-review cancel --year ${year} --reason …`,
    status: (workflowId: string, year: number, startsAt: string, timeZone: string) =>
      `Review cycle ${year} (${workflowId}) — scheduled to start on ${startsAt} (${timeZone}).\n` +
      `Nobody has been mailed yet: at that time the owners of every area are asked for input. Cancel it with: sdp-review cancel --year ${year} --reason …`,
    cancelledStatus: (workflowId: string, year: number, at: string, timeZone: string, reason: string) =>
      `Review cycle ${year} (${workflowId}) — cancelled before it started, ${at} (${timeZone}).\nTemporal's record: ${reason}\n` +
      `Nobody was mailed. The year can be started again: sdp-review start --year ${year}`,
    notYet: (year: number, startsAt: string, timeZone: string) =>
      `The ${year} cycle is scheduled to start on ${startsAt} (${timeZone}); nothing can be decided on it before then.`,
    cancelledBeforeStart: (year: number) => `The ${year} cycle was cancelled before it started; nothing can change it. Start the year again with: sdp-review start --year ${year}`,
    didCancel: (workflowId: string) => `Cancelled ${workflowId} before it started; nobody was mailed.`,
  },
} as const;
