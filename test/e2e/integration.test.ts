/**
 * The demo path end to end on the embedded stack as `npm start` brings it up: the real dev server
 * binary (SQLite file), the real SMTP capture, the real worker. Checks the mails received and the
 * final files: all 15 areas, Albanian letters intact in the .docx XML, in subjects and in names.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoCycle, type DemoResult } from '../../client/demo';
import { loadConfig } from '../../infra/config';
import { startStack, type Stack } from '../../run/stack';
import { seeds } from '../helpers/cycle';

/** A free TCP port on 127.0.0.1 (and the one after it, for the Temporal UI, is checked by the server). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

let stack: Stack;
let demo: DemoResult;
const dataDir = mkdtempSync(join(tmpdir(), 'sdp-review-it-'));
const year = new Date().getFullYear();

beforeAll(async () => {
  const base = loadConfig({});
  const config = { ...base, dataDir, artifactsDir: join(dataDir, 'artifacts'), smtpUrl: undefined };
  stack = await startStack({ config, temporalPort: await freePort(), temporalUiPort: await freePort() });
  demo = await runDemoCycle({ client: stack.client, seeds, year, artifactsDir: config.artifactsDir });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the demo cycle on the embedded stack', () => {
  it('submits the signed report and prints the three final files', () => {
    expect(demo.workflowId).toBe(`review-cycle-${year}`);
    expect(demo.state.stage).toBe('submitted');
    expect(demo.state.drafts.map((d) => d.version)).toEqual([1, 2]);
    expect(demo.state.submission!.signedVersion).toBe(2);
    expect(demo.paths.map((p) => p.split('.').pop())).toEqual(['docx', 'html', 'md']);
    const sha = demo.state.submission!.files.find((f) => f.format === 'docx')!.sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes a final .docx with all 15 areas and the Albanian letters intact', async () => {
    const zip = await JSZip.loadAsync(readFileSync(demo.paths[0]!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(XMLValidator.validate(xml)).toBe(true);
    for (const area of seeds.areas) expect(xml).toContain(area.title.replace(/&/g, '&amp;'));
    // Names of the directors and owners, exactly (precomposed letters).
    for (const name of [seeds.participants.directors.al.name, seeds.participants.areaOwners['fimi']!.al.name]) {
      expect(name).toMatch(/[ëçËÇ]/);
      expect(xml).toContain(name.normalize('NFC'));
    }
    // The revision made after the request for changes is in the signed report.
    expect(xml).toContain('Tiranë on 14–15 October');
    const html = readFileSync(demo.paths[1]!, 'utf8');
    const md = readFileSync(demo.paths[2]!, 'utf8');
    for (const text of [html, md]) expect(text).toContain(seeds.participants.directors.al.name);
  });

  it('sent the mails each step asks for, with Albanian letters intact in names and subjects', async () => {
    const capture = stack.smtp.capture!;
    const secretariat = seeds.participants.saCouncilSecretariat.email;
    const submission = await capture.waitFor((m) => m.envelope.to.includes(secretariat), 10_000);
    expect(submission.attachments.map((a) => a.filename)).toEqual(expect.arrayContaining([`sdp-review-${year}-final.docx`, `sdp-review-${year}-final-manifest.json`]));
    const mails = await capture.list();
    // 15 areas × 2 owners asked at kick-off; one reopened area asked again (2 owners).
    expect(mails.filter((m) => m.subject.startsWith('Input requested:'))).toHaveLength(30);
    expect(mails.filter((m) => m.subject.startsWith('Reopened:'))).toHaveLength(2);
    expect(mails.filter((m) => m.subject.startsWith('Sign-off requested:'))).toHaveLength(4);
    expect(mails.filter((m) => m.subject.startsWith('Draft v'))).toHaveLength(2);
    const al = seeds.participants.directors.al;
    const toAl = mails.filter((m) => m.envelope.to.includes(al.email));
    expect(toAl.some((m) => m.to.some((t) => t.includes(al.name)))).toBe(true);
    // The confirmation to the Albanian director names him in its subject: "Recorded: Gëzim Çobani requested changes…".
    expect(toAl.some((m) => m.subject.includes(`${al.name} requested changes`))).toBe(true);
    // After the request for changes, only the coordinator is asked to act, by a date.
    const changes = mails.filter((m) => m.subject.startsWith('Changes requested'));
    expect(changes).toHaveLength(3);
    const coordinatorEmail = seeds.participants.coordinator.email;
    for (const m of changes) expect(m.text.includes('Please decide by')).toBe(m.envelope.to.includes(coordinatorEmail));
    // One Message-ID per (cycle, purpose, recipient): no duplicates in the outbox.
    const ids = mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
