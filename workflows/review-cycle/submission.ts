/**
 * Submission: the final report of the signed version is rendered, mailed to the SA Council
 * secretariat (copied to the coordinator and both directors) and recorded (Partnership §32).
 * A submission the mail server refuses leaves the cycle stuck until `resume` (./rendering.ts).
 */
import { patched } from '@temporalio/workflow';
import type { ReviewCycleResult } from '../../domain/messages';
import { recordSubmission, sendNotification } from './activities';
import { renderOrWait, submitOrWait } from './rendering';
import { SYSTEM, type ReviewCycle } from './cycle';
import { reportInput } from './drafting';

/** Submits the signed draft; resolves with the cycle's result, the submission record. */
export async function submit(cycle: ReviewCycle): Promise<ReviewCycleResult> {
  const { state, participants, cycleId, year, tz } = cycle;
  const signed = cycle.currentDraft()!;
  cycle.setStage('submission');
  const rendered = await renderOrWait(cycle, reportInput(cycle, signed.version, 'final'));
  const secretariat = participants.saCouncilSecretariat;
  const recipients = [secretariat.email, participants.coordinator.email, participants.directors.eu.email, participants.directors.al.email];
  const sent = await submitOrWait(cycle, signed.version, () => sendNotification({
    kind: 'submission', cycleId, year, timeZone: tz,
    to: { name: secretariat.name, email: secretariat.email },
    cc: [participants.coordinator, participants.directors.eu, participants.directors.al],
    signedVersion: signed.version, files: rendered.files, directors: participants.directors,
  }));
  const submission = { submittedAt: sent.sentAt, signedVersion: signed.version, recipients, messageId: sent.messageId, files: rendered.files };
  await recordSubmission({ year, submission });
  state.submission = submission;
  cycle.record({ actor: SYSTEM, action: 'report-submitted', version: signed.version, mail: { kind: 'submission', to: secretariat.email, messageId: sent.messageId } });
  cycle.setStage('submitted');
  // Histories from before these mails replay without them.
  if (patched('owners-told')) cycle.tellOwners('submitted', { version: signed.version });
  return { outcome: 'submitted', submission };
}
