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
 *
 * Headings are matched case-insensitively; a status may be written `not started` or `not-started`;
 * `—`, `–` or `-` may separate a status from its comment.
 * Validation (field paths) is left to the schema; this only turns the file into the shape.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { marked, type Tokens } from 'marked';
import type { ContributionInput } from '../domain/schemas';
import { CycleError } from './errors';

/** Reads `path` (.json or .md). Throws an Error naming the file when it cannot be read or parsed. */
export function readContributionFile(path: string, areaId: string): ContributionInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CycleError('invalid', `--file ${path}: ${(err as Error).message}`);
  }
  // Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the text.
  text = text.replace(/^\uFEFF/, '');
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
    const record = value as Record<string, unknown>;
    return { ...record, areaId: (record.areaId as string | undefined) ?? areaId } as ContributionInput;
  }
  if (ext === '.md' || ext === '.markdown') return parseContributionMarkdown(text, areaId);
  throw new CycleError('invalid', `--file ${path}: must be a .json or .md file`);
}

/** The sections of the layout; any other heading is text of the section it stands in. */
const SECTIONS = ['commitments', 'narrative', 'next steps', 'deliverables'] as const;

/**
 * Parses the Markdown layout above. Only the four section headings start a section; other
 * headings (`### Highlights`, an underlined line) stay in the text of their section, so nothing
 * typed is lost. Text before the first section is refused (CycleError `invalid`), not dropped.
 */
export function parseContributionMarkdown(markdown: string, areaId: string): ContributionInput {
  const sections = new Map<string, Tokens.Generic[]>();
  let current: Tokens.Generic[] | undefined;
  for (const token of marked.lexer(markdown.replace(/^\uFEFF/, ''))) {
    const name = token.type === 'heading' ? (token as Tokens.Heading).text.trim().toLowerCase() : undefined;
    if (name && (SECTIONS as readonly string[]).includes(name)) {
      current = [];
      sections.set(name, current);
    } else if (current) {
      current.push(token);
    } else if (token.type !== 'space') {
      throw new CycleError('invalid', `the Markdown input starts with text outside a section ("${token.raw.trim().slice(0, 60)}"); put it under ## Narrative, ## Next steps, ## Commitments or ## Deliverables`);
    }
  }
  const items = (name: string): string[] =>
    (sections.get(name) ?? []).flatMap((t) => (t.type === 'list' ? (t as Tokens.List).items.map((i) => i.text.trim()) : []));
  const prose = (name: string): string =>
    (sections.get(name) ?? [])
      .filter((t) => t.type !== 'space')
      .map((t) => (t.raw ?? '').trim())
      .join('\n\n');

  // A status may be written as people say it ("not started", "In progress") or as the schema
  // spells it ("not-started"); the comment follows a dash.
  const commitments = items('commitments').map((line) => {
    const m = /^([^:]+):\s*(not[\s-]+started|in[\s-]+progress|achieved|ongoing|[^\s—–]+)\s*(?:[—–-]\s*(.*))?$/is.exec(line);
    if (!m) return { commitmentId: line.split(':')[0]!.trim(), status: '' as never };
    return { commitmentId: m[1]!.trim(), status: m[2]!.trim().toLowerCase().replace(/\s+/g, '-') as never, comment: (m[3] ?? '').trim() };
  });
  const deliverables = items('deliverables').map((line) => {
    const [title = '', status, date, ...rest] = line.split('|').map((s) => s.trim());
    return { title, ...(status ? { status: status as never } : {}), ...(date ? { date } : {}), description: rest.join(' | ') };
  });
  return { areaId, commitments, narrative: prose('narrative'), nextSteps: prose('next steps'), deliverables };
}
