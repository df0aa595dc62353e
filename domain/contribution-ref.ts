/**
 * Inputs by reference (claim check): an area's input is written once to the document store under
 * a content-addressed key, and the workflows carry only that key, its SHA-256, its size and a
 * summary (the status per commitment). No Temporal payload carries the narrative, so an input of
 * up to CONTRIBUTION_MAX_BYTES never brings a payload or a history near Temporal's limits.
 */
import { z } from 'zod';
import { CONTRIBUTION_MAX_BYTES, CommitmentStatus, Slug, type AreaOfCooperation, type Contribution } from './schemas';

/** A hex SHA-256. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256 (64 characters 0-9a-f)');

/** What the workflows and pages need of an input without reading it. */
export const ContributionSummary = z.strictObject({
  commitments: z.array(z.strictObject({ commitmentId: Slug, status: CommitmentStatus })).max(200),
  /** Number of deliverables. */
  deliverables: z.number().int().min(0).max(500),
  /** Characters of the narrative. */
  narrativeChars: z.number().int().min(0),
});
export type ContributionSummary = z.infer<typeof ContributionSummary>;

/** An input in the document store: its key, SHA-256 and size in bytes (UTF-8 JSON), and its summary. */
export const StoredContribution = z.strictObject({
  key: z.string().regex(/^\d{4}\/inputs\/[a-z0-9-]+\/[0-9a-f]{64}\.json$/, 'must be <year>/inputs/<area>/<sha256>.json'),
  sha256: Sha256Hex,
  bytes: z.number().int().min(2).max(CONTRIBUTION_MAX_BYTES, `must be at most ${CONTRIBUTION_MAX_BYTES} bytes`),
  summary: ContributionSummary,
});
export type StoredContribution = z.infer<typeof StoredContribution>;

/** The store key of an input: content-addressed, so writing the same input twice is one object. */
export function contributionKey(year: number, areaId: string, sha256: string): string {
  return `${year}/inputs/${areaId}/${sha256}.json`;
}

/** The summary of a validated input. */
export function summariseContribution(c: Contribution): ContributionSummary {
  return {
    commitments: c.commitments.map(({ commitmentId, status }) => ({ commitmentId, status })),
    deliverables: c.deliverables.length,
    narrativeChars: c.narrative.length,
  };
}

/**
 * Checks a stored input against the area it is for: its key is the area's in `year` and names its
 * hash, and its summary reports every commitment of the area exactly once. Returns the problems as
 * field errors (path under `stored`); empty when it fits.
 */
export function storedContributionProblems(stored: StoredContribution, area: Pick<AreaOfCooperation, 'id' | 'commitments'>, year: number): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (stored.key !== contributionKey(year, area.id, stored.sha256)) problems.push({ path: 'stored.key', message: `must be ${contributionKey(year, area.id, stored.sha256)}` });
  const reported = stored.summary.commitments.map((c) => c.commitmentId);
  const expected = area.commitments.map((c) => c.id);
  if (reported.length !== expected.length || expected.some((id) => !reported.includes(id))) {
    problems.push({ path: 'stored.summary.commitments', message: `must report each of ${expected.join(', ')} once` });
  }
  return problems;
}

/**
 * The status reported for each commitment of an area, from its input inline (cycles before inputs
 * by reference) or from the summary of its stored input; undefined without an input.
 */
export function reportedStatuses(area: { contribution?: Pick<Contribution, 'commitments'>; input?: StoredContribution }): { commitmentId: string; status: CommitmentStatus }[] | undefined {
  return area.input?.summary.commitments ?? area.contribution?.commitments;
}
