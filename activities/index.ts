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
import type { SubmissionRecord } from '../domain/state';
import { SEEDS_DIR, SeedError, loadSeeds, type Seeds } from '../seeds';
import { linkTargetOf, type ActionLinks } from './mail/links';
import type { OutgoingMail, SentMail } from './mail/send';
import { composeMail } from './mail/texts';
import { renderReport, type RenderedReport } from './report';

/** What the activities need from the outside world. */
export interface ActivityDeps {
  /** Absolute folder under which reports are written (`<year>/draft-vN/…`, `<year>/final/…`). */
  artifactsDir: string;
  /** Sends one mail over SMTP, at most once per Message-ID (see activities/mail/send.ts). */
  mailer: { send(mail: OutgoingMail): Promise<SentMail> };
  links: ActionLinks;
  /** Folder of the seeds that a scheduled kick-off reads (default: the project's seeds/). */
  seedsDir?: string;
}

/**
 * The activity functions over `deps`: the worker registers them (run/create-worker.ts), tests call
 * them with test servers. Failures a retry cannot fix are non-retryable (see each function).
 */
export function createActivities(deps: ActivityDeps) {
  return {
    /** Renders draft vN or the final package; returns file keys and the areas changed since v(N-1). */
    async renderReport(input: ReportInput): Promise<RenderedReport> {
      return renderReport({ artifactsDir: deps.artifactsDir }, input);
    },

    /**
     * Sends the mail for a notification. The Message-ID is stable per (cycle, purpose, recipient),
     * and a sent-record stops a retry from sending it again: a retry after a late `250` must not mail twice.
     * Throws a non-retryable failure when the recipient is refused permanently (SMTP 5xx).
     */
    async sendNotification(n: Notification): Promise<SentMail> {
      const target = linkTargetOf(n);
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
