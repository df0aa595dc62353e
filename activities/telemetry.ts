/**
 * What the activities tell operators: one structured log line (through the activity context's
 * logger, so the SDK adds `workflowId`, `workflowType`, `activityType`, `attempt`…) and the
 * application metrics of domain/metrics.ts (through the context's MetricMeter, so they come out on
 * the worker's Prometheus endpoint) for each mail sent, already sent or failed and each report
 * rendered. Outside an activity context (a test calling an activity function directly) it does
 * nothing.
 *
 * A log line never carries a mail's body, subject, link or the recipient's address: an action link
 * is a bearer credential (anyone holding it can submit or sign off until it expires), a body holds
 * links, and logs travel further than the Temporal history (aggregators, tickets, support mail).
 * The recipient is named by role and by `recipientHash`, which lets an operator follow one person's
 * mails across lines (and match an address they already know) without the address being logged.
 */
import { createHash } from 'node:crypto';
import { Context, ApplicationFailure } from '@temporalio/activity';
import { METRICS } from '../domain/metrics';
import type { Notification } from '../domain/notifications';
import type { ReportInput } from '../domain/report';
import type { SentMail } from './mail/send';
import type { RenderedReport } from './report';

/** The current activity's context, or undefined outside one. */
function currentContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/**
 * The first 12 hex digits of SHA-256 over the trimmed, lower-cased address: a stable name for a
 * recipient in logs that is not the address.
 */
export function recipientHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 12);
}

/** The recipient's role where the notification's kind fixes it (a reminder or a cancellation goes to anyone). */
export function recipientRoleOf(n: Notification): 'area-owner' | 'coordinator' | 'director' | 'sa-council-secretariat' | undefined {
  switch (n.kind) {
    case 'contribution-request':
    case 'deadline-moved':
    case 'owners-update':
      return 'area-owner';
    case 'draft-ready':
    case 'inputs-complete':
      return 'coordinator';
    case 'sign-off-request':
      return 'director';
    case 'changes-requested':
      return n.coordinatorDueAt ? 'coordinator' : 'director';
    case 'submission':
      return 'sa-council-secretariat';
    case 'action-confirmation':
      return n.outcome?.code === 'director-decided' ? 'director' : undefined;
    default:
      return undefined;
  }
}

/** The fields every mail line carries. */
function mailFields(n: Notification, purpose: string, ms: number) {
  return {
    event: 'mail',
    cycleYear: n.year,
    kind: n.kind,
    purpose,
    recipientRole: recipientRoleOf(n),
    recipientHash: recipientHash(n.to.email),
    durationMs: Math.round(ms),
  };
}

/**
 * Logs and counts a mail the SMTP server accepted (`mail sent`, counter
 * `sdp_review_mails_sent_total{kind}`), or that a retried attempt found already sent (`mail
 * already sent`, at info, not counted again). `ms`: time the attempt took, in milliseconds.
 */
export function mailSent(n: Notification, purpose: string, sent: SentMail, ms: number): void {
  const ctx = currentContext();
  if (!ctx) return;
  const fields = { ...mailFields(n, purpose, ms), outcome: sent.alreadySent ? 'already-sent' : 'sent', messageId: sent.messageId, recipients: sent.recipients.length };
  ctx.log.info(sent.alreadySent ? 'mail already sent' : 'mail sent', fields);
  if (!sent.alreadySent) ctx.metricMeter.createCounter(METRICS.mailsSent.name, undefined, METRICS.mailsSent.help).add(1, { kind: n.kind });
}

/**
 * Logs (at warn) and counts a failed attempt at a mail: counter
 * `sdp_review_mails_failed_total{kind, retryable}`. The line names the error's type and whether
 * Temporal will retry it, not its message: SMTP errors quote the recipient's address.
 */
export function mailFailed(n: Notification, purpose: string, err: unknown, ms: number): void {
  const ctx = currentContext();
  if (!ctx) return;
  const retryable = !(err instanceof ApplicationFailure && err.nonRetryable);
  const e = err as { code?: unknown; name?: string; cause?: { code?: unknown } } | undefined;
  // The mailer wraps nodemailer's error; its code (ESOCKET, ECONNECTION, ETIMEDOUT…) is the cause's.
  const code = [e?.code, e?.cause?.code].find((c): c is string => typeof c === 'string');
  const errorType = err instanceof ApplicationFailure ? (err.type ?? 'ApplicationFailure') : (code ?? e?.name ?? 'Error');
  ctx.log.warn('mail failed', { ...mailFields(n, purpose, ms), outcome: 'failed', retryable, errorType, attempt: ctx.info.attempt });
  ctx.metricMeter.createCounter(METRICS.mailsFailed.name, undefined, METRICS.mailsFailed.help).add(1, { kind: n.kind, retryable: String(retryable) });
}

/**
 * Logs (`report rendered`: kind, version, files, bytes in all, durationMs) and counts a rendered
 * report: `sdp_review_reports_rendered_total{kind}` and the histogram
 * `sdp_review_report_render_seconds{kind}`. `ms`: render time in milliseconds.
 */
export function reportRendered(input: ReportInput, rendered: RenderedReport, ms: number): void {
  const ctx = currentContext();
  if (!ctx) return;
  const bytes = rendered.files.reduce((sum, f) => sum + f.bytes, 0);
  ctx.log.info('report rendered', {
    event: 'report',
    cycleYear: input.year,
    kind: input.kind,
    version: input.version,
    files: rendered.files.length,
    bytes,
    changedAreas: rendered.changedAreas.length,
    durationMs: Math.round(ms),
  });
  const { reportsRendered, reportRenderSeconds } = METRICS;
  ctx.metricMeter.createCounter(reportsRendered.name, undefined, reportsRendered.help).add(1, { kind: input.kind });
  ctx.metricMeter.createHistogram(reportRenderSeconds.name, 'float', reportRenderSeconds.unit, reportRenderSeconds.help).record(ms / 1000, { kind: input.kind });
}
