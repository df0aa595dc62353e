/**
 * Inputs by reference, on the client's side: an area's input is checked and written to the
 * document store before the Update that records it carries only its key, hash, size and summary
 * (domain/contribution-ref.ts).
 */
import { createHash } from 'node:crypto';
import { contributionKey, summariseContribution, type StoredContribution } from '../domain/contribution-ref';
import { contributionSchemaFor, type AreaOfCooperation, type Contribution, type ContributionInput } from '../domain/schemas';
import { describeFieldErrors, fieldErrors } from '../domain/validation';
import type { DocumentStore } from '../infra/storage';
import { CycleError } from './errors';

/**
 * Writes an area's input to the document store, by reference: checks it against the area (every
 * commitment once, at most CONTRIBUTION_MAX_BYTES), writes its cleaned JSON once under its
 * content-addressed key, and returns the reference the Update carries. Throws CycleError
 * `invalid` with the field errors; the store's error when it cannot be written.
 */
export async function storeContribution(
  store: DocumentStore,
  opts: { year: number; area: Pick<AreaOfCooperation, 'id' | 'commitments'>; contribution: ContributionInput },
): Promise<StoredContribution> {
  const checked = contributionSchemaFor(opts.area).safeParse(opts.contribution);
  if (!checked.success) {
    const errors = fieldErrors(checked.error);
    throw new CycleError('invalid', `${opts.area.id}: ${describeFieldErrors(errors)}`, errors, { code: 'invalid-input', errors });
  }
  const json = JSON.stringify(checked.data);
  const sha256 = createHash('sha256').update(json).digest('hex');
  const stored = await store.put(contributionKey(opts.year, opts.area.id, sha256), json, { contentType: 'application/json' });
  return { key: stored.key, sha256: stored.sha256, bytes: stored.bytes, summary: summariseContribution(checked.data) };
}


/**
 * The input `ref` points to, read from `store` and checked against its SHA-256. Throws the
 * store's DocumentMissingError when it is gone, and an Error naming the key when it was altered.
 */
export async function readStoredContribution(store: DocumentStore, ref: StoredContribution): Promise<Contribution> {
  const bytes = await store.get(ref.key);
  if (createHash('sha256').update(bytes).digest('hex') !== ref.sha256) throw new Error(`the input ${ref.key} in ${store.location} does not match its SHA-256 ${ref.sha256}`);
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as Contribution;
}
