/**
 * A fresh link for a person whose link expired. There is no mail activity outside the worker, and
 * this is not a step of the cycle (nothing changes in the workflow), so the web server mails it
 * itself with the product's mailer (activities/mail/send.ts: stable Message-ID, sent-record
 * ledger), in the language of the page it was asked from, with purpose `fresh-link.<old jti>.<n>`,
 * to the address the expired token was issued for and to no other: the request carries no address
 * at all.
 *
 * Each issuance is appended to `<dataDir>/fresh-links/<old jti>.jsonl`; at most MAX_FRESH_LINKS
 * are sent per expired link. Two clicks on the button race to the same `n`, so the mailer's
 * per-Message-ID de-duplication sends one mail.
 */
import { readFile } from 'node:fs/promises';
import { appendPrivateFile, ensurePrivateDir } from '../../infra/files';
import { join } from 'node:path';
import type { OutgoingMail, SentMail } from '../../activities/mail/send';
import type { ReviewCycleState } from '../../domain/state';
import type { LinkClaims, LinkIssuer } from '../../links';
import { html } from '../views/html';
import type { CommonTexts } from '../views/texts';
import type { freshLinkTexts } from './texts';

export type FreshLinkMailTexts = CommonTexts & { fresh: ReturnType<typeof freshLinkTexts> };

/** Most fresh links mailed for one expired link. */
export const MAX_FRESH_LINKS = 3;

export interface FreshLinkMailer {
  send(mail: OutgoingMail): Promise<SentMail>;
}

export type FreshLinkResult =
  | { sent: true; expiresAt: Date; jti: string; messageId: string; n: number }
  | { sent: false; reason: 'limit'; n: number };

/** Counts, issues, mails and records a fresh link for the expired link `old`. Throws when the mail cannot be sent. */
export async function sendFreshLink(deps: { t: FreshLinkMailTexts; links: LinkIssuer; mailer: FreshLinkMailer; dataDir: string; now?: Date }, old: LinkClaims, state: ReviewCycleState): Promise<FreshLinkResult> {
  const { t, links, mailer } = deps;
  const dir = join(deps.dataDir, 'fresh-links');
  const file = join(dir, `${old.jti}.jsonl`);
  const issued = await readFile(file, 'utf8').then(
    (text) => text.split('\n').filter(Boolean).length,
    () => 0,
  );
  if (issued >= MAX_FRESH_LINKS) return { sent: false, reason: 'limit', n: issued };
  const n = issued + 1;
  const fresh = await links.fresh(old, deps.now);
  const expiresAt = new Date(fresh.claims.exp * 1000);
  const tz = state.timeZone;
  const area = state.areas.find((a) => a.id === old.areaId);
  const what =
    old.step === 'contribution'
      ? t.fresh.what.contribution(area ? t.areaTitle(area) : (old.areaId ?? ''))
      : old.step === 'collection'
        ? t.fresh.what.collection(state.year)
        : old.step === 'draft-review' ? t.fresh.what['draft-review'](old.version ?? 0) : t.fresh.what['sign-off'](old.version ?? 0);
  const f = t.fresh;
  const valid = f.mailValid(t.dateTime(expiresAt, tz));
  const text = [f.mailGreeting(old.name), '', f.mailBody(what), '', `${f.mailAction}: ${fresh.url}`, '', valid, '', f.mailIgnore, '', '--', t.footer].join('\n');
  const body = html`<!doctype html><html lang="${t.lang}"><body style="font-family:Arial,sans-serif;line-height:1.5">
<p>${f.mailGreeting(old.name)}</p>
<p>${f.mailBody(what)}</p>
<p><a href="${fresh.url}" style="display:inline-block;padding:10px 16px;background:#003399;color:#ffffff;text-decoration:none;border-radius:4px">${f.mailAction}</a></p>
<p>${valid}</p>
<p>${f.mailIgnore}</p>
<hr><p style="color:#555;font-size:90%">${t.footer}</p>
</body></html>`.value;
  const sent = await mailer.send({
    cycleId: old.cycle,
    purpose: `fresh-link.${old.jti}.${n}`,
    to: { name: old.name, email: old.sub },
    subject: f.mailSubject(what, state.year),
    text,
    html: body,
  });
  if (!sent.alreadySent) {
    await ensurePrivateDir(dir);
    await appendPrivateFile(file, `${JSON.stringify({ n, jti: fresh.claims.jti, expiresAt: expiresAt.toISOString(), to: old.sub, messageId: sent.messageId, sentAt: sent.sentAt })}\n`);
  }
  return { sent: true, expiresAt, jti: fresh.claims.jti, messageId: sent.messageId, n };
}
