/**
 * Attachments on an input (issue 12), over HTTP on the embedded stack (Temporal dev server,
 * worker, SMTP capture, web server, the document store in a folder):
 * - an owner uploads a small real PDF and a PNG with Albanian names through the form's Upload
 *   button (multipart, the whole form with it): the form comes back with what was typed and both
 *   files listed; a text file renamed .pdf and a program are refused, each named with why;
 * - a pending attachment can be removed before submitting; the input is submitted with both;
 * - draft v1's .docx lists both in the area's section and in the annex with their full SHA-256;
 * - the secretariat opens the draft's HTML from the dashboard and downloads the PDF through its
 *   link: the same bytes, named as the owner named it; the key without a signature is refused;
 * - the coordinator's review page and each director's sign-off page list both files with signed
 *   links of their own (a director has no dashboard credentials), which download the same bytes
 *   under the owner's names; the Albanian director reads the section in Albanian.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { closeCollectionUpdate } from '../../domain/messages';
import type { CapturedMail } from '../../infra/smtp-capture';
import { HttpSession, hiddenFields, linkIn, recordedInput, startTestStack, type TestStack } from '../helpers/stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ areas: 1, year: 2077, prefix: 'attachments-' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const mailTo = (email: string) => (m: CapturedMail) => m.envelope.to.includes(email);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A one-page PDF written with pdf-lib. */
async function smallPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Ushtrimi', { x: 20, y: 100, size: 12 });
  return doc.save();
}

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Every field of the contribution form as a browser would post it (hidden fields, texts, checked radios, selected options). */
function formFields(page: string): Record<string, string> {
  const form = page.split('<form')[1] ?? '';
  const out: Record<string, string> = { ...hiddenFields(page) };
  for (const m of form.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>\n([\s\S]*?)<\/textarea>/g)) out[m[1]!] = unescape(m[2]!);
  for (const m of form.matchAll(/<input type="(?:text|date)" id="[^"]*" name="([^"]+)" value="([^"]*)"/g)) out[m[1]!] = unescape(m[2]!);
  for (const m of form.matchAll(/<input type="radio" name="([^"]+)" value="([^"]+)"[^>]* checked/g)) out[m[1]!] = m[2]!;
  for (const m of form.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) out[m[1]!] = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? '';
  for (const [k, v] of Object.entries(out)) out[k] = unescape(v);
  return out;
}

/** Posts the form with `files` as multipart, as the Upload button does (the session's cookies kept). */
async function upload(session: HttpSession, url: string, form: Record<string, string>, files: { name: string; bytes: Uint8Array; type: string }[]): Promise<{ status: number; body: string }> {
  const body = new FormData();
  for (const [k, v] of Object.entries(form)) body.append(k, v);
  body.append('op', 'attach');
  for (const f of files) body.append('file', new Blob([f.bytes], { type: f.type }), f.name);
  const res = await fetch(`${url}/attachments`, {
    method: 'POST',
    body,
    headers: { cookie: [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'user-agent': session.userAgent },
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text() };
}

describe('attachments on an input', () => {
  const area = () => t.seeds.areas[0]!;
  const owners = () => t.seeds.participants.areaOwners[area().id]!;
  const pdfName = 'Raporti i ushtrimit – Durrës.pdf';
  const pngName = 'Fotografi nga stërvitja në Vlorë.png';
  let pdf: Uint8Array;
  let url: string;
  const session = new HttpSession();
  let page: string;
  const narrative = 'Ushtrimi u zhvillua në Durrës; raporti është bashkëngjitur.';

  it('uploads a PDF and a PNG with Albanian names; the form keeps what was typed and lists both', async () => {
    pdf = await smallPdf();
    url = linkIn(await t.capture.waitFor(mailTo(owners().eu.email), 30_000), `${t.webUrl}/contribute/`);
    const opened = await session.request('GET', url);
    expect(opened.status).toBe(200);
    const form = formFields(opened.body);
    form.narrative = narrative;
    area().commitments.forEach((_c, i) => (form[`commitments.${i}.status`] = 'achieved'));
    const r = await upload(session, url, form, [
      { name: pdfName, bytes: pdf, type: 'application/pdf' },
      { name: pngName, bytes: PNG, type: 'image/png' },
    ]);
    expect(r.status, r.body.slice(0, 2000)).toBe(200);
    expect(r.body).toContain(narrative);
    expect(r.body).toContain(`<strong>${pdfName}</strong>`);
    expect(r.body).toContain(`<strong>${pngName}</strong>`);
    expect(r.body).toContain(`SHA-256 ${sha(pdf).slice(0, 12)}`);
    page = r.body;
  });

  it('refuses a text file renamed .pdf and a program, naming each and why; the attached files and the typing stay', async () => {
    const form = formFields(page);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
    exe.writeUInt32LE(64, 0x3c);
    const r = await upload(session, url, form, [
      { name: 'Procesverbali i mbledhjes.pdf', bytes: Buffer.from('Ky është tekst, jo PDF.\n'), type: 'application/pdf' },
      { name: 'instalues.exe', bytes: exe, type: 'application/octet-stream' },
    ]);
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/«Procesverbali i mbledhjes\.pdf» was refused: its content is not a PDF/);
    expect(r.body).toMatch(/«instalues\.exe» was refused: its content is not a PDF.*\(found: exe\)/);
    expect(r.body).toContain(narrative);
    expect(r.body).toContain(`<strong>${pdfName}</strong>`);
    expect(r.body).toContain(`<strong>${pngName}</strong>`);
    page = r.body;
  });

  it('removes a pending attachment and uploads it again, then submits the input with both', async () => {
    const removed = await session.post(url, { ...formFields(page), op: 'remove-attachment.1' });
    expect(removed.status).toBe(200);
    expect(removed.body).not.toContain(`<strong>${pngName}</strong>`);
    expect(removed.body).toContain(narrative);
    const again = await upload(session, url, formFields(removed.body), [{ name: pngName, bytes: PNG, type: 'image/png' }]);
    expect(again.status).toBe(200);
    const submitted = await session.post(url, { ...formFields(again.body), op: 'submit' });
    expect(submitted.status, submitted.body.slice(0, 3000)).toBe(200);
    const state = await waitForState(t.stack.client, t.year, (s) => s.areas[0]!.revision === 1, 'revision 1', { timeoutMs: 30_000 });
    const input = await recordedInput(t, state.areas[0]!);
    expect(input.attachments?.map((a) => [a.name, a.sha256, a.bytes, a.type])).toEqual([
      [pdfName, sha(pdf), pdf.byteLength, 'application/pdf'],
      [pngName, sha(PNG), PNG.byteLength, 'image/png'],
    ]);
  });

  it('draft v1 lists both with their SHA-256; the secretariat downloads the PDF with the same bytes', async () => {
    const c = t.seeds.participants.coordinator;
    await updateCycle(t.stack.client, t.year, closeCollectionUpdate, { actor: { email: c.email, name: c.name, role: 'coordinator', channel: 'cli' } });
    const state = await waitForState(t.stack.client, t.year, (s) => s.drafts.length > 0, 'draft v1', { timeoutMs: 60_000 });
    const docxKey = state.drafts[0]!.files.find((f) => f.format === 'docx')!.key;
    const htmlKey = state.drafts[0]!.files.find((f) => f.format === 'html')!.key;
    const dashboard = new HttpSession();
    const docxUrl = await dashboard.request('GET', `${t.webUrl}/cycles/${t.year}/files/${docxKey}`);
    expect(docxUrl.status).toBe(302);
    const docx = Buffer.from(await (await fetch(docxUrl.headers.get('location')!)).arrayBuffer());
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Annex: attachments');
    for (const name of [pdfName, pngName]) expect(xml).toContain(name);
    for (const b of [pdf, PNG]) {
      expect(xml).toContain(sha(b));
      expect(xml).toContain(`${sha(b).slice(0, 12)}…`);
    }

    const htmlUrl = await dashboard.request('GET', `${t.webUrl}/cycles/${t.year}/files/${htmlKey}`);
    const html = await (await fetch(htmlUrl.headers.get('location')!)).text();
    const found = new RegExp(`<a href="([^"]+)"[^>]*>${pdfName}</a>`).exec(html);
    expect(found).not.toBeNull();
    // The report links the secretariat's route (behind the dashboard's credentials), which leads to the signed file link.
    const route = await dashboard.request('GET', new URL(unescape(found![1]!), t.webUrl).href);
    expect(route.status).toBe(302);
    const link = route.headers.get('location')!;
    expect(link).toMatch(new RegExp(`/files/${t.year}/attachments/${area().id}/${sha(pdf)}\\.pdf\\?exp=`));
    const got = await fetch(link);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(pdfName)}`);
    expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(sha(pdf));
    // Without its signature, nobody gets it.
    expect((await fetch(link.split('?')[0]!)).status).toBe(400);
    // An attachment no recorded input lists is not given, even with the credentials.
    expect((await dashboard.request('GET', `${t.webUrl}/cycles/${t.year}/attachments/${area().id}/${'0'.repeat(64)}.pdf`)).status).toBe(404);
    expect((await getCycleState(t.stack.client, t.year)).drafts[0]!.version).toBe(1);
  });

  it('the review page and the sign-off pages list both files with signed links that download them, named as the owner named them', async () => {
    const { coordinator, directors } = t.seeds.participants;
    /** The links of the attachments section of a page, by the file's name. */
    const listed = (body: string) => {
      const section = body.split(/<h2>(?:Files attached to the inputs|Skedarët e bashkëngjitur në kontribute)<\/h2>/)[1]?.split('<h2')[0] ?? '';
      return new Map([...section.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [unescape(m[2]!), unescape(m[1]!)]));
    };
    const download = async (url: string, name: string, bytes: Uint8Array) => {
      expect(url).toMatch(new RegExp(`^${t.webUrl}/files/${t.year}/attachments/${area().id}/${sha(bytes)}\\.(pdf|png)\\?exp=\\d+&sig=[^&]+&name=`));
      const got = await fetch(url);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(sha(bytes));
    };

    const reviewUrl = linkIn(await t.capture.waitFor((m) => mailTo(coordinator.email)(m) && /^Draft v1 /.test(m.subject), 30_000), `${t.webUrl}/review/`);
    const coordinatorSession = new HttpSession();
    const review = await coordinatorSession.request('GET', reviewUrl);
    expect(review.status).toBe(200);
    const onReview = listed(review.body);
    expect([...onReview.keys()]).toEqual([pdfName, pngName]);
    expect(review.body).toContain(`SHA-256 ${sha(pdf).slice(0, 12)}…`);
    await download(onReview.get(pdfName)!, pdfName, pdf);
    await download(onReview.get(pngName)!, pngName, PNG);
    expect((await coordinatorSession.post(reviewUrl, { ...hiddenFields(review.body), action: 'approve' })).status).toBe(200);

    for (const side of ['eu', 'al'] as const) {
      const director = directors[side];
      const mail = await t.capture.waitFor((m) => mailTo(director.email)(m) && /v1$/.test(m.subject), 30_000);
      const signOff = await new HttpSession().request('GET', linkIn(mail, `${t.webUrl}/sign-off/`));
      expect(signOff.status).toBe(200);
      expect(signOff.body).toContain(side === 'al' ? '<h2>Skedarët e bashkëngjitur në kontribute</h2>' : '<h2>Files attached to the inputs</h2>');
      const onSignOff = listed(signOff.body);
      expect([...onSignOff.keys()]).toEqual([pdfName, pngName]);
      await download(onSignOff.get(pdfName)!, pdfName, pdf);
    }
  });
});
