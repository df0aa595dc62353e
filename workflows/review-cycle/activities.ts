/**
 * The activities the review cycle calls, with their timeouts and retries: rendering and recording
 * are retried briskly; mail for a long time (an SMTP server may be down for hours) without holding
 * up the stages — a send is started and awaited only at the end of the cycle.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

// Rendering heartbeats every few seconds: a worker that dies mid-render is noticed within the
// heartbeat timeout, and another worker renders from the shared store, instead of after 2 minutes.
export const { renderReport, recordSubmission } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// The archive outlives Temporal's retention: retried for as long as mail, it never holds a stage.
export const { archiveCycle } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '15 minutes', maximumAttempts: 200 },
});

export const { sendNotification } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '15 minutes', maximumAttempts: 200 },
});
