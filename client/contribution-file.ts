/**
 * Reads an area's input from a file for `sdp-review submit <area> --file F`: JSON in the shape of
 * `Contribution`, or Markdown in this layout (parsed with `marked`'s lexer):
 *
 *   ## Commitments
 *   - cyber-issues-1: achieved — Regular exchanges held in Brussels and Tiranë.
 *   ## Narrative
 *   Free text, several paragraphs.
 *   ## Next steps
 *   Free text.
 *   ## Deliverables
 *   - Joint tabletop exercise | delivered | 2026-10-14 | Held in Durrës with 40 participants.
 *   ## Follow-up
 *   Outcome: partly
 *   The outcome of last year's next steps (optional section): the first line gives the outcome
 *   (done, partly or not done), the rest is the comment, kept exactly.
 *
 * Headings are matched case-insensitively; a status may be written `not started` or `not-started`;
 * `—`, `–` or `-` may separate a status from its comment.
 * Validation (field paths) is left to the schema; this only turns the file into the shape. What
 * the file holds is kept exactly or refused, never changed in silence: bytes that are not UTF-8
 * are refused with their offset (rather than read as U+FFFD), and a JSON key given twice in one
 * object is refused with its path (rather than JSON.parse keeping the last value).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { marked, type Tokens } from 'marked';
import type { ContributionInput } from '../domain/schemas';
import { CycleError } from './errors';

/**
 * Reads `path` (.json or .md). Throws CycleError `invalid` naming the file when it cannot be read,
 * is not UTF-8 (naming the byte offset), is not valid JSON, or names a JSON key twice in one object
 * (with the key's path as a field error, e.g. `deliverables.1.title`).
 */
export function readContributionFile(path: string, areaId: string): ContributionInput {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new CycleError('invalid', `--file ${path}: ${(err as Error).message}`);
  }
  // Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the text.
  const text = decodeUtf8(bytes, path).replace(/^\uFEFF/, '');
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      // The parser quotes the text it choked on; keep the message readable for a binary file.
      const reason = (err as Error).message.replace(/[^\x20-\x7E\u00A0-\u024F]/g, '?').slice(0, 200);
      throw new CycleError('invalid', `--file ${path}: not valid JSON (${reason})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new CycleError('invalid', `--file ${path}: must hold one JSON object (the area's input), not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`);
    }
    const duplicates = duplicateKeyPaths(text);
    if (duplicates.length > 0) {
      const errors = duplicates.map((p) => ({ path: p, message: 'this key is given more than once in its object; only one value can be kept: remove the others' }));
      throw new CycleError('invalid', `--file ${path}: duplicate key ${duplicates.join(', ')}`, errors);
    }
    const record = value as Record<string, unknown>;
    return { ...record, areaId: (record.areaId as string | undefined) ?? areaId } as ContributionInput;
  }
  if (ext === '.md' || ext === '.markdown') {
    try {
      return parseContributionMarkdown(text, areaId);
    } catch (err) {
      if (err instanceof CycleError) throw new CycleError(err.kind, `--file ${path}: ${err.message}`, err.fieldErrors);
      throw err;
    }
  }
  throw new CycleError('invalid', `--file ${path}: must be a .json or .md file`);
}

/**
 * `bytes` as UTF-8 text, or CycleError `invalid` naming the option (`--file` unless `option`
 * says), the offset (0-based), line and bytes of the first ill-formed sequence: a decoder that is
 * not `fatal` would put U+FFFD in its place.
 */
export function decodeUtf8(bytes: Uint8Array, path: string, option = '--file'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes) ?? 0;
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const shown = Array.from(bytes.subarray(at, at + 4), (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
    throw new CycleError(
      'invalid',
      `${option} ${path}: not valid UTF-8 at byte offset ${at} (line ${line}: ${shown}); was it saved in another encoding, such as Windows-1252? Save it as UTF-8; nothing was sent.`,
    );
  }
}

/**
 * The offset of the first byte of the first ill-formed UTF-8 sequence in `bytes` (RFC 3629,
 * table 3-7 of Unicode: no overlong forms, no surrogates, nothing above U+10FFFF, no truncated
 * sequence at the end), or undefined when all of it is well formed. The fatal TextDecoder says
 * whether; this says where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const inRange = (i: number, lo: number, hi: number) => i < bytes.length && bytes[i]! >= lo && bytes[i]! <= hi;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let length: number;
    let second: [number, number] = [0x80, 0xbf];
    if (b <= 0x7f) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) second = [0xa0, 0xbf];
      if (b === 0xed) second = [0x80, 0x9f];
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) second = [0x90, 0xbf];
      if (b === 0xf4) second = [0x80, 0x8f];
    } else return i;
    if (length > 1 && !inRange(i + 1, second[0], second[1])) return i;
    for (let k = 2; k < length; k++) if (!inRange(i + k, 0x80, 0xbf)) return i;
    i += length;
  }
  return undefined;
}

/**
 * The paths (`deliverables.1.title`, as the schema's field errors name them) of the keys that a
 * JSON object in `text` gives more than once, in order of their second appearance. `text` must be
 * JSON that JSON.parse has accepted: this walks its tokens without checking the grammar again.
 * Keys are compared as JSON.parse decodes them (`"a"` and `"\u0061"` are the same key).
 * Written here rather than taken from a parser package: JSON.parse keeps the last value without
 * a word, and the parsers that do report duplicates either accept more than JSON (comments,
 * trailing commas) or would add a dependency for these forty lines.
 */
export function duplicateKeyPaths(text: string): string[] {
  type Frame = { kind: 'object'; keys: Set<string>; key?: string; expectKey: boolean } | { kind: 'array'; index: number };
  const stack: Frame[] = [];
  const found: string[] = [];
  const pathTo = (key: string) => [...stack.slice(0, -1).map((f) => (f.kind === 'object' ? f.key ?? '' : String(f.index))), key].join('.');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = stack.at(-1);
    if (c === '{') stack.push({ kind: 'object', keys: new Set(), expectKey: true });
    else if (c === '[') stack.push({ kind: 'array', index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top) {
      if (top.kind === 'object') top.expectKey = true;
      else top.index++;
    } else if (c === '"') {
      const start = i;
      // Inside a string only a backslash escapes; a \uXXXX escape holds no quote, so skipping the
      // one character after each backslash is enough to find the closing quote.
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(key)) found.push(pathTo(key));
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
    }
  }
  return found;
}

/** The sections of the layout; any other heading is text of the section it stands in. */
const SECTIONS = ['commitments', 'narrative', 'next steps', 'deliverables', 'follow-up'] as const;
/** How each section is written in the file, for messages. */
const HEADING: Record<(typeof SECTIONS)[number], string> = {
  commitments: '## Commitments', narrative: '## Narrative', 'next steps': '## Next steps', deliverables: '## Deliverables', 'follow-up': '## Follow-up',
};
/** The sections whose content is a list, one item per commitment or deliverable. */
const LIST_SECTIONS: ReadonlySet<string> = new Set(['commitments', 'deliverables']);

/**
 * The deepest nesting of block quotes and lists a Markdown input may have. marked parses nesting
 * recursively: a few thousand `>` overflow the stack, and a few thousand nested list items exhaust
 * the heap. An input has no use for more than a few levels.
 */
export const MAX_MARKDOWN_NESTING = 20;

/**
 * The nesting of one line: the block quote markers (`>`) and list markers (`-`, `*`, `+`, `1.`)
 * that open it, one level each, plus the indentation of the first list marker in levels of two
 * columns (a tab is four): `    - item` is a third level, `> - > - x` a fourth.
 */
function nestingOf(line: string): number {
  let depth = 0;
  let rest = line;
  for (let first = true; ; first = false) {
    const m = /^([ \t]*)(>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))/.exec(rest);
    if (!m) return depth;
    depth += 1 + (first && m[2] !== '>' ? Math.floor(m[1]!.replace(/\t/g, '    ').length / 2) : 0);
    rest = rest.slice(m[0].length);
  }
}

/**
 * Parses the Markdown layout above. Only the four section headings start a section; other
 * headings (`### Highlights`, an underlined line) stay in the text of their section, so nothing
 * typed is lost. The text of `## Narrative` and `## Next steps` is kept exactly as written
 * between its heading and the next section (only the blank lines around it trimmed). Throws
 * CycleError `invalid` naming the line, rather than dropping or replacing anything: for text
 * before the first section, for anything but list items under `## Commitments` or
 * `## Deliverables` (a paragraph there would be lost), for a section given twice (the second
 * would replace the first), and for nesting deeper than MAX_MARKDOWN_NESTING.
 */
export function parseContributionMarkdown(markdown: string, areaId: string): ContributionInput {
  // marked reads line breaks as \n; offsets and line numbers are counted in the same text.
  const source = markdown.replace(/^\uFEFF/, '').replace(/\r\n|\r/g, '\n');
  const lines = source.split('\n');
  lines.forEach((line, i) => {
    if (nestingOf(line) > MAX_MARKDOWN_NESTING) {
      throw new CycleError('invalid', `line ${i + 1}: block quotes or lists are nested ${nestingOf(line)} levels deep; at most ${MAX_MARKDOWN_NESTING} are read. Flatten them; nothing was sent.`);
    }
  });
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  const excerpt = (raw: string) => {
    const text = raw.trim().replace(/\s+/g, ' ');
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  };

  interface Section { line: number; start: number; end: number; tokens: { token: Tokens.Generic; line: number }[] }
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  let offset = 0;
  let tokens: Tokens.Generic[];
  try {
    tokens = marked.lexer(source);
  } catch (err) {
    // marked parses inline text recursively too (emphasis inside emphasis…): what the line check
    // cannot see overflows the stack here, and is refused the same way.
    if (!(err instanceof RangeError)) throw err;
    throw new CycleError('invalid', `the Markdown input is nested too deeply to read (emphasis, links or quotes inside each other thousands of times); simplify it. Nothing was sent.`);
  }
  for (const token of tokens) {
    // Top-level tokens follow each other in the text; their raw text locates each one.
    const at = source.startsWith(token.raw, offset) ? offset : Math.max(offset, source.indexOf(token.raw, offset));
    offset = at + token.raw.length;
    const line = lineAt(at + (token.raw.length - token.raw.trimStart().length));
    const name = token.type === 'heading' ? (token as Tokens.Heading).text.trim().toLowerCase() : undefined;
    if (name && (SECTIONS as readonly string[]).includes(name)) {
      const first = sections.get(name);
      if (first) {
        throw new CycleError('invalid', `line ${line}: ${HEADING[name as keyof typeof HEADING]} is given a second time (first at line ${first.line}); the second would replace the first. Put all of it under one heading; nothing was sent.`);
      }
      if (current) current.end = at;
      current = { line, start: offset, end: source.length, tokens: [] };
      sections.set(name, current);
    } else if (current) {
      current.tokens.push({ token, line });
    } else if (token.type !== 'space') {
      throw new CycleError('invalid', `line ${line}: the Markdown input starts with text outside a section ("${excerpt(token.raw)}"); put it under ## Narrative, ## Next steps, ## Commitments, ## Deliverables or ## Follow-up`);
    }
  }
  for (const [name, section] of sections) {
    if (!LIST_SECTIONS.has(name)) continue;
    const stray = section.tokens.find(({ token }) => token.type !== 'list' && token.type !== 'space');
    if (stray) {
      const what = name === 'commitments' ? '- <commitment id>: <status> — comment' : '- title | status | YYYY-MM-DD | description';
      throw new CycleError(
        'invalid',
        `line ${stray.line}: under ${HEADING[name as keyof typeof HEADING]} only list items (${what}) are read, and this text would be lost: "${excerpt(stray.token.raw)}". Make it part of an item (indented under it), or move it under ## Narrative; nothing was sent.`,
      );
    }
  }
  const items = (name: string): string[] =>
    (sections.get(name)?.tokens ?? []).flatMap(({ token }) => (token.type === 'list' ? (token as Tokens.List).items.map((i) => i.text.trim()) : []));
  // The text as written, between the heading and the next section.
  const prose = (name: string): string => {
    const section = sections.get(name);
    return section ? source.slice(section.start, section.end).trim() : '';
  };

  // A status may be written as people say it ("not started", "In progress") or as the schema
  // spells it ("not-started"); the comment follows a dash.
  const commitments = items('commitments').map((line) => {
    const m = /^([^:]+):\s*(not[\s-]+started|in[\s-]+progress|achieved|ongoing|[^\s—–]+)\s*(?:[—–-]\s*(.*))?$/is.exec(line);
    if (!m) return { commitmentId: line.split(':')[0]!.trim(), status: '' as never };
    return { commitmentId: m[1]!.trim(), status: m[2]!.trim().toLowerCase().replace(/\s+/g, '-') as never, comment: (m[3] ?? '').trim() };
  });
  // The description is the rest of the line after the third `|`, as written (it may hold `|` itself).
  const deliverables = items('deliverables').map((line) => {
    const parts: string[] = [];
    let rest = line;
    for (let k = 0; k < 3; k++) {
      const bar = rest.indexOf('|');
      if (bar === -1) break;
      parts.push(rest.slice(0, bar).trim());
      rest = rest.slice(bar + 1);
    }
    parts.push(rest.trim());
    const [title = '', status, date, description = ''] = parts;
    return { title, ...(status ? { status: status as never } : {}), ...(date ? { date } : {}), description };
  });
  const followUp = sections.has('follow-up') ? followUpOf(prose('follow-up')) : undefined;
  return { areaId, commitments, narrative: prose('narrative'), nextSteps: prose('next steps'), deliverables, ...(followUp ? { followUp } : {}) };
}

/**
 * The `## Follow-up` section's text as the input's `followUp`: a first line `Outcome: <done |
 * partly | not done>` (as people write it: `Partly done`, `not-done`), the rest the comment, as
 * written. Without that line the outcome is left empty and the whole text is the comment, so the
 * schema refuses it at `followUp.outcome` and nothing typed is lost.
 */
export function followUpOf(text: string): NonNullable<ContributionInput['followUp']> {
  const m = /^outcome\s*:\s*([^\n]*)(?:\n|$)/i.exec(text);
  if (!m) return { outcome: '' as never, comment: text };
  const said = m[1]!.trim().toLowerCase().replace(/\s+/g, ' ');
  const outcome = said === 'partly done' ? 'partly' : said === 'not done' ? 'not-done' : said;
  return { outcome: outcome as never, comment: text.slice(m[0].length).trim() };
}
