/** Reading an area's input from a file (`sdp-review submit --file`): nothing typed is lost, bad files are refused clearly. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, duplicateKeyPaths, firstInvalidUtf8, parseContributionMarkdown, readContributionFile } from '../../client/contribution-file';
import { CycleError } from '../../client/errors';

const dir = mkdtempSync(join(tmpdir(), 'sdp-file-'));
/** The CycleError `fn` throws (the test fails when it throws none, or something else). */
function errorOf(fn: () => unknown): CycleError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CycleError);
    expect((e as CycleError).kind).toBe('invalid');
    return e as CycleError;
  }
  throw new Error('nothing was thrown');
}
function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

describe('Markdown inputs', () => {
  it('keeps sub-headings and underlined lines inside the section, and human status spellings', () => {
    const input = parseContributionMarkdown(
      ['## Commitments', '- cyber-issues-1: not started — nothing yet', '- cyber-issues-2: In progress', '## Narrative', 'First, by Ëngjëll Çela.', '', '### Highlights', 'More.', '', 'Underlined', '----------', 'Last.', '## Next steps', 'Keep going.'].join('\n'),
      'cyber-issues',
    );
    expect(input.commitments).toEqual([
      { commitmentId: 'cyber-issues-1', status: 'not-started', comment: 'nothing yet' },
      { commitmentId: 'cyber-issues-2', status: 'in-progress', comment: '' },
    ]);
    expect(input.narrative).toContain('First, by Ëngjëll Çela.');
    expect(input.narrative).toContain('### Highlights');
    expect(input.narrative).toContain('Last.');
    expect(input.nextSteps).toBe('Keep going.');
  });

  it('refuses text before the first section instead of dropping it', () => {
    expect(() => parseContributionMarkdown('A stray paragraph.\n\n## Narrative\nText.', 'fimi')).toThrow(/outside a section/);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const input = readContributionFile(file('bom.md', '\uFEFF## Narrative\nTiranë.\n'), 'fimi');
    expect(input.narrative).toBe('Tiranë.');
  });
});

describe('JSON inputs', () => {
  it('refuses null, arrays and scalars as the input, naming the file', () => {
    for (const [name, body, what] of [['null.json', 'null', 'null'], ['array.json', '[1,2]', 'an array'], ['n.json', '42', 'a number']] as const) {
      const error = (() => {
        try {
          readContributionFile(file(name, body), 'fimi');
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(CycleError);
      expect((error as CycleError).kind).toBe('invalid');
      expect((error as Error).message).toContain(`not ${what}`);
    }
  });

  it('reads a JSON file with a byte-order mark, and reports a binary file without echoing it', () => {
    expect(readContributionFile(file('bom.json', '\uFEFF{"narrative":"x"}'), 'fimi')).toMatchObject({ areaId: 'fimi', narrative: 'x' });
    // Control characters are valid UTF-8 but not JSON; 0xFF is not UTF-8 at all (byte 3).
    const control = errorOf(() => readContributionFile(file('ctl.json', Buffer.from([0, 1, 2, 0x1b, 0x5b, 0x32, 0x4a])), 'fimi'));
    const binary = errorOf(() => readContributionFile(file('bin.json', Buffer.from([0, 1, 2, 0xff, 0x1b, 0x5b, 0x32, 0x4a])), 'fimi'));
    expect(control.message).toMatch(/not valid JSON/);
    expect(binary.message).toMatch(/not valid UTF-8 at byte offset 3 \(line 1: 0xFF 0x1B 0x5B 0x32\)/);
    for (const { message } of [control, binary]) expect(message).not.toMatch(/[\u0000-\u001f\u001b]/);
  });

  it('refuses a missing file as invalid input', () => {
    expect(() => readContributionFile(join(dir, 'nope.json'), 'fimi')).toThrow(CycleError);
  });
});

describe('input kept exactly or refused', () => {
  const tirane = Buffer.from('Tiranë', 'utf8');

  it('refuses bytes that are not UTF-8, naming the offset and line, instead of reading U+FFFD', () => {
    // "Tiranë" saved as Windows-1252: ë is the single byte 0xEB, followed by a quote.
    const latin1 = Buffer.concat([Buffer.from('{\n  "narrative": "Tiran'), Buffer.from([0xeb]), Buffer.from('"\n}')]);
    const error = errorOf(() => readContributionFile(file('latin1.json', latin1), 'fimi'));
    expect(error.message).toContain('not valid UTF-8 at byte offset 23 (line 2: 0xEB 0x22 0x0A 0x7D)');
    expect(error.message).toContain('latin1.json');
    const md = Buffer.concat([Buffer.from('## Narrative\nDurr'), Buffer.from([0xeb, 0x73]), Buffer.from('.\n')]);
    expect(errorOf(() => readContributionFile(file('latin1.md', md), 'fimi')).message).toContain('byte offset 17 (line 2');
    // The same text in UTF-8 is read exactly.
    const utf8 = Buffer.concat([Buffer.from('{"narrative": "'), tirane, Buffer.from('"}')]);
    expect(readContributionFile(file('utf8.json', utf8), 'fimi').narrative).toBe('Tiranë');
  });

  it('finds the first ill-formed sequence the way the fatal decoder judges it', () => {
    const cases: [number[], number | undefined][] = [
      [[0x41, 0xc3, 0xab], undefined], // "Aë"
      [[0xf0, 0x9f, 0x87, 0xa6, 0xf0, 0x9f, 0x87, 0xb1], undefined], // 🇦🇱
      [[0x41, 0xc3], 1], // truncated at the end
      [[0xc3, 0x28], 0], // a lead byte without its continuation
      [[0x41, 0x80], 1], // a lone continuation byte
      [[0xc0, 0xaf], 0], // overlong "/"
      [[0xe0, 0x80, 0xaf], 0], // overlong, three bytes
      [[0xed, 0xa0, 0x80], 0], // a UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0xf5, 0x80, 0x80, 0x80], 0],
      [[0x61, 0x62, 0xe2, 0x82], 2],
    ];
    for (const [bytes, offset] of cases) {
      const b = Uint8Array.from(bytes);
      expect(firstInvalidUtf8(b), bytes.join(',')).toBe(offset);
      const fatal = (() => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
          return false;
        } catch {
          return true;
        }
      })();
      expect(fatal, bytes.join(',')).toBe(offset !== undefined);
    }
    expect(decodeUtf8(tirane, 'x')).toBe('Tiranë');
  });

  it('refuses a JSON key given twice, naming its path, instead of keeping the last value', () => {
    const body = JSON.stringify({ narrative: 'first', deliverables: [{ title: 'a' }, { title: 'b', status: 'planned' }] }).replace('"status"', '"title":"c","status"');
    const error = errorOf(() => readContributionFile(file('dup.json', body), 'fimi'));
    expect(error.fieldErrors).toEqual([{ path: 'deliverables.1.title', message: expect.stringContaining('more than once') }]);
    expect(error.message).toContain('dup.json');
    const top = errorOf(() => readContributionFile(file('top.json', '{"narrative":"a","nextSteps":"b","narrative":"c"}'), 'fimi'));
    expect(top.fieldErrors.map((f) => f.path)).toEqual(['narrative']);
  });

  it('compares keys as JSON decodes them, and is not misled by strings that look like JSON', () => {
    expect(duplicateKeyPaths('{"a":1,"\\u0061":2}')).toEqual(['a']);
    expect(duplicateKeyPaths('{"a":"{\\"a\\":1, \\"a\\":2}","b":["a","a"],"c":{"a":1},"d":{"a":2}}')).toEqual([]);
    expect(duplicateKeyPaths('{"x":[{"k":1},[],{"k":1,"k":2}],"y":{"z":{"q":1,"q":2}}}')).toEqual(['x.2.k', 'y.z.q']);
    expect(duplicateKeyPaths('{"a\\\\":1,"a\\\\":2}')).toEqual(['a\\']);
    expect(duplicateKeyPaths(' { } ')).toEqual([]);
  });
});

describe('Markdown inputs: kept exactly or refused, naming the line', () => {
  it('refuses a paragraph under ## Commitments or ## Deliverables (it would be dropped), naming its line', () => {
    const underCommitments = errorOf(() => parseContributionMarkdown(['## Commitments', '- cyber-issues-1: achieved — done', '', 'Shënim: takimi në Tiranë u shty.', '## Narrative', 'Tekst.'].join('\n'), 'cyber-issues'));
    expect(underCommitments.message).toMatch(/^line 4: under ## Commitments only list items .* "Shënim: takimi në Tiranë u shty\."/);
    const underDeliverables = errorOf(() => parseContributionMarkdown(['## Narrative', 'Tekst.', '## Deliverables', '- Ushtrim | delivered | 2026-03-12 | Në Durrës', '', '> Një citim.'].join('\n'), 'cyber-issues'));
    expect(underDeliverables.message).toMatch(/^line 6: under ## Deliverables only list items/);
  });

  it('refuses a section given twice instead of keeping only the second', () => {
    const error = errorOf(() => parseContributionMarkdown(['## Narrative', 'E para.', '', '## Next steps', 'Hapi.', '## narrative', 'E dyta.'].join('\n'), 'fimi'));
    expect(error.message).toMatch(/^line 6: ## Narrative is given a second time \(first at line 1\)/);
  });

  it('keeps the narrative exactly as written, blank lines and spacing included, and a description with |', () => {
    const narrative = 'Para  e parë, me Ëngjëll Çela.\n\n\n### Pika\n  - e brendshme\n\nE fundit.';
    const input = parseContributionMarkdown(`## Narrative\n\n${narrative}\n\n## Deliverables\n- Seminar | delivered | 2026-03-12 | Tiranë|Durrës  |  Shkodër\n`, 'fimi');
    expect(input.narrative).toBe(narrative);
    expect(input.deliverables).toEqual([{ title: 'Seminar', status: 'delivered', date: '2026-03-12', description: 'Tiranë|Durrës  |  Shkodër' }]);
  });

  it('bounds nesting with a clear error, never a stack overflow or running out of memory', () => {
    const quotes = errorOf(() => parseContributionMarkdown(`## Narrative\nA.\n${'>'.repeat(10_000)} x`, 'fimi'));
    expect(quotes.message).toMatch(/^line 3: block quotes or lists are nested 10000 levels deep; at most 20/);
    const lists = errorOf(() => parseContributionMarkdown(`## Narrative\n${Array.from({ length: 3_000 }, (_x, i) => `${' '.repeat(2 * i)}- x`).join('\n')}`, 'fimi'));
    expect(lists.message).toMatch(/^line 22: block quotes or lists are nested 21 levels deep/);
    const mixed = errorOf(() => parseContributionMarkdown(`## Narrative\n${'- > '.repeat(3_000)}x`, 'fimi'));
    expect(mixed.message).toMatch(/^line 2: block quotes or lists are nested/);
    const emphasis = errorOf(() => parseContributionMarkdown(`## Narrative\n${'*'.repeat(20_000)}x${'*'.repeat(20_000)}`, 'fimi'));
    expect(emphasis.message).toMatch(/nested too deeply to read/);
    // Nesting within the bound is read, and kept as written.
    const ok = parseContributionMarkdown(`## Narrative\n${'>'.repeat(20)} x`, 'fimi');
    expect(ok.narrative).toBe(`${'>'.repeat(20)} x`);
  });

  it('names the file in a refusal of a Markdown file', () => {
    const path = file('twice.md', '## Narrative\nA.\n## Narrative\nB.\n');
    expect(errorOf(() => readContributionFile(path, 'fimi')).message).toBe(`--file ${path}: line 3: ## Narrative is given a second time (first at line 1); the second would replace the first. Put all of it under one heading; nothing was sent.`);
  });
});
