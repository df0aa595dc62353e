/**
 * Requests the CLI sends as workflow Updates, and what it says when Temporal does not confirm one.
 *
 * Each Update carries a deterministic update id made of the command, the cycle, a digest of the
 * command's own arguments and a request id (`--request-id`, else a new one). Temporal records an
 * update id once per cycle: running the same command again with the same request id after an
 * unconfirmed answer returns the first outcome instead of acting twice. The digest keeps a reused
 * request id with other arguments (another comment, another file) from being taken for the first.
 *
 * When the Update was sent and Temporal did not answer in time (a restarting worker, a slow
 * cluster), the action may still be recorded: the CLI says it is *not yet confirmed* and how to
 * check, with its own exit code (8), never that nothing was recorded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { InvalidArgumentError, Option } from 'commander';
import { CycleError } from '../client/errors';
import { TemporalUnavailableError } from '../infra/temporal-connection';
import { texts } from './texts';

/** The flags every update command takes: `--request-id` and, where it asks, `--yes`. */
export interface RequestFlags {
  requestId?: string;
  yes?: boolean;
}

/** A request id as given: 1–64 letters, digits, `.`, `_` or `-`. */
export function parseRequestId(value: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) throw new InvalidArgumentError(texts.requests.badRequestId);
  return value;
}

/** `--request-id <id>`: names the request, so that a retry of it is recognised. */
export const requestIdOption = () => new Option('--request-id <id>', texts.requests.requestId).argParser(parseRequestId);

/** A new request id: 10 characters of base64url (60 random bits), short enough to retype. */
export function newRequestId(): string {
  return randomBytes(8).toString('base64url').slice(0, 10);
}

/**
 * The update id of `command` (`close`, `draft reopen`…) on the cycle of `year` with the command's
 * own arguments `args` (plain JSON: options as typed, a file's SHA-256; never `--yes` or
 * `--request-id`) and `requestId`: `cli:<command>:<year>:<12 hex digits of SHA-256 of args>:<requestId>`.
 */
export function cliUpdateId(command: string, year: number, args: unknown, requestId: string): string {
  const digest = createHash('sha256').update(JSON.stringify(args) ?? '').digest('hex').slice(0, 12);
  return `cli:${command.replace(/\s+/g, '-')}:${year}:${digest}:${requestId}`;
}

/**
 * A request whose outcome is unknown: it was sent, and Temporal did not answer in time. `requestId`
 * is the id to run it again with (none for `start`, whose retry says whether the cycle exists).
 */
export class UnconfirmedError extends Error {
  override name = 'UnconfirmedError';
  constructor(
    readonly command: string,
    readonly year: number,
    readonly requestId: string | undefined,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${command} on the ${year} cycle is not yet confirmed: ${detail}`, options);
  }
}

/** Connection failures that mean the request never reached Temporal, or was refused by it. */
const NOT_SENT: ReadonlySet<string> = new Set(['dns', 'refused', 'tls', 'unauthenticated', 'permission-denied']);

/**
 * What the failure `err` of a request already sent means: an UnconfirmedError when Temporal did not
 * answer (CycleError `unavailable`: a deadline, a dropped connection, a cycle whose worker cannot
 * answer now), since the request may still be recorded; `err` itself otherwise (a refusal, a
 * finished cycle, credentials refused: then nothing was recorded).
 */
export function unconfirmedOr(err: unknown, request: { command: string; year: number; requestId?: string }): unknown {
  if (!(err instanceof CycleError) || err.kind !== 'unavailable') return err;
  if (err.cause instanceof TemporalUnavailableError && NOT_SENT.has(err.cause.reason)) return err;
  return new UnconfirmedError(request.command, request.year, request.requestId, err.message, { cause: err });
}
