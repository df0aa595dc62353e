/**
 * Operations without servers: which events are decisions and how long after their asking mail
 * (domain/metrics.ts), the histogram buckets, a mail's recipient as logged (activities/telemetry.ts),
 * and how a failed connection to Temporal is recognised and worded (infra/connection-failure.ts,
 * cli/texts.ts), with errors shaped as the SDK throws them.
 */
import { ServiceError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { recipientHash, recipientRoleOf } from '../../activities/telemetry';
import { connectionFailureWords, type ConnectionFailureFacts } from '../../cli/texts';
import type { CycleEvent } from '../../domain/events';
import { HISTOGRAM_BUCKETS, METRICS, decisionOf, recordDecisionMetrics } from '../../domain/metrics';
import type { Actor } from '../../domain/schemas';
import { grpcRefusalOf, splitAddress, type ConnectionFailureReason } from '../../infra/connection-failure';
import { refusedByTemporal } from '../../infra/temporal-connection';
import { recordingMeter } from '../helpers/metrics';

const SYSTEM: Actor = { email: 'system@sdp-review.invalid', role: 'system', channel: 'system' };
const owner: Actor = { email: 'ana.owner@example.eu', name: 'Ana', role: 'area-owner', channel: 'web' };
const director: Actor = { email: 'jan.director@example.eu', role: 'director', channel: 'cli' };

const mailSent = (at: string, kind: string, to: string): CycleEvent => ({ at, actor: SYSTEM, action: 'mail-sent', mail: { kind, to, messageId: '<x@y>' } });

describe('decisions (domain/metrics.ts)', () => {
  const history: CycleEvent[] = [
    { at: '2030-03-02T08:00:00.000Z', actor: SYSTEM, action: 'cycle-started' },
    mailSent('2030-03-02T08:00:05.000Z', 'contribution-request', 'ana.owner@example.eu'),
    mailSent('2030-03-02T08:00:06.000Z', 'contribution-request', 'someone.else@example.eu'),
    mailSent('2030-03-10T08:00:00.000Z', 'reminder-digest', 'ana.owner@example.eu'),
  ];

  it('times a contribution from the request mail to its sender, not from a reminder or another owner’s mail', () => {
    const decision = { at: '2030-03-04T08:00:05.000Z', actor: { ...owner, email: 'Ana.Owner@example.eu' }, action: 'contribution-submitted', areaId: 'cyber-issues' } as const;
    expect(decisionOf([...history, decision])).toEqual({ kind: 'contribution-submitted', role: 'area-owner', channel: 'web', latencySeconds: 2 * 24 * 3600 });
  });

  it('counts a decision no mail asked of that person without a latency, and ignores the system and other events', () => {
    const onBehalf: CycleEvent = { at: '2030-03-04T08:00:00.000Z', actor: { email: 'coordinator@example.eu', role: 'coordinator', channel: 'cli' }, action: 'contribution-submitted', areaId: 'fimi' };
    expect(decisionOf([...history, onBehalf])).toEqual({ kind: 'contribution-submitted', role: 'coordinator', channel: 'cli' });
    expect(decisionOf([...history, { at: '2030-03-30T00:00:00.000Z', actor: SYSTEM, action: 'collection-closed' }])).toBeUndefined();
    expect(decisionOf([...history, { at: '2030-03-30T00:00:00.000Z', actor: director, action: 'reminder-sent' }])).toBeUndefined();
    expect(decisionOf([])).toBeUndefined();
  });

  it('records the counter and the latency histogram, in seconds, on the meter it is given', () => {
    const meter = recordingMeter();
    const events: CycleEvent[] = [mailSent('2030-05-01T10:00:00.000Z', 'sign-off-request', director.email), { at: '2030-05-01T16:00:00.000Z', actor: director, action: 'draft-approved-by-director', version: 2 }];
    recordDecisionMetrics(meter, events);
    expect(meter.emitted).toEqual([
      expect.objectContaining({ name: 'sdp_review_decisions_total', kind: 'counter', value: 1, tags: { kind: 'draft-approved-by-director', role: 'director', channel: 'cli' } }),
      expect.objectContaining({ name: 'sdp_review_decision_latency_seconds', kind: 'histogram', value: 6 * 3600, valueType: 'float', tags: { kind: 'draft-approved-by-director' } }),
    ]);
    recordDecisionMetrics(meter, events.slice(0, 1));
    expect(meter.emitted).toHaveLength(2);
  });

  it('gives the exporter buckets for each histogram, in its unit', () => {
    expect(Object.keys(HISTOGRAM_BUCKETS).sort()).toEqual([METRICS.decisionLatencySeconds.name, METRICS.reportRenderSeconds.name].sort());
    expect(HISTOGRAM_BUCKETS.sdp_review_decision_latency_seconds).toContain(24 * 3600);
    for (const bounds of Object.values(HISTOGRAM_BUCKETS)) expect([...bounds].sort((a, b) => a - b)).toEqual(bounds);
    for (const m of Object.values(METRICS)) expect(m.name).toMatch(/^sdp_review_[a-z_]+$/);
  });
});

describe('a mail recipient in the logs (activities/telemetry.ts)', () => {
  it('is a role and a short hash of the address, the same whatever its case', () => {
    expect(recipientHash(' Ana.Owner@Example.eu ')).toBe(recipientHash('ana.owner@example.eu'));
    expect(recipientHash('ana.owner@example.eu')).toMatch(/^[0-9a-f]{12}$/);
    const base = { cycleId: 'review-cycle-2030', year: 2030, timeZone: 'Europe/Brussels', to: { name: 'Ana', email: 'ana@example.eu' } };
    expect(recipientRoleOf({ ...base, kind: 'sign-off-request', version: 1, director: 'eu', files: [], dueAt: '2030-05-01T00:00:00Z' })).toBe('director');
    expect(recipientRoleOf({ ...base, kind: 'changes-requested', version: 1, decision: { version: 1, director: 'eu', decision: 'request-changes', comment: 'x', by: director, at: '2030-05-01T00:00:00Z' }, directorName: 'Jan', coordinatorDueAt: '2030-05-09T00:00:00Z' })).toBe('coordinator');
    expect(recipientRoleOf({ ...base, kind: 'cycle-cancelled', reason: 'x', byName: 'C' })).toBeUndefined();
  });
});

/** A gRPC error as @grpc/grpc-js makes it (callErrorFromStatus): message `<code> <NAME>: <details>`, with code, details and metadata. */
function grpcError(code: number, name: string, details: string): Error {
  return Object.assign(new Error(`${code} ${name}: ${details}`), { code, details, metadata: {} });
}

describe('a failed connection to Temporal', () => {
  it('recognises Temporal refusing the credentials or the namespace, at connect and on a later call', () => {
    // Connection.connect wraps the status of its GetSystemInfo call (@temporalio/client connection.js).
    const atConnect = new ServiceError('Failed to connect to Temporal server', { cause: grpcError(16, 'UNAUTHENTICATED', 'Request unauthorized.') });
    expect(grpcRefusalOf(atConnect)).toEqual({ reason: 'unauthenticated', detail: 'Request unauthorized.' });
    // WorkflowClient.start wraps a failed StartWorkflowExecution the same way.
    const onStart = new ServiceError('Failed to start Workflow', { cause: grpcError(7, 'PERMISSION_DENIED', 'Request unauthorized.') });
    expect(grpcRefusalOf(onStart)).toEqual({ reason: 'permission-denied', detail: 'Request unauthorized.' });
    expect(grpcRefusalOf(grpcError(7, 'PERMISSION_DENIED', ''))).toEqual({ reason: 'permission-denied', detail: '7 PERMISSION_DENIED: ' });
    expect(grpcRefusalOf(grpcError(14, 'UNAVAILABLE', 'No connection established'))).toBeUndefined();
    expect(grpcRefusalOf(new Error('Failed to connect before the deadline'))).toBeUndefined();
    const target = { address: 'sdp.tmprl.cloud:7233', addressFrom: 'TEMPORAL_ADDRESS' as const, namespace: 'sdp.a1b2c' };
    expect(refusedByTemporal(onStart, target)).toMatchObject({ name: 'TemporalUnavailableError', reason: 'permission-denied', target, cause: onStart });
  });

  it('reads host and port of an address', () => {
    expect(splitAddress('127.0.0.1:7233')).toEqual({ host: '127.0.0.1', port: 7233 });
    expect(splitAddress('[::1]:7233')).toEqual({ host: '::1', port: 7233 });
    expect(splitAddress('dns:///sdp.tmprl.cloud:7233')).toEqual({ host: 'sdp.tmprl.cloud', port: 7233 });
    expect(splitAddress('localhost')).toBeUndefined();
    expect(splitAddress('localhost:99999')).toBeUndefined();
  });

  it('is worded per reason, naming the address, where it came from and the setting to check', () => {
    const facts = (reason: ConnectionFailureReason, addressFrom: ConnectionFailureFacts['target']['addressFrom'] = 'TEMPORAL_ADDRESS'): ConnectionFailureFacts => ({
      reason,
      detail: 'the detail',
      target: { address: 'temporal.example.eu:7233', addressFrom, namespace: 'sdp' },
    });
    const expected: Record<ConnectionFailureReason, RegExp> = {
      dns: /host name "temporal\.example\.eu" was not found \(DNS: the detail\)\. Check TEMPORAL_ADDRESS/,
      refused: /connection refused.*Check TEMPORAL_ADDRESS and that Temporal runs/,
      unreachable: /no route to it, or no answer at all \(the detail\)/,
      tls: /TLS handshake failed \(the detail\)\. Check TEMPORAL_TLS/,
      unauthenticated: /rejected the credentials \(UNAUTHENTICATED: the detail\)\. Check TEMPORAL_API_KEY/,
      'permission-denied': /refused access to namespace sdp \(PERMISSION_DENIED: the detail\)\. Check TEMPORAL_NAMESPACE/,
      'no-answer': /no Temporal answered \(the detail\)\. Check TEMPORAL_ADDRESS, and TEMPORAL_TLS/,
    };
    for (const [reason, words] of Object.entries(expected)) {
      const text = connectionFailureWords(facts(reason as ConnectionFailureReason));
      expect(text, reason).toMatch(words);
      expect(text, reason).toContain('Temporal at temporal.example.eu:7233 (namespace sdp; address from TEMPORAL_ADDRESS)');
      expect(text, reason).not.toMatch(/Is `npm start` running/);
    }
    expect(connectionFailureWords(facts('refused', 'SDP_TEMPORAL_PORT'))).toMatch(/the embedded stack's address, from SDP_TEMPORAL_PORT, as TEMPORAL_ADDRESS is not set\): connection refused.*Start the stack \(`npm start`\)/);
  });
});
