/**
 * Field-level validation errors, in one shape for workflows (Update validators), the CLI and the
 * web pages: each error names the exact path of the field (`deliverables.1.title`), never a merged
 * message under a parent: an empty second deliverable title is `deliverables.1.title`.
 */
import type { ZodError } from 'zod';

/** One invalid field: its dotted path (`commitments.2.status`; `` for the whole input) and why. */
export interface FieldError {
  path: string;
  message: string;
}

/** The failure type that Update validators throw, so clients can tell bad input from other errors. */
export const VALIDATION_FAILURE = 'ValidationError';
/** The failure type for an action that is no longer possible (a closed step, a finished cycle: yesterday's link after a decision). */
export const CONFLICT_FAILURE = 'ConflictError';
/** The failure type for an actor who may not take the action. */
export const FORBIDDEN_FAILURE = 'ForbiddenError';

/** Flattens zod issues into field errors, one per issue, keeping each issue's own path. */
export function fieldErrors(error: ZodError, prefix: (string | number)[] = []): FieldError[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}

/** One line per field error: `deliverables.1.title: must not be empty; …`. */
export function describeFieldErrors(errors: FieldError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
}
