/**
 * The activities of sdp-review: every side effect of a review cycle (documents, mail, records).
 * Built by `createActivities(deps)`: the worker passes real dependencies (SMTP, the shared document
 * store, link issuer), tests pass the same kinds of real servers on test ports.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Notification } from '../domain/notifications';
import { purposeOf } from '../domain/notifications';
import type { ReportInput } from '../domain/report';
import type { ReviewCycleState, SubmissionRecord } from '../domain/state';
import { SEEDS_DIR, SeedError, loadSeeds, type Seeds } from '../seeds';
import { seedAreaNames } from '../seeds/area-names';
import { calendarAttachments } from './mail/calendar';
import { linkTargetOf, type ActionLinks } from './mail/links';
import type { OutgoingMail, SentMail } from './mail/send';
import { composeMail } from './mail/texts';
import { DocumentMissingError, type DocumentStore } from '../infra/storage';
import type { RenderedReport } from './report';
import { PreviousDraftMissingError, StoredInputError } from './report/errors';
import { isSubmissionAttachment } from './report/files';
import { writeCycleArchive } from './archive';
import type { ReportRenderer } from './report-pool';
import { mailFailed, mailSent, reportRendered } from './telemetry';

/** The organizer of calendar invitations when the mailer does not say its sender (test doubles). */
const DEFAULT_ORGANIZER = { name: 'sdp-review', address: 'noreply@sdp-review.invalid' };

/** What the activities need from the outside world. */
export interface ActivityDeps {
  /**
   * The document store every worker shares: reports (`<year>/draft-vN/…`, `<year>/final/…`), the
   * areas' inputs, records and the audit archive.
   */
  store: DocumentStore;
  /**
   * Sends one mail over SMTP, at most once per Message-ID (see activities/mail/send.ts). `from`,
   * the sender, organizes the calendar invitations of deadlines (DEFAULT_ORGANIZER without it).
   */
  mailer: { send(mail: OutgoingMail): Promise<SentMail>; from?: { name: string; address: string } };
  links: ActionLinks;
  /** Folder of the seeds that a scheduled kick-off reads (default: the project's seeds/). */
  seedsDir?: string;
  /** The `state` query of a running cycle, by workflow id: what the archive activity writes down. Gives up when `signal` aborts. */
  readCycleState(workflowId: string, signal?: AbortSignal): Promise<ReviewCycleState>;
  /**
   * Where reports render: the worker's pool of threads over the same store (./report-pool.ts),
   * so a render never holds up this event loop; without it, here, over `store` (tests).
   */
  reportRenderer?: ReportRenderer;
}

/**
 * The names of the render's errors that a retry cannot fix (a document missing from the store). By
 * name: a render in a thread rejects with an Error of the same name, not of the same class.
 */
const DOCUMENT_MISSING_ERRORS: ReadonlySet<string> = new Set(['StoredInputError', 'PreviousDraftMissingError']);

/** Whether `err` says a document the render needs is not in the store, from this thread or the pool's. */
function isDocumentMissing(err: unknown): err is Error {
  return err instanceof StoredInputError || err instanceof PreviousDraftMissingError || (err instanceof Error && DOCUMENT_MISSING_ERRORS.has(err.name));
}

/**
 * The activity functions over `deps`: the worker registers them (run/create-worker.ts), tests call
 * them with test servers. Failures a retry cannot fix are non-retryable (see each function).
 */
export function createActivities(deps: ActivityDeps) {
  return {
    /**
     * Renders draft vN or the final package; returns file keys and the areas changed since v(N-1).
     * The rendering runs in `deps.reportRenderer` (a worker thread) when there is one; this thread
     * only awaits it and heartbeats. A missing or altered document is a non-retryable
     * `DocumentMissing` failure. Logs `report rendered` and counts it (activities/telemetry.ts).
     */
    async renderReport(input: ReportInput): Promise<RenderedReport> {
      const started = performance.now();
      // Loaded only here: the renderers' libraries cost this process about 120 MB it needs only without a thread.
      const render = deps.reportRenderer
        ? () => deps.reportRenderer!.render(input)
        : async () => (await import('./report')).renderReport({ store: deps.store, fileUrl: (key) => deps.links.fileUrl(key) }, input);
      const rendered = await withHeartbeat(render).catch((err: unknown) => {
        // A document the render needs is not in the store: no retry brings it back, a person must.
        if (isDocumentMissing(err)) throw ApplicationFailure.nonRetryable(err.message, 'DocumentMissing');
        throw err;
      });
      reportRendered(input, rendered, performance.now() - started);
      return rendered;
    },

    /**
     * Sends the mail for a notification. The Message-ID is stable per (cycle, purpose, recipient),
     * and a sent-record stops a retry from sending it again: a retry after a late `250` must not mail twice.
     * Throws a non-retryable failure when the recipient is refused permanently (SMTP 5xx).
     * Each outcome (sent, already sent, failed) is logged and counted, without the mail's links,
     * body or address (activities/telemetry.ts says why).
     */
    async sendNotification(n: Notification): Promise<SentMail> {
      const started = performance.now();
      const purpose = purposeOf(n);
      const target = linkTargetOf(n);
      const actionUrl = target ? await deps.links.actionUrl(target) : undefined;
      const areaNames = seedAreaNames(deps.seedsDir ?? SEEDS_DIR);
      const mail = composeMail(n, { actionUrl, fileUrl: (key) => deps.links.fileUrl(key), areaNames });
      // A mail that sets, moves or withdraws a deadline carries the calendar's invitation or
      // cancellation (activities/mail/calendar.ts).
      const calendar = calendarAttachments(n, { actionUrl, organizer: deps.mailer.from ?? DEFAULT_ORGANIZER, areaNames });
      const attachments = n.kind === 'submission' ? await submissionAttachments(deps.store, n.files) : calendar.length ? calendar : undefined;
      try {
        const sent = await withHeartbeat(() => deps.mailer.send({
          cycleId: n.cycleId,
          purpose,
          to: n.to,
          cc: n.kind === 'submission' ? n.cc : undefined,
          attachments,
          ...mail,
        }));
        mailSent(n, purpose, sent, performance.now() - started);
        return sent;
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        const failure = code && code >= 500 ? ApplicationFailure.nonRetryable(`SMTP refused the mail to ${n.to.email}: ${(err as Error).message}`, 'MailRefused') : err;
        mailFailed(n, purpose, failure, performance.now() - started);
        throw failure;
      }
    },

    /**
     * Writes the cycle's audit archive (`archive/<year>/`: its state, the audit export as CSV and
     * JSON) from the cycle's own `state` query, so that no payload carries the event history.
     * `final` when the cycle has ended. Returns the keys written.
     */
    async archiveCycle({ workflowId, final }: { workflowId: string; final: boolean }): Promise<string[]> {
      const state = await deps.readCycleState(workflowId, Context.current().cancellationSignal);
      return writeCycleArchive(deps.store, state, final);
    },

    /** Writes `<year>/final/submission-record.json` (time, recipients, SHA-256 of each file). */
    async recordSubmission({ year, submission }: { year: number; submission: SubmissionRecord }): Promise<string> {
      const key = `${year}/final/submission-record.json`;
      await deps.store.put(key, `${JSON.stringify(submission, null, 2)}\n`, { contentType: 'application/json' });
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

/**
 * Runs `fn` while telling Temporal every few seconds that this attempt is alive: with the
 * activity's heartbeat timeout, a worker that dies mid-attempt is noticed within seconds and
 * another retries from the shared store.
 */
async function withHeartbeat<T>(fn: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

/** How often a long activity heartbeats (ms): well within the workflows' heartbeat timeouts (10–15 s). */
const HEARTBEAT_EVERY_MS = 2_000;

/** The .docx, the PDF, the signed content and the manifest of the final package (`isSubmissionAttachment`), read from the store (never through Temporal). */
async function submissionAttachments(store: DocumentStore, files: SubmissionRecord['files']): Promise<{ filename: string; content: Uint8Array }[]> {
  const wanted = files.filter(isSubmissionAttachment);
  return Promise.all(
    wanted.map(async (f) => {
      try {
        return { filename: f.key.split('/').pop()!, content: await store.get(f.key) };
      } catch (err) {
        if (err instanceof DocumentMissingError) throw ApplicationFailure.nonRetryable(err.message, 'DocumentMissing');
        throw err;
      }
    }),
  );
}

/** The activity functions, as workflows see them through `proxyActivities<Activities>`. */
export type Activities = ReturnType<typeof createActivities>;
