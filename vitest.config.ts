import { defineConfig } from 'vitest/config';

// Temporal's native worker and test servers need process isolation: forks, not threads.
// Tiers, one folder each: `unit` needs no server and runs in seconds (`npm run test:unit`);
// `workflows` (Temporal servers), `storage` (a folder and S3 on versitygw), `mail` (a real SMTP server), `web` (HTTP and Chromium) and
// `e2e` (whole processes: CLI, worker, stack) start the real servers they test against.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    globalSetup: ['test/global-setup.ts'],
    maxWorkers: 3,
    // Printing a PDF takes Chromium seconds per render: the cycles of the suite render without it;
    // the PDF's own tests and the demo's end-to-end test turn it on (test/web/report-pdf.test.ts, test/e2e/integration.test.ts).
    env: { SDP_REPORT_PDF: 'off' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // The other tiers run the Temporal SDK: its own log lines at WARN (test/setup.ts).
      { extends: true, test: { name: 'workflows', include: ['test/workflows/**/*.test.ts'], setupFiles: ['test/setup.ts'] } },
      { extends: true, test: { name: 'storage', include: ['test/storage/**/*.test.ts'] } },
      { extends: true, test: { name: 'mail', include: ['test/mail/**/*.test.ts'], setupFiles: ['test/setup.ts'] } },
      { extends: true, test: { name: 'web', include: ['test/web/**/*.test.ts'], setupFiles: ['test/setup.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], setupFiles: ['test/setup.ts'] } },
    ],
  },
});
