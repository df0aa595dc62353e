/**
 * The Temporal SDK's logs on pino: the SDK's, the workflows' and the activities' log lines become
 * one JSON object per line, with the SDK's metadata as fields.
 */
import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import pino, { type Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, pino.Level> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * The SDK's Logger interface on top of pino: each call is one JSON line with the SDK's metadata
 * as fields (`sdkComponent`, `workflowId`, `runId`, `activityId`, `taskQueue`…). An `error` or
 * `failure` value is serialised as `err` (type, message, stack). An activity's `taskToken` is left
 * out: it lets anyone with access to Temporal complete the activity, and logs travel far.
 */
export function sdkLogger(log: Logger): SdkLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(meta ?? {})) {
      if (key === 'taskToken') continue;
      if (value instanceof Error && (key === 'error' || key === 'failure' || key === 'err')) fields.err = value;
      else if (typeof value === 'bigint') fields[key] = value.toString();
      else fields[key] = value;
    }
    log[PINO_LEVEL[level]](fields, message);
  };
  return {
    log: write,
    trace: (m, meta) => write('TRACE', m, meta),
    debug: (m, meta) => write('DEBUG', m, meta),
    info: (m, meta) => write('INFO', m, meta),
    warn: (m, meta) => write('WARN', m, meta),
    error: (m, meta) => write('ERROR', m, meta),
  };
}
