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
import { CycleError } from './cycles';

/** Reads `path` (.json or .md). Throws an Error naming the file when it cannot be read or parsed. */
export function readContributionFile(path: string, areaId: string): ContributionInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CycleError('invalid', `--file ${path}: ${(err as Error).message}`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.json') {
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      return { ...value, areaId: (value.areaId as string | undefined) ?? areaId } as ContributionInput;
    } catch (err) {
      throw new CycleError('invalid', `--file ${path}: not valid JSON (${(err as Error).message})`);
    }
  }
  if (ext === '.md' || ext === '.markdown') return parseContributionMarkdown(text, areaId);
  throw new CycleError('invalid', `--file ${path}: must be a .json or .md file`);
}

/** Parses the Markdown layout above. Unknown sections are ignored. */
export function parseContributionMarkdown(markdown: string, areaId: string): ContributionInput {
  const sections = new Map<string, Tokens.Generic[]>();
  let current: Tokens.Generic[] | undefined;
  for (const token of marked.lexer(markdown)) {
    if (token.type === 'heading') {
      current = [];
      sections.set((token as Tokens.Heading).text.trim().toLowerCase(), current);
    } else if (current) {
      current.push(token);
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
