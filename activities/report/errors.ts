/**
 * The render's errors that mean a document is missing, apart from the renderers: the worker's
 * main thread recognises them (activities/index.ts) without loading docx, pdf-lib or Chromium's
 * driver, which only the render thread needs.
 */

/**
 * Thrown for draft vN (N > 1) when draft v(N-1)'s `report-input.json` cannot be read: the
 * comparison the coordinator relies on cannot be made, and retrying will not help.
 */
export class PreviousDraftMissingError extends Error {
  override readonly name = 'PreviousDraftMissingError';
  constructor(readonly key: string, cause: unknown) {
    super(`cannot read the previous draft's report input at ${key}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * An area's input stored by reference is missing from the store or does not match its SHA-256:
 * the report cannot be built, and retrying will not help until a person restores it.
 */
export class StoredInputError extends Error {
  override readonly name = 'StoredInputError';
  constructor(readonly key: string, why: string, cause?: unknown) {
    super(`the input ${key} ${why}`, { cause });
  }
}
