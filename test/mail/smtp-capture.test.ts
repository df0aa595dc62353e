/**
 * The embedded capture server, over real SMTP on a free loopback port: what it stores, that the
 * outbox survives a restart, waitFor, and that bad input is refused without stopping it.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../../infra/smtp-capture';

const silent = pino({ level: 'silent' });
let root: string;
const open: SmtpCapture[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'smtp-capture-test-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function start(dir: string, extra: { port?: number; maxMessageBytes?: number } = {}): Promise<SmtpCapture> {
  const capture = await startSmtpCapture({ dir, logger: silent, ...extra });
  open.push(capture);
  return capture;
}

async function sendPlain(url: string, subject: string, extra: Record<string, unknown> = {}) {
  const transport = nodemailer.createTransport({ url, socketTimeout: 5_000 });
  try {
    return await transport.sendMail({
      from: { name: 'Sekretariati', address: 'secretariat@example.eu' },
      to: [{ name: 'Ëngjëll Çela', address: 'e.cela@example.al' }],
      subject,
      text: `Teksti i mesazhit: ${subject}`,
      html: `<p>${subject}</p>`,
      ...extra,
    });
  } finally {
    transport.close();
  }
}

/** A bare SMTP client: sends each line (or a DATA body) and collects the server's complete replies. */
async function smtpDialog(port: number, steps: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  let waiting: ((reply: string) => void) | undefined;
  const pending: string[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // a reply is complete at a line "NNN text" (a space after the code, not a dash)
    let m: RegExpExecArray | null;
    while ((m = /^(?:\d{3}-[^\r\n]*\r\n)*\d{3}(?: [^\r\n]*)?\r\n/.exec(buffer))) {
      buffer = buffer.slice(m[0].length);
      pending.push(m[0].trimEnd());
    }
    if (waiting && pending.length) {
      const w = waiting;
      waiting = undefined;
      w(pending.shift()!);
    }
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      if (pending.length) return resolve(pending.shift()!);
      const t = setTimeout(() => reject(new Error(`no SMTP reply; so far: ${replies.join(' | ')}`)), 5_000);
      waiting = (r) => {
        clearTimeout(t);
        resolve(r);
      };
    });
  try {
    replies.push(await next()); // greeting
    for (const step of steps) {
      socket.write(step.endsWith('\r\n') ? step : `${step}\r\n`);
      replies.push(await next());
    }
  } finally {
    socket.destroy();
  }
  return replies;
}

describe('startSmtpCapture', () => {
  it('stores each message as raw .eml plus a decoded summary, newest first', async () => {
    const dir = join(root, 'basic');
    const capture = await start(dir);
    expect(capture.url).toBe(`smtp://127.0.0.1:${capture.port}`);
    expect(capture.port).toBeGreaterThan(0);

    await sendPlain(capture.url, 'Kujtesë e parë', { cc: { name: 'Zyra', address: 'zyra@example.al' } });
    const second = await sendPlain(capture.url, 'Kujtesë e dytë');

    const mails = await capture.list();
    expect(mails.map((m) => m.subject)).toEqual(['Kujtesë e dytë', 'Kujtesë e parë']);
    const [newest, oldest] = mails as [(typeof mails)[0], (typeof mails)[0]];
    expect(newest.id > oldest.id).toBe(true);
    expect(newest.messageId).toBe(second.messageId);
    expect(newest.from).toBe('Sekretariati <secretariat@example.eu>');
    expect(newest.to).toEqual(['Ëngjëll Çela <e.cela@example.al>']);
    expect(oldest.cc).toEqual(['Zyra <zyra@example.al>']);
    expect(oldest.envelope).toEqual({ from: 'secretariat@example.eu', to: ['e.cela@example.al', 'zyra@example.al'] });
    expect(newest.text).toBe('Teksti i mesazhit: Kujtesë e dytë');
    expect(newest.html).toBe('<p>Kujtesë e dytë</p>');
    expect(new Date(newest.receivedAt).toISOString()).toBe(newest.receivedAt);
    expect(await capture.get(newest.id)).toEqual(newest);
    expect(await capture.get('../../etc/passwd')).toBeUndefined();

    const raw = await capture.raw(newest.id);
    expect(raw.equals(await readFile(join(dir, `${newest.id}.eml`)))).toBe(true);
    expect(raw.toString('latin1')).toContain(`Message-ID: ${second.messageId}`);
    await expect(capture.raw('20990101T000000.000Z-000000')).rejects.toThrow(/no captured mail with id/);

    const files = (await readdir(dir)).sort();
    expect(files).toEqual([`${oldest.id}.eml`, `${oldest.id}.json`, `${newest.id}.eml`, `${newest.id}.json`].sort());
    expect(JSON.parse(await readFile(join(dir, `${newest.id}.json`), 'utf8'))).toEqual(newest);
  });

  it('keeps the outbox across a restart, and new ids sort after the old ones', async () => {
    const dir = join(root, 'restart');
    const first = await start(dir);
    await sendPlain(first.url, 'Para rinisjes');
    const before = await first.list();
    await first.close();

    const second = await start(dir, { port: first.port });
    expect(await second.list()).toEqual(before);
    await sendPlain(second.url, 'Pas rinisjes');
    const after = await second.list();
    expect(after.map((m) => m.subject)).toEqual(['Pas rinisjes', 'Para rinisjes']);
    expect(after[0]!.id > after[1]!.id).toBe(true);
  });

  it('rebuilds a summary lost in a crash between the two writes, or damaged, from the raw message', async () => {
    const dir = join(root, 'crash');
    const first = await start(dir);
    await sendPlain(first.url, 'Humbur');
    await sendPlain(first.url, 'Dëmtuar');
    const [damaged, lost] = (await first.list()) as [CapturedMail, CapturedMail];
    await first.close();
    await rm(join(dir, `${lost.id}.json`));
    await writeFile(join(dir, `${damaged.id}.json`), '{"id": "not json');
    await writeFile(join(dir, `.${lost.id}.json.tmp-1-abc`), 'half written');

    const second = await start(dir);
    const mails = await second.list();
    expect(mails.map((m) => m.subject)).toEqual(['Dëmtuar', 'Humbur']);
    // the .eml is the source of truth; only the SMTP envelope cannot be recovered from it
    expect(mails[1]).toEqual({ ...lost, envelope: { from: '', to: [] } });
    expect(mails[0]).toEqual({ ...damaged, envelope: { from: '', to: [] } });
    expect(JSON.parse(await readFile(join(dir, `${damaged.id}.json`), 'utf8'))).toEqual(mails[0]);
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('waitFor finds a mail already captured, waits for one to come, and times out with a clear Error', async () => {
    const capture = await start(join(root, 'wait'));
    await sendPlain(capture.url, 'Tashmë këtu');
    expect((await capture.waitFor((m) => m.subject === 'Tashmë këtu', 1_000)).subject).toBe('Tashmë këtu');

    const later = capture.waitFor((m) => m.subject === 'Më vonë', 5_000);
    await sendPlain(capture.url, 'Më vonë');
    expect((await later).subject).toBe('Më vonë');

    const started = Date.now();
    await expect(capture.waitFor((m) => m.subject === 'Kurrë', 150)).rejects.toThrow(/no captured mail matched within 150 ms/);
    expect(Date.now() - started).toBeLessThan(5_000); // its own 150 ms, with room for a loaded machine

    await expect(
      capture.waitFor(() => {
        throw new Error('boom');
      }, 1_000),
    ).rejects.toThrow(/predicate threw: boom/);
  });

  it('refuses malformed input and oversized mail, logs it, and keeps serving', async () => {
    const capture = await start(join(root, 'malformed'), { maxMessageBytes: 2_000 });
    const envelope = ['EHLO test.example', 'MAIL FROM:<x@example.eu>', 'RCPT TO:<y@example.al>', 'DATA'];

    // garbage on the command line
    const garbage = await smtpDialog(capture.port, ['\u00ff\u00fe BLAH', 'MAIL FROM:<not an address', 'QUIT']);
    expect(garbage[1]).toMatch(/^5\d\d /);
    expect(garbage[2]).toMatch(/^5\d\d /);

    // bytes with no header section: not a mail a person can read
    const headerless = await smtpDialog(capture.port, [...envelope, '\u0000\u0001 just bytes, no headers\r\n.', 'QUIT']);
    expect(headerless[5]).toMatch(/^554 .*no From header/);

    // over the size limit
    const big = await smtpDialog(capture.port, [...envelope, `From: x@example.eu\r\nSubject: big\r\n\r\n${'a'.repeat(70)}\r\n`.repeat(60) + '.', 'QUIT']);
    expect(big[5]).toMatch(/^552 /);

    // a client that vanishes in the middle of DATA
    await new Promise<void>((resolve) => {
      const s = connect(capture.port, '127.0.0.1', () => {
        s.write('EHLO x\r\nMAIL FROM:<x@example.eu>\r\nRCPT TO:<y@example.al>\r\nDATA\r\nFrom: x@example.eu\r\n');
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 50);
      });
    });

    expect(await capture.list()).toEqual([]);
    await sendPlain(capture.url, 'Ende gjallë');
    expect((await capture.list()).map((m) => m.subject)).toEqual(['Ende gjallë']);
  });

  it('binds to loopback only and reports a port in use', async () => {
    await expect(startSmtpCapture({ dir: join(root, 'any'), host: '0.0.0.0', logger: silent })).rejects.toThrow(/loopback/);
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as AddressInfo).port;
      await expect(startSmtpCapture({ dir: join(root, 'busy'), port, logger: silent })).rejects.toThrow(/could not listen on 127\.0\.0\.1/);
    } finally {
      blocker.close();
    }
  });
});
