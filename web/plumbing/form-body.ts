/**
 * Form bodies (`application/x-www-form-urlencoded`) read exactly, or with what could not be read
 * named. A lenient parser changes input without a word: a field with one broken %-escape stays
 * percent-encoded as a whole ("Tiran%C3%AB"), invalid UTF-8 becomes U+FFFD, a repeated name keeps
 * one value. Here every escape that is well formed is decoded, one that is not stays as it was
 * sent (so the person sees it), and the parsed body carries the list of such fields, which a page
 * turns into field errors next to them (nothing is recorded from a body with problems).
 */
import type { FieldError } from '../../domain/validation';

/**
 * Why a field of a form body was not read exactly: a broken %-escape or invalid UTF-8
 * (`malformed`), the name sent more than once (`repeated`), or text sent where the form reads
 * none (`not-read`, set by the page that knows its fields).
 */
export interface FormProblem {
  /** The field's name (as decoded as it could be), or the group of fields of a `not-read`. */
  name: string;
  problem: 'malformed' | 'repeated' | 'not-read';
  /** For `malformed`: the part that could not be read, as sent (e.g. `%E0%A4`). */
  sample?: string;
  /** For `not-read`: how many fields were not read. */
  count?: number;
}

/** How a page words each problem (web/views/texts.ts: `input.*`). */
export interface ProblemWords {
  malformed(sample: string): string;
  repeated: string;
  notRead(count: number): string;
}

/** The field errors of `problems`, worded with `words`, one per field. */
export function problemErrors(words: ProblemWords, problems: FormProblem[]): FieldError[] {
  const seen = new Set<string>();
  return problems.flatMap((p) => {
    if (seen.has(p.name)) return [];
    seen.add(p.name);
    const message = p.problem === 'malformed' ? words.malformed(p.sample ?? '') : p.problem === 'repeated' ? words.repeated : words.notRead(p.count ?? 0);
    return [{ path: p.name, message }];
  });
}

/** A parsed form body: each name's value, or its values when repeated (checkboxes). */
export type FormBody = Record<string, string | string[]>;

const PROBLEMS = Symbol('form-problems');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes of `%XX` escapes in a row, from position `i` of `s`; `end` is where the row stops. */
function escapedBytes(s: string, i: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  while (i + 2 < s.length && s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
    bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
    i += 3;
  }
  return { bytes, end: i };
}

/** The length of the UTF-8 sequence a lead byte starts (0 for a byte that cannot start one). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const hex = (b: number) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Decodes one name or value: `+` is a space, every well-formed escape whose bytes are valid UTF-8
 * is decoded; what is not stays as sent. Returns the text and the first part left undecoded.
 */
export function decodeComponent(raw: string): { text: string; bad?: string } {
  const s = raw.replace(/\+/g, ' ');
  let text = '';
  let bad: string | undefined;
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '%') {
      const next = s.indexOf('%', i);
      const stop = next === -1 ? s.length : next;
      text += s.slice(i, stop);
      i = stop;
      continue;
    }
    const { bytes, end } = escapedBytes(s, i);
    if (bytes.length === 0) {
      // A '%' without two hex digits after it: browsers never send one (they write %25).
      bad ??= s.slice(i, Math.min(s.length, i + 3));
      text += '%';
      i += 1;
      continue;
    }
    // Decode sequence by sequence, so one broken character leaves its neighbours readable.
    for (let k = 0; k < bytes.length; ) {
      const n = sequenceLength(bytes[k]!);
      const slice = bytes.slice(k, k + Math.max(n, 1));
      let decoded: string | undefined;
      if (n > 0 && slice.length === n) {
        try {
          decoded = utf8.decode(Uint8Array.from(slice));
        } catch {
          decoded = undefined;
        }
      }
      if (decoded === undefined) {
        bad ??= bytes.slice(k, k + 4).map(hex).join('');
        text += hex(bytes[k]!);
        k += 1;
      } else {
        text += decoded;
        k += n;
      }
    }
    i = end;
  }
  return bad === undefined ? { text } : { text, bad };
}

/**
 * Parses a form body. The names are decoded like the values; a name sent more than once gets
 * all its values in order (an array) and is listed as `repeated`; a field whose name or value had
 * a part that could not be decoded is listed as `malformed`. Raw bytes that are not UTF-8 (a
 * body browsers never send) count as malformed in the fields where they stand.
 */
export function parseFormBody(raw: Buffer | string): FormBody {
  let source: string;
  let rawBytesBroken = false;
  if (typeof raw === 'string') source = raw;
  else {
    try {
      source = utf8.decode(raw);
    } catch {
      source = new TextDecoder('utf-8').decode(raw);
      rawBytesBroken = true;
    }
  }
  // A null prototype: a field named `__proto__` or `constructor` is a field like any other.
  const body = Object.create(null) as FormBody;
  const problems: FormProblem[] = [];
  const repeated = new Set<string>();
  for (const pair of source.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq === -1 ? '' : pair.slice(eq + 1));
    const bad = name.bad ?? value.bad ?? (rawBytesBroken && pair.includes('\uFFFD') ? '\uFFFD' : undefined);
    if (bad !== undefined) problems.push({ name: name.text, problem: 'malformed', sample: bad });
    const known = body[name.text];
    if (known === undefined) body[name.text] = value.text;
    else {
      // In place: copying the array on each repeat made a body of one name sent 40,000 times take
      // 12 s of the event loop (quadratic); this stays linear in the body's size.
      if (Array.isArray(known)) known.push(value.text);
      else body[name.text] = [known, value.text];
      repeated.add(name.text);
    }
  }
  for (const name of repeated) problems.push({ name, problem: 'repeated' });
  // Not enumerable: the body's entries stay the fields sent (Update ids hash them).
  Object.defineProperty(body, PROBLEMS, { value: problems, enumerable: false });
  return body;
}

/** The problems `parseFormBody` found in `body` (none for any other value). */
export function formProblems(body: unknown): FormProblem[] {
  if (!body || typeof body !== 'object') return [];
  return ((body as { [PROBLEMS]?: FormProblem[] })[PROBLEMS] ?? []).slice();
}

/** What a form body cut at the server's limit carried: how much was sent and kept, and which field was cut. */
export interface CutBody {
  /** Bytes the client sent (all of them were read; only the first `keptBytes` were kept). */
  receivedBytes: number;
  /** Bytes kept: the limit of the route. */
  keptBytes: number;
  /** The field the cut fell in (its value kept up to the cut), when it fell inside one. */
  field?: string;
}

const CUT = Symbol('form-cut');

/**
 * Parses the first `limit` bytes of a form body that was `receivedBytes` long in all (more than
 * the route takes), so a page can show what arrived instead of losing all of it. Every field
 * before the cut is read exactly as `parseFormBody` reads it; the field the cut falls in keeps
 * its value up to the cut, less a `%` escape or UTF-8 character the cut split (so the kept part
 * decodes cleanly), and is named in `cutBody(body).field`; fields after the cut never arrived.
 */
export function parseCutFormBody(kept: Buffer, receivedBytes: number): FormBody {
  let source = kept.toString('latin1');
  const lastPair = source.slice(source.lastIndexOf('&') + 1);
  // Browsers send form bodies in ASCII; a cut inside a pair leaves a partial escape at the end.
  source = source.replace(/%[0-9A-Fa-f]?$/, '');
  const run = /(?:%[0-9A-Fa-f]{2})+$/.exec(source);
  if (run) {
    const bytes = escapedBytes(run[0], 0).bytes;
    let k = 0;
    while (k < bytes.length) {
      const n = sequenceLength(bytes[k]!);
      if (n === 0 || k + n > bytes.length) break;
      k += n;
    }
    // Only a sequence the cut left incomplete goes; a broken one before it stays, to be reported.
    if (k < bytes.length && sequenceLength(bytes[k]!) > 0) source = source.slice(0, source.length - (bytes.length - k) * 3);
  }
  const body = parseFormBody(Buffer.from(source, 'latin1'));
  const eq = lastPair.indexOf('=');
  const field = lastPair === '' ? undefined : decodeComponent(eq === -1 ? lastPair : lastPair.slice(0, eq)).text;
  const cut: CutBody = { receivedBytes, keptBytes: kept.length, ...(field !== undefined ? { field } : {}) };
  Object.defineProperty(body, CUT, { value: cut, enumerable: false });
  return body;
}

/** How `body` was cut (`parseCutFormBody`), or undefined for a body read whole. */
export function cutBody(body: unknown): CutBody | undefined {
  if (!body || typeof body !== 'object') return undefined;
  return (body as { [CUT]?: CutBody })[CUT];
}
