/**
 * Runs before each test file: the Temporal SDK's own log lines at WARN unless LOG_LEVEL says
 * otherwise, so the output shows what matters. The Runtime installs once per process; a process
 * that runs several test files keeps the first one.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger((process.env.LOG_LEVEL?.toUpperCase() as LogLevel | undefined) ?? 'WARN') });
} catch {
  // Already installed in this process.
}
