/**
 * sdp-review's application metrics: their names, units and help texts, defined once for the three
 * places that emit them — the activities (mails, reports), the workflow (decisions) and the
 * worker's periodic count of running cycles (client/cycle-gauges.ts) — and for the README.
 * They go out through the Temporal SDK's MetricMeter, so the worker serves them on its Prometheus
 * endpoint (METRICS_ADDRESS) next to the SDK's own `temporal_*` metrics, without that prefix.
 *
 * Sandbox-safe (no Node imports): the workflow records decisions with `recordDecisionMetrics`,
 * given `metricMeter` from @temporalio/workflow, which emits nothing while a history replays.
 */
import type { MetricMeter } from '@temporalio/common';
import type { CycleEvent, EventKind } from './events';
import type { Notification } from './notifications';

/** One application metric. Durations are in seconds (Prometheus' base unit), as floats. */
export interface MetricSpec {
  name: string;
  kind: 'counter' | 'histogram' | 'gauge';
  unit?: 's';
  /** The labels it carries besides those the SDK's meter adds (`namespace`, `taskQueue`, and `activityType` or `workflowType`). */
  labels: readonly string[];
  help: string;
  /** Histogram bucket bounds (upper, inclusive), in the metric's unit. */
  buckets?: readonly number[];
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Every application metric, by what it counts. */
export const METRICS = {
  mailsSent: {
    name: 'sdp_review_mails_sent_total',
    kind: 'counter',
    labels: ['kind'],
    help: 'Mails the SMTP server accepted, by notification kind (a retry that found the mail already sent is not counted again).',
  },
  mailsFailed: {
    name: 'sdp_review_mails_failed_total',
    kind: 'counter',
    labels: ['kind', 'retryable'],
    help: 'Failed attempts at sending a mail, by notification kind; retryable="false" when the recipient was refused for good.',
  },
  reportsRendered: {
    name: 'sdp_review_reports_rendered_total',
    kind: 'counter',
    labels: ['kind'],
    help: 'Reports rendered (draft or final package).',
  },
  reportRenderSeconds: {
    name: 'sdp_review_report_render_seconds',
    kind: 'histogram',
    unit: 's',
    labels: ['kind'],
    help: 'Time to render a report (every format, the changes page and manifest included), in seconds.',
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  },
  decisions: {
    name: 'sdp_review_decisions_total',
    kind: 'counter',
    labels: ['kind', 'role', 'channel'],
    help: "Decisions people recorded (the event's kind: contribution-submitted, draft-approved-by-director, …), by role and channel (web, cli).",
  },
  decisionLatencySeconds: {
    name: 'sdp_review_decision_latency_seconds',
    kind: 'histogram',
    unit: 's',
    labels: ['kind'],
    help: 'From the mail that asked for a decision to the decision, in seconds (contributions, the coordinator on a draft, directors on sign-off).',
    buckets: [HOUR, 6 * HOUR, DAY, 2 * DAY, 3 * DAY, 5 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY],
  },
  cycles: {
    name: 'sdp_review_cycles',
    kind: 'gauge',
    labels: ['stage'],
    help: 'Running review cycles by stage (Temporal visibility), refreshed every minute by each worker.',
  },
  overdueAreas: {
    name: 'sdp_review_overdue_areas',
    kind: 'gauge',
    labels: ['year'],
    help: "Areas of a running cycle past their due date without input (the cycle's state query), refreshed every minute by each worker; 0 once the cycle has ended.",
  },
} as const satisfies Record<string, MetricSpec>;

/**
 * Bucket bounds of the histograms, keyed by metric name: the Prometheus exporter's
 * `histogramBucketOverrides` (the SDK's default buckets, 50 to 10 000, suit milliseconds only).
 */
export const HISTOGRAM_BUCKETS: Record<string, number[]> = Object.fromEntries(
  Object.values(METRICS as Record<string, MetricSpec>)
    .filter((m) => m.buckets)
    .map((m) => [m.name, [...m.buckets!]]),
);

/**
 * The decisions people make, by the event that records them, with the notification kinds of the
 * mail that asks for each (empty: no mail asks for it, so it has no latency). The SYSTEM actor's
 * events of these kinds (a collection closed at its due date) are not decisions.
 */
export const DECISION_REQUESTS: Partial<Record<EventKind, readonly Notification['kind'][]>> = {
  'contribution-submitted': ['contribution-request'],
  'contribution-revised': [],
  'area-waived': [],
  'deadline-extended': [],
  'collection-closed': [],
  'draft-approved-for-sign-off': ['draft-ready', 'changes-requested'],
  'areas-reopened': ['draft-ready', 'changes-requested'],
  'rating-overridden': [],
  'rating-override-removed': [],
  'draft-approved-by-director': ['sign-off-request'],
  'changes-requested-by-director': ['sign-off-request'],
  'cycle-cancelled': [],
};

/** A decision the metrics record: its kind, who made it, and how long after the mail that asked for it. */
export interface DecisionFact {
  kind: EventKind;
  role: string;
  channel: string;
  /** Seconds from the asking mail's `mail-sent` event to the decision; undefined when no mail to this person asked for it. */
  latencySeconds?: number;
}

/**
 * The decision the last of `events` records, or undefined when it is not one (see
 * DECISION_REQUESTS). Its latency runs from the latest earlier `mail-sent` event of an asking kind
 * sent to the decision's actor (addresses compared case-insensitively): a contribution entered by
 * the coordinator on an owner's behalf, or a decision no mail asked for, has none. Pure.
 */
export function decisionOf(events: readonly CycleEvent[]): DecisionFact | undefined {
  const last = events[events.length - 1];
  if (!last || last.actor.role === 'system') return undefined;
  const asking = DECISION_REQUESTS[last.action];
  if (!asking) return undefined;
  const fact: DecisionFact = { kind: last.action, role: last.actor.role, channel: last.actor.channel };
  const who = last.actor.email.toLowerCase();
  for (let i = events.length - 2; i >= 0 && asking.length > 0; i--) {
    const e = events[i]!;
    if (e.action !== 'mail-sent' || !e.mail || !asking.includes(e.mail.kind as Notification['kind']) || e.mail.to.toLowerCase() !== who) continue;
    const seconds = (Date.parse(last.at) - Date.parse(e.at)) / 1000;
    if (Number.isFinite(seconds) && seconds >= 0) fact.latencySeconds = seconds;
    break;
  }
  return fact;
}

/**
 * Counts the decision the last of `events` records (`sdp_review_decisions_total`) and records
 * its latency (`sdp_review_decision_latency_seconds`) on `meter`; does nothing when that event is
 * not a decision. For the workflow, right after it appends an event: with `metricMeter` of
 * @temporalio/workflow it is replay-safe (a replayed history emits nothing). Never throws.
 */
export function recordDecisionMetrics(meter: MetricMeter, events: readonly CycleEvent[]): void {
  const decision = decisionOf(events);
  if (!decision) return;
  const { decisions, decisionLatencySeconds } = METRICS;
  meter.createCounter(decisions.name, undefined, decisions.help).add(1, { kind: decision.kind, role: decision.role, channel: decision.channel });
  if (decision.latencySeconds !== undefined) {
    meter.createHistogram(decisionLatencySeconds.name, 'float', decisionLatencySeconds.unit, decisionLatencySeconds.help).record(decision.latencySeconds, { kind: decision.kind });
  }
}
