/**
 * The demo path of a review cycle, as a client drives it (used by `npm run demo` and by the
 * integration test): every stage, a request for changes and a second draft.
 */
import type { Client } from '@temporalio/client';
import { approveDraftUpdate, closeCollectionUpdate, reopenAreasUpdate, signOffUpdate } from '../domain/messages';
import type { Actor, Person } from '../domain/schemas';
import type { ReviewCycleState } from '../domain/state';
import { FolderStore, type DocumentStore } from '../infra/storage';
import { loadSampleInput, type Seeds } from '../seeds';
import { getCycleState, startCycle, submitContribution, updateCycle } from './cycles';

/** What the demo produced. */
export interface DemoResult {
  workflowId: string;
  /** Where the final .docx, .html, .md and (when printed) .pdf are: absolute paths in a folder store, URLs of the objects otherwise. */
  paths: string[];
  messageId: string;
  state: ReviewCycleState;
}

const actor = (p: Person, role: Actor['role']): Actor => ({ email: p.email, name: p.name, role, channel: 'cli' });

/**
 * Polls the cycle's state every `intervalMs` (default 200) until `predicate` holds; throws after
 * `timeoutMs` (default 60 000) naming `what` and the stage it saw last.
 */
export async function waitForState(
  client: Client,
  year: number,
  predicate: (s: ReviewCycleState) => boolean,
  what: string,
  { timeoutMs = 60_000, intervalMs = 200 } = {},
): Promise<ReviewCycleState> {
  const deadline = Date.now() + timeoutMs;
  let last: ReviewCycleState | undefined;
  while (Date.now() < deadline) {
    last = await getCycleState(client, year);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out waiting for ${what}; the cycle is in stage ${last?.stage ?? 'unknown'}`);
}

/** Runs the whole demo cycle for `year`. Throws if any step is refused. */
export async function runDemoCycle(opts: { client: Client; seeds: Seeds; year: number; store: DocumentStore; onProgress?: (line: string) => void }): Promise<DemoResult> {
  const { client, seeds, year } = opts;
  const log = opts.onProgress ?? (() => {});
  const { participants } = seeds;
  const coordinator = actor(participants.coordinator, 'coordinator');

  log(`Starting the ${year} review cycle…`);
  const { workflowId } = await startCycle(client, { year, seeds, startedBy: { ...coordinator, channel: 'system' } });

  log(`Collecting: ${seeds.areas.length} areas submit their sample inputs…`);
  for (const [i, area] of seeds.areas.entries()) {
    const owners = participants.areaOwners[area.id]!;
    const owner = i % 2 === 0 ? owners.eu : owners.al;
    await submitContribution(client, { year, areaId: area.id, contribution: loadSampleInput(area), actor: actor(owner, 'area-owner'), area, store: opts.store });
  }
  await waitForState(client, year, (s) => s.areas.every((a) => a.status === 'submitted'), 'all inputs to be recorded');
  await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });

  log('Drafting: waiting for draft v1…');
  await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
  await updateCycle(client, year, approveDraftUpdate, { version: 1, actor: coordinator });

  log('Director sign-off: the EU director approves v1, the Albanian director requests changes…');
  await waitForState(client, year, (s) => s.stage === 'sign-off', 'sign-off of v1');
  const { eu, al } = participants.directors;
  await updateCycle(client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: 'A clear account of the year.', actor: actor(eu, 'director') });
  const revisedArea = seeds.areas.find((a) => a.id === 'cyber-issues') ?? seeds.areas[0]!;
  await updateCycle(client, year, signOffUpdate, {
    version: 1, director: 'al', decision: 'request-changes',
    comment: `Please state the dates of the exercises in «${revisedArea.title}» and the next steps agreed in Tiranë.`,
    actor: actor(al, 'director'),
  });

  log(`Drafting: the coordinator reopens «${revisedArea.title}»; its owner revises…`);
  await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts[0]?.status === 'changes-requested', 'changes requested on v1');
  await updateCycle(client, year, reopenAreasUpdate, { version: 1, areaIds: [revisedArea.id], comment: 'Add the exercise dates and the next steps agreed with the Albanian side.', actor: coordinator });
  await waitForState(client, year, (s) => s.stage === 'collecting' && s.areas.find((a) => a.id === revisedArea.id)?.status === 'reopened', 'the area to reopen');
  const sample = loadSampleInput(revisedArea);
  await submitContribution(client, {
    year, areaId: revisedArea.id,
    contribution: { ...sample, narrative: `${sample.narrative}\n\nThe joint exercise took place in Tiranë on 14–15 October; the next one is planned in Durrës in spring.`, nextSteps: `${sample.nextSteps} Next steps agreed with the Albanian side in Tiranë are recorded above.` },
    actor: actor(participants.areaOwners[revisedArea.id]!.al, 'area-owner'),
    area: revisedArea,
    store: opts.store,
  });

  log('Drafting: waiting for draft v2…');
  await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 2, 'draft v2');
  await updateCycle(client, year, approveDraftUpdate, { version: 2, actor: coordinator });
  await waitForState(client, year, (s) => s.stage === 'sign-off' && s.drafts[1]?.status === 'in-sign-off', 'sign-off of v2');
  log('Director sign-off: both directors approve v2…');
  await updateCycle(client, year, signOffUpdate, { version: 2, director: 'al', decision: 'approve', comment: 'Faleminderit — approved.', actor: actor(al, 'director') });
  await updateCycle(client, year, signOffUpdate, { version: 2, director: 'eu', decision: 'approve', comment: '', actor: actor(eu, 'director') });

  log('Submission: the final report goes to the SA Council secretariat…');
  const state = await waitForState(client, year, (s) => s.stage === 'submitted', 'the submission');
  await client.workflow.getHandle(workflowId).result();
  const submission = state.submission!;
  const where = (key: string) => (opts.store instanceof FolderStore ? opts.store.pathOf(key) : `${opts.store.location}/${key}`);
  const paths = (['docx', 'html', 'md'] as const).map((format) => {
    const file = submission.files.find((f) => f.format === format);
    if (!file) throw new Error(`the final package has no .${format}`);
    return where(file.key);
  });
  // The PDF, the copy the SA Council circulates, when the worker prints one (SDP_REPORT_PDF).
  const pdf = submission.files.find((f) => f.format === 'pdf');
  if (pdf) paths.push(where(pdf.key));
  return { workflowId, paths, messageId: submission.messageId, state };
}
