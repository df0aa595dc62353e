/**
 * Reading back the calendar files the mails carry (activities/mail/calendar.ts), line by line as
 * RFC 5545 writes them, so the tests check what a calendar client reads and not what the
 * generator was asked for.
 */
import { expect } from 'vitest';
import type { CapturedMail, SmtpCapture } from '../../infra/smtp-capture';

/** One .ics read back: the VCALENDAR's properties, the VEVENT's values, and the VEVENT's names with their parameters. */
export interface ParsedIcs {
  calendar: Map<string, string>;
  event: Map<string, string>;
  /** `DTSTART` → `DTSTART;VALUE=DATE`: each event property's name with its parameters. */
  raw: Map<string, string>;
}

/**
 * The properties of the (single) VEVENT and of the VCALENDAR of `ics`, lines unfolded (RFC 5545
 * §3.1), TEXT values unescaped. Fails the test when a line is longer than 75 octets.
 */
export function parseIcs(ics: string): ParsedIcs {
  expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75), 'lines folded at 75 octets').toBe(true);
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const calendar = new Map<string, string>();
  const event = new Map<string, string>();
  const raw = new Map<string, string>();
  let inEvent = false;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') inEvent = true;
    else if (line === 'END:VEVENT') inEvent = false;
    // The name with its parameters is before the first ':' outside a quoted parameter value.
    const colon = /^(?:[^":]|"[^"]*")*:/.exec(line)![0].length - 1;
    const nameWithParams = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const name = nameWithParams.split(';')[0]!;
    (inEvent ? event : calendar).set(name, value.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1'));
    if (inEvent) raw.set(name, nameWithParams);
  }
  return { calendar, event, raw };
}

/** An .ics attached to a mail, parsed, with its file name and content type. */
export type AttachedIcs = ParsedIcs & { filename: string; contentType: string };

/** Every .ics attached to a captured mail, decoded as strict UTF-8 and parsed, with its file name and content type. */
export async function invitationsOf(capture: SmtpCapture, mail: CapturedMail): Promise<AttachedIcs[]> {
  const found: AttachedIcs[] = [];
  for (const [index, a] of mail.attachments.entries()) {
    if (!a.filename.endsWith('.ics')) continue;
    const file = (await capture.attachment(mail.id, index))!;
    // Strict UTF-8: a letter split by line folding, or a wrong charset, would throw here.
    found.push({ ...parseIcs(new TextDecoder('utf-8', { fatal: true }).decode(file.content)), filename: file.filename, contentType: file.contentType });
  }
  return found;
}
