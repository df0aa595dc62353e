/** The boundary: contributor text cleaned once (pasted control characters removed, letters kept), errors with exact field paths (deliverables.1.title, not a parent). */
import { describe, expect, it } from 'vitest';
import { CalendarDate, INLINE_CONTRIBUTION_MAX_BYTES, contributionSchemaFor } from '../../domain/schemas';
import { SetDeputyArgs } from '../../domain/people';
import { cleanText } from '../../domain/text';
import { fieldErrors } from '../../domain/validation';
import { sampleFor, seeds } from '../helpers/cycle';

describe('cleanText (C7)', () => {
  it('removes control characters, keeps tab, newline and every Albanian letter', () => {
    expect(cleanText('Miratuar nga Ëngjëll Çela\u0002\u000B\f, shih pikën 3')).toBe('Miratuar nga Ëngjëll Çela, shih pikën 3');
    expect(cleanText('a\tb\r\nc\rd\u0000e\u007F\u0085f')).toBe('a\tb\nc\nde' + 'f');
    // A decomposed ë (e + U+0308) becomes the single letter.
    expect(cleanText('Tirane\u0308')).toBe('Tiranë');
    expect(cleanText('lone \uD800 surrogate')).toBe('lone  surrogate');
    expect(cleanText('ë ç Ë Ç «»–')).toBe('ë ç Ë Ç «»–');
    // Bidirectional overrides and zero-width spaces cannot reorder or hide what a page shows.
    expect(cleanText('Miratuar \u202Eevorpa\u202C nga\u200B Drita\u2066x\u2069')).toBe('Miratuar evorpa nga Dritax');
  });
});

describe('contribution schema', () => {
  const area = seeds.areas.find((a) => a.id === 'hybrid-threats')!;
  const schema = contributionSchemaFor(area);
  const good = sampleFor('hybrid-threats');

  it('cleans narratives and table cells at the boundary', () => {
    const parsed = schema.parse({
      ...good,
      narrative: 'Miratuar nga Ëngjëll Çela\u0002\u000B\f, shih pikën 3\n\tindented',
      deliverables: [{ title: 'Ushtrimi\u0007 në Durrës', status: 'delivered', description: 'Çela\u0002 signed' }],
    });
    expect(parsed.narrative).toBe('Miratuar nga Ëngjëll Çela, shih pikën 3\n\tindented');
    expect(parsed.deliverables[0]).toMatchObject({ title: 'Ushtrimi në Durrës', description: 'Çela signed' });
  });

  it('names deliverables.1.title and commitments.2.status, not a parent (C9)', () => {
    const result = schema.safeParse({
      ...good,
      deliverables: [{ title: 'ok' }, { title: '' }],
      commitments: good.commitments.map((c, i) => (i === 2 ? { ...c, status: 'unknown' } : c)),
    });
    expect(result.success).toBe(false);
    const paths = fieldErrors(result.error!).map((e) => e.path);
    expect(paths).toContain('deliverables.1.title');
    expect(paths).toContain('commitments.2.status');
    expect(paths).not.toContain('deliverables');
  });

  it('requires every commitment of the area once, and no other', () => {
    const result = schema.safeParse({ ...good, commitments: [...good.commitments.slice(1), { ...good.commitments[1]! }, { commitmentId: 'fimi-1', status: 'achieved' }] });
    const errors = fieldErrors(result.error!);
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['commitments', `commitments.${good.commitments.length - 1}.commitmentId`, `commitments.${good.commitments.length}.commitmentId`]));
    expect(errors.find((e) => e.path === 'commitments')!.message).toContain(good.commitments[0]!.commitmentId);
  });

  it('refuses an input sent inline over 120 KB in all, saying how large it is', () => {
    const inline = contributionSchemaFor(area, INLINE_CONTRIBUTION_MAX_BYTES);
    const deliverables = Array.from({ length: 80 }, (_, i) => ({ title: `Deliverable ${i + 1} në Tiranë`, description: 'ë'.repeat(900) }));
    const result = inline.safeParse({ ...good, narrative: 'Çështje '.repeat(3000), deliverables });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)[0]!.message).toMatch(/^the input is \d+ KB; at most 120 KB in all/);
    expect(inline.safeParse({ ...good, narrative: 'Çështje '.repeat(3000) }).success).toBe(true);
  });

  it('takes a stored input of up to 2 MB, and refuses a larger one saying how large it is', () => {
    const narrative = (n: number) => 'Çështje të sigurisë në Tiranë. '.repeat(n);
    expect(schema.safeParse({ ...good, narrative: narrative(20_000) }).success).toBe(true);
    const deliverables = Array.from({ length: 300 }, (_, i) => ({ title: `Ushtrimi ${i + 1} në Durrës`, description: 'ë'.repeat(1_900) }));
    const large = schema.safeParse({ ...good, narrative: narrative(30_000), deliverables });
    expect(large.success).toBe(false);
    expect(fieldErrors(large.error!)[0]!.message).toMatch(/^the input is 2,\d{3} KB; at most 2,048 KB in all/);
  });

  it('refuses unknown fields by name', () => {
    const result = schema.safeParse({ ...good, narative: 'typo' });
    expect(fieldErrors(result.error!)[0]!.message).toContain('narative');
  });
});

describe('calendar dates', () => {
  it('takes real days from 1900 to 2999, and names what is wrong with any other', () => {
    for (const ok of ['1900-01-01', '2027-02-28', '2028-02-29', '2999-12-31']) expect(CalendarDate.safeParse(ok).success, ok).toBe(true);
    const messageOf = (s: string) => CalendarDate.safeParse(s).error?.issues[0]?.message;
    // A year 0000 broke a deputy's period in the workflow (the day before it cannot be written).
    expect(messageOf('0000-01-01')).toBe('must be a date from 1900-01-01 to 2999-12-31');
    expect(messageOf('9999-12-31')).toBe('must be a date from 1900-01-01 to 2999-12-31');
    expect(messageOf('2027-02-30')).toBe('must be a real calendar date YYYY-MM-DD');
    expect(messageOf('1 March 2027')).toBe('must be a date YYYY-MM-DD');
  });

  it('a deputy from 0000-01-01 is refused at its field by the Update\'s arguments, before any handler runs', () => {
    const args = { principal: 'g.cobani@example.al', deputy: { name: 'X Y', email: 'xy@example.al', organisation: 'O' }, from: '0000-01-01', until: '0000-01-02', reason: 'Away.', actor: { email: 'c@example.eu', role: 'coordinator', channel: 'cli' } };
    const parsed = SetDeputyArgs.safeParse(args);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['from']));
  });
});
