/**
 * The CLI against a real cycle on the dev server: `audit --out` never replaces a file unless
 * `--force`, writes it for the owner only (0600) and names a missing folder; `draft approve` and
 * `sign` while collecting are refused as the wrong stage (exit 4), not as a bad version (exit 2).
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, startCycle } from '../../client/cycles';
import { coordinator, seeds } from '../helpers/cycle';
import { cli } from '../helpers/cli';
import { startWorkerHarness, type WorkerHarness } from '../helpers/temporal';

let harness: WorkerHarness;
const year = 2071;
let dir: string;

beforeAll(async () => {
  harness = await startWorkerHarness();
  process.env.TEMPORAL_ADDRESS = harness.env.address;
  await startCycle(harness.env.client, { year, seeds, startedBy: coordinator });
  dir = mkdtempSync(join(tmpdir(), 'sdp-cli-audit-'));
});
afterAll(async () => {
  delete process.env.TEMPORAL_ADDRESS;
  await harness?.stop();
});

describe('audit --out', () => {
  it('writes a new file for the owner only, refuses to replace one without --force, and names a missing folder', async () => {
    const out = join(dir, 'audit.csv');
    const first = await cli('audit', '--year', String(year), '--out', out);
    expect(first.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toContain('cycle-started');

    // An existing file (here, one that looks like the link secret) is left exactly as it was.
    const secret = join(dir, 'link-secret');
    writeFileSync(secret, 'sekret-i-lidhjeve-ë-ç\n', { mode: 0o600 });
    const refused = await cli('audit', '--year', String(year), '--out', secret);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`--out ${secret}: the file exists already and was left as it is; choose another path, or add --force to replace it.`);
    expect(readFileSync(secret, 'utf8')).toBe('sekret-i-lidhjeve-ë-ç\n');

    writeFileSync(out, 'old', { mode: 0o644 });
    const forced = await cli('audit', '--year', String(year), '--format', 'json', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))[0]).toMatchObject({ action: 'cycle-started' });
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const missing = join(dir, 'no-such-folder', 'audit.csv');
    const noFolder = await cli('audit', '--year', String(year), '--out', missing);
    expect(noFolder.code).toBe(2);
    expect(noFolder.err).toContain(`the folder ${join(dir, 'no-such-folder')} does not exist`);
    expect(noFolder.err).not.toContain('ENOENT');

    mkdirSync(join(dir, 'a-folder'));
    expect((await cli('audit', '--year', String(year), '--out', join(dir, 'a-folder'))).err).toContain('this is a folder');
  });
});

describe('a draft decision while collecting', () => {
  it('is refused as the wrong stage, exit 4, and changes nothing', async () => {
    // People's events: the cycle's own (mails going out at kick-off) may still arrive meanwhile.
    const peoples = async () => (await getCycleState(harness.env.client, year)).events.filter((e) => e.actor.role !== 'system').map((e) => e.action);
    const before = await peoples();
    const approve = await cli('draft', 'approve', '--year', String(year));
    expect(approve.code).toBe(4);
    expect(approve.err).toContain(`The cycle ${year} is in stage "collecting"; this action belongs to "drafting".`);
    const reopen = await cli('draft', 'reopen', 'fimi', '--comment', 'Shtoni datat.', '--year', String(year), '--yes');
    expect(reopen.code).toBe(4);
    const sign = await cli('sign', 'approve', '--director', 'al', '--year', String(year));
    expect(sign.code).toBe(4);
    expect(sign.err).toContain(`The cycle ${year} is in stage "collecting"; this action belongs to "sign-off".`);
    expect(await peoples()).toEqual(before);
  });
});
