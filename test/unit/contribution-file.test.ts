/** Reading an area's input from a file (`sdp-review submit --file`): nothing typed is lost, bad files are refused clearly. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContributionMarkdown, readContributionFile } from '../../client/contribution-file';
import { CycleError } from '../../client/errors';

const dir = mkdtempSync(join(tmpdir(), 'sdp-file-'));
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
    const message = (() => {
      try {
        readContributionFile(file('bin.json', Buffer.from([0, 1, 2, 0xff, 0x1b, 0x5b, 0x32, 0x4a])), 'fimi');
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toMatch(/[\u0000-\u001f\u001b]/);
  });

  it('refuses a missing file as invalid input', () => {
    expect(() => readContributionFile(join(dir, 'nope.json'), 'fimi')).toThrow(CycleError);
  });
});
