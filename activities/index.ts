/**
 * The activities of sdp-review: every side effect of a review cycle (documents, mail, records).
 * Built by `createActivities(deps)`: the worker passes real dependencies (SMTP, artifacts folder,
 * link issuer), tests pass the same kinds of real servers on test ports.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../infra/files';
import { ApplicationFailure } from '@temporalio/activity';
import type { Notification } from '../domain/notifications';
import { purposeOf } from '../domain/notifications';
import type { ReportInput } from '../domain/report';
import type { SubmissionRecord } from '../domain/schemas';
import { SEEDS_DIR, SeedError, loadSeeds, type Seeds } from '../seeds';
import type { ActionLinks, LinkTarget } from './links';
import { composeMail } from './mail-texts';
import type { OutgoingMail, SentMail } from './mail';
import { renderReport, type RenderedReport } from './report';

/** What the activities need from the outside world. */
export interface ActivityDeps {
  /** Absolute folder under which reports are written (`<year>/draft-vN/…`, `<year>/final/…`). */
  artifactsDir: string;
  /** Sends one mail over SMTP, at most once per Message-ID (see activities/mail.ts). */
  mailer: { send(mail: OutgoingMail): Promise<SentMail> };
  links: ActionLinks;
  /** Folder of the seeds that a scheduled kick-off reads (default: the project's seeds/). */
  seedsDir?: string;
}

/** Time an action link stays valid after it is mailed, beyond the step's due date (ms). */
const LINK_GRACE_MS = 30 * 24 * 3600 * 1000;

export function createActivities(deps: ActivityDeps) {
  /** The step a notification's action link opens, valid until its due date plus a grace period. */
  function linkTarget(n: Notification): LinkTarget | undefined {
    const until = (dueAt: string) => new Date(Date.parse(dueAt) + LINK_GRACE_MS).toISOString();
    switch (n.kind) {
      case 'contribution-request':
        return { step: 'contribution', cycleId: n.cycleId, areaId: n.area.id, recipient: n.to, role: 'area-owner', side: n.side, expiresAt: until(n.dueAt) };
      case 'inputs-complete':
        return { step: 'collection', cycleId: n.cycleId, recipient: n.to, role: 'coordinator', expiresAt: until(n.dueAt) };
      case 'draft-ready':
        return { step: 'draft-review', cycleId: n.cycleId, version: n.version, recipient: n.to, role: 'coordinator', expiresAt: until(n.dueAt) };
      case 'changes-requested':
        // Only the coordinator's copy carries a link: the next decision is the coordinator's.
        if (!n.coordinatorDueAt) return undefined;
        return { step: 'draft-review', cycleId: n.cycleId, version: n.version, recipient: n.to, role: 'coordinator', expiresAt: until(n.coordinatorDueAt) };
      case 'sign-off-request':
        return { step: 'sign-off', cycleId: n.cycleId, version: n.version, director: n.director, recipient: n.to, role: 'director', expiresAt: until(n.dueAt) };
      default:
        return undefined;
    }
  }

  return {
    /** Renders draft vN or the final package; returns file keys and the areas changed since v(N-1). */
    async renderReport(input: ReportInput): Promise<RenderedReport> {
      return renderReport({ artifactsDir: deps.artifactsDir }, input);
    },

    /**
     * Sends the mail for a notification. The Message-ID is stable per (cycle, purpose, recipient),
     * and a sent-record stops a retry from sending it again (../shared/cases C3).
     * Throws a non-retryable failure when the recipient is refused permanently (SMTP 5xx).
     */
    async sendNotification(n: Notification): Promise<SentMail> {
      const target = linkTarget(n);
      const actionUrl = target ? await deps.links.actionUrl(target) : undefined;
      const mail = composeMail(n, { actionUrl, fileUrl: (key) => deps.links.fileUrl(key) });
      const attachments =
        n.kind === 'submission'
          ? n.files.filter((f) => f.format === 'docx' || (f.format === 'json' && f.key.endsWith('manifest.json'))).map((f) => ({ filename: f.key.split('/').pop()!, path: join(deps.artifactsDir, f.key) }))
          : undefined;
      try {
        return await deps.mailer.send({
          cycleId: n.cycleId,
          purpose: purposeOf(n),
          to: n.to,
          cc: n.kind === 'submission' ? n.cc : undefined,
          attachments,
          ...mail,
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (code && code >= 500) throw ApplicationFailure.nonRetryable(`SMTP refused the mail to ${n.to.email}: ${(err as Error).message}`, 'MailRefused');
        throw err;
      }
    },

    /** Writes `<year>/final/submission-record.json` (time, recipients, SHA-256 of each file). */
    async recordSubmission({ year, submission }: { year: number; submission: SubmissionRecord }): Promise<string> {
      const key = `${year}/final/submission-record.json`;
      await writeFileAtomic(join(deps.artifactsDir, key), `${JSON.stringify(submission, null, 2)}\n`);
      return key;
    },

    /**
     * A snapshot of the seeds for a scheduled kick-off (workflows/scheduled-kickoff.ts), read from
     * `deps.seedsDir` and validated by the same loader as `sdp-review start` (seeds/index.ts).
     * A broken or missing seed is a non-retryable failure of type `SeedError` naming the file and
     * field: retrying cannot fix a file, and a person has to.
     */
    async loadCycleSeeds(): Promise<Seeds> {
      try {
        return loadSeeds(deps.seedsDir ?? SEEDS_DIR);
      } catch (err) {
        if (err instanceof SeedError) throw ApplicationFailure.nonRetryable(err.message, 'SeedError');
        throw err;
      }
    },
  };
}

/** The activity functions, as workflows see them through `proxyActivities<Activities>`. */
export type Activities = ReturnType<typeof createActivities>;
