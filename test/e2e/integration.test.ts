/**
 * The demo path end to end on the embedded stack as `npm start` brings it up: the real dev server
 * binary (SQLite file), the real SMTP capture, the real worker, the web server. Checks the mails
 * received and the final files: all 15 areas, Albanian letters intact in the .docx XML, in subjects
 * and in names; every mail to an Albanian-side person in Albanian and to an EU-side person in
 * English, their subjects decoded exactly from the raw messages; the Albanian director's sign-off
 * link opening in Albanian, with the switch to English.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import libmime from 'libmime';
import pino from 'pino';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoCycle, type DemoResult } from '../../client/demo';
import { loadConfig, openStore } from '../../infra/config';
import { startStack, type Stack } from '../../run/stack';
import { languageOf } from '../../domain/schemas';
import type { CapturedMail } from '../../infra/smtp-capture';
import { startWebServer } from '../../web';
import { seeds } from '../helpers/cycle';
import { HttpSession, inLanguage, linkIn } from '../helpers/stack';

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
  // The demo's package is the real one: with its PDF (the suite renders without it by default).
  process.env.SDP_REPORT_PDF = 'on';
  const base = loadConfig({});
  const config = { ...base, dataDir, artifactsDir: join(dataDir, 'artifacts'), smtpUrl: undefined, port: 0, host: '127.0.0.1' };
  const web = (parts: Parameters<typeof startWebServer>[0]) => startWebServer(parts, { logger: pino({ level: 'silent' }), env: {} });
  stack = await startStack({ config, temporalPort: await freePort(), temporalUiPort: await freePort(), web });
  demo = await runDemoCycle({ client: stack.client, seeds, year, store: openStore(config) });
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
    // The suite prints no PDF (SDP_REPORT_PDF=off); with one, its path comes fourth.
    expect(demo.paths.map((p) => p.split('.').pop()).slice(0, 3)).toEqual(['docx', 'html', 'md']);
    expect(demo.state.submission!.files.map((f) => f.format).sort()).toEqual(['docx', 'html', 'json', 'json', 'md', 'pdf']);
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
    // 15 areas × 2 owners asked at kick-off, each in their language; one reopened area asked again (2 owners).
    expect(mails.filter((m) => m.subject.startsWith('Input requested:'))).toHaveLength(15);
    expect(mails.filter((m) => m.subject.startsWith('Kërkohet kontributi:'))).toHaveLength(15);
    expect(mails.filter((m) => m.subject.startsWith('Reopened:'))).toHaveLength(1);
    expect(mails.filter((m) => m.subject.startsWith('Rihapur:'))).toHaveLength(1);
    expect(mails.filter((m) => m.subject.startsWith('Sign-off requested:'))).toHaveLength(2);
    expect(mails.filter((m) => m.subject.startsWith('Kërkohet miratimi:'))).toHaveLength(2);
    expect(mails.filter((m) => m.subject.startsWith('Draft v'))).toHaveLength(2);
    const al = seeds.participants.directors.al;
    const toAl = mails.filter((m) => m.envelope.to.includes(al.email));
    expect(toAl.some((m) => m.to.some((t) => t.includes(al.name)))).toBe(true);
    // The confirmation to the Albanian director names him in its subject, in Albanian: "Regjistruar: Gëzim Çobani kërkoi ndryshime…".
    expect(toAl.some((m) => m.subject.includes(`Regjistruar: ${al.name} kërkoi ndryshime`))).toBe(true);
    // After the request for changes, only the coordinator is asked to act, by a date; the other
    // director is told; the director who asked has the confirmation above, not a second mail.
    const changes = mails.filter((m) => m.subject.startsWith('Changes requested') || m.subject.startsWith('Kërkohen ndryshime'));
    expect(changes.map((m) => m.envelope.to).sort()).toEqual([[seeds.participants.coordinator.email], [seeds.participants.directors.eu.email]].sort());
    const coordinatorEmail = seeds.participants.coordinator.email;
    for (const m of changes) expect(m.text.includes('Please decide by') || m.text.includes('Ju lutemi vendosni')).toBe(m.envelope.to.includes(coordinatorEmail));
    // One Message-ID per (cycle, purpose, recipient): no duplicates in the outbox.
    const ids = mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('wrote every mail to an Albanian-side person in Albanian and to an EU-side person in English, subject and body', async () => {
    const people = [seeds.participants.coordinator, seeds.participants.directors.eu, seeds.participants.directors.al, ...Object.values(seeds.participants.areaOwners).flatMap((o) => [o.eu, o.al])];
    const languageByEmail = new Map(people.map((p) => [p.email, languageOf(p)]));
    const mails = await stack.smtp.capture!.list();
    const addressee = (m: CapturedMail) => /<([^>]+)>$/.exec(m.to[0] ?? '')?.[1] ?? '';
    let albanian = 0;
    for (const m of mails) {
      // The submission goes to the SA Council secretariat, in English (the directors are in copy).
      const lang = languageByEmail.get(addressee(m)) ?? 'en';
      if (lang === 'sq') {
        albanian += 1;
        expect(m.text, m.subject).toMatch(/^Përshëndetje /);
        expect(m.text, m.subject).toContain('sdp-review — Partneriteti BE–Shqipëri për Sigurinë dhe Mbrojtjen, cikli vjetor i rishikimit');
        expect(m.html, m.subject).toContain('<html lang="sq">');
        expect(m.subject).toMatch(/^(Kërkohet kontributi: |Rihapur: |Kërkohet miratimi: |Kërkohen ndryshime në draftin |Regjistruar: |Kujtesë: |Me vonesë: |Mbledhja e kontributeve u mbyll |Raporti iu dorëzua Këshillit të MSA-së |Cikli i rishikimit u anulua )/);
        // No sentence of the English mails (what people typed, e.g. a comment in English, stays as typed).
        for (const english of ['Dear ', 'The link is personal', 'annual review cycle', 'Please submit', 'Please revise', 'Please approve', 'Please decide by', 'requested changes to draft']) {
          expect(m.text, m.subject).not.toContain(english);
        }
      } else {
        expect(m.text, m.subject).toMatch(/^Dear /);
        expect(m.text, m.subject).toContain('sdp-review — EU–Albania Security and Defence Partnership, annual review cycle');
        expect(m.subject).not.toMatch(/Kërkohet|Rihapur|Regjistruar|Kujtesë/);
        expect(m.text, m.subject).not.toContain('Përshëndetje');
      }
      // No internal id in what a person reads.
      for (const id of ['action-confirmation', 'contribution-request', 'sign-off-request', ...seeds.areas.map((a) => `«${a.id}»`)]) expect(`${m.subject}\n${m.text}`).not.toContain(id);
    }
    // 15 owners at kick-off, the reopened area's owner, two sign-off requests, the changes requested and the confirmation.
    expect(albanian).toBeGreaterThanOrEqual(20);
  });

  it('decodes the raw messages to the exact subjects, Albanian letters and «» included', async () => {
    const capture = stack.smtp.capture!;
    const decoded: { to: string[]; subject: string }[] = [];
    for (const m of await capture.list()) {
      const raw = await capture.raw(m.id);
      const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1');
      expect([...head].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true); // non-ASCII only inside encoded words
      const field = /\r\nSubject: ((?:[^\r]|\r\n[ \t])*)/i.exec(`\r\n${head}`)![1]!.replace(/\r\n/g, '');
      const subject = libmime.decodeWords(field);
      expect(subject).toBe(m.subject);
      decoded.push({ to: m.envelope.to, subject });
    }
    for (const area of seeds.areas) {
      const { eu, al } = seeds.participants.areaOwners[area.id]!;
      const to = (email: string) => decoded.filter((d) => d.to.includes(email)).map((d) => d.subject);
      expect(to(al.email)).toContain(`Kërkohet kontributi: «${area.titleSq}» — rishikimi ${year} i Partneritetit për Sigurinë dhe Mbrojtjen`);
      expect(to(eu.email)).toContain(`Input requested: «${area.title}» — ${year} review of the Security and Defence Partnership`);
    }
  });

  it('opens the Albanian director\'s sign-off link in Albanian (lang="sq"), and in English through its switch', async () => {
    const al = seeds.participants.directors.al;
    const mails = await stack.smtp.capture!.list();
    const mail = mails.find((m) => m.envelope.to.includes(al.email) && m.subject === `Kërkohet miratimi: raporti i progresit ${year}, drafti v2`)!;
    expect(mail.text).toContain('Raporti është në anglisht');
    expect(mail.text).toMatch(/sdp-review-\d{4}-draft-v2-summary-sq\.docx/);
    const url = linkIn(mail, `${stack.webUrl}/sign-off/`);
    const director = new HttpSession();
    const page = await director.request('GET', url);
    // The cycle is over by now: the link's page says so, in the director's language.
    expect(page.status).toBe(410);
    expect(page.body).toContain('<html lang="sq">');
    expect(page.body).toContain(`<h1>Cikli i rishikimit ${year} ka përfunduar</h1>`);
    expect(page.body).toContain('href="?lang=en"');
    const english = await director.request('GET', inLanguage(url, 'en'));
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain(`<h1>The ${year} review cycle has finished</h1>`);
    // remembered for the link
    expect((await director.request('GET', url)).body).toContain('<html lang="en">');
  });
});
