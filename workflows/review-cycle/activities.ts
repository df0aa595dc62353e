/**
 * The activities the review cycle calls, with their timeouts and retries: rendering and recording
 * are retried briskly; mail for a long time (an SMTP server may be down for hours) without holding
 * up the stages — a send is started and awaited only at the end of the cycle.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

export const { renderReport, recordSubmission } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export const { sendNotification } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '15 minutes', maximumAttempts: 200 },
});
